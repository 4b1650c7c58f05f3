import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, type TestContext } from '../app';

let ctx: TestContext;
let myndighed: string;
let unge: string;

beforeAll(async () => {
  ctx = await createTestApp();
  myndighed = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  unge = await createUnit(ctx.db, 'Ungeteam og efterværn');
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [myndighed, unge],
  });
  await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unge] });
});
afterAll(() => ctx.close());

/** A logged-in session that can also send raw file bodies, as the browser does. */
async function session(username: string) {
  const login = await ctx.app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'test' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = (method: string, path: string, body?: BodyInit, type = 'application/json') =>
    ctx.app.request(path, {
      method,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrfToken,
        ...(body ? { 'Content-Type': type } : {}),
      },
      body: body ?? null,
    });
  return {
    get: (path: string) => send('GET', path),
    put: (path: string, body: unknown) => send('PUT', path, JSON.stringify(body)),
    upload: (query: string, file: Buffer) =>
      send('POST', `/api/ledger/imports?${query}`, new Uint8Array(file), 'text/csv'),
  };
}

const fixture = (name: string) => readFile(new URL(`../fixtures/ledger/${name}`, import.meta.url));

interface Job {
  status: string;
  progress: number;
  result: {
    postingCount: number;
    lateCount: number;
    errorCount: number;
    encoding: string;
    fileIssues: string[];
    issues: { line: number; column: string; message: string }[];
  } | null;
}

/** Follows the job as the progress bar does until it has finished (a bounded number of looks). */
async function finished(s: Awaited<ReturnType<typeof session>>, jobId: string): Promise<Job> {
  for (let i = 0; i < 500; i++) {
    const job = (await (await s.get(`/api/jobs/${jobId}`)).json()) as Job;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('job did not finish');
}

async function postedSum(unitId: string): Promise<number> {
  const [row] = await ctx.db.query<{ s: number }>(
    `SELECT COALESCE(SUM(p.amount_ore), 0)::bigint AS s FROM ledger_postings p
       JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done' WHERE p.unit_id = $1`,
    [unitId],
  );
  return row?.s ?? 0;
}

describe('ledger import', () => {
  beforeAll(async () => {
    const s = await session('okonomi');
    expect(
      (
        await s.put('/api/ledger/sources/KMD%20Opus', {
          date: 'Bogføringsdato',
          account: 'Kontostreng',
          unit: 'Omkostningssted',
          amount: 'Beløb',
          text: 'Posteringstekst',
          unitCodes: { '4110': myndighed, '4120': unge },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await s.put('/api/ledger/sources/Prisme', {
          date: 'Dato',
          account: 'Konto',
          unit: 'Enhed',
          amount: 'Beløb kr.',
          text: 'Tekst',
        })
      ).status,
    ).toBe(200);
  });

  it('imports a Windows-1252 KMD Opus file with Danish amounts, in the background', async () => {
    const s = await session('okonomi');
    const response = await s.upload(
      'source=KMD%20Opus&year=2026&fileName=opus.csv',
      await fixture('opus-2026-good.csv'),
    );
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const job = await finished(s, jobId);
    expect(job.status).toBe('done');
    expect(job.progress).toBe(100);
    expect(job.result).toMatchObject({ postingCount: 6, errorCount: 0, encoding: 'windows-1252' });
    expect(await postedSum(myndighed)).toBe(12_500_00 + 215_000_00 + 46_940_00 - 1_250_50);
    expect(await postedSum(unge)).toBe(8_000_00 - 2_000_00);

    // Someone who may not import sees no trace of the job.
    const reader = await session('laeser');
    expect((await reader.get(`/api/jobs/${jobId}`)).status).toBe(404);

    const postings = (await (
      await s.get(`/api/ledger/postings?unitId=${myndighed}&year=2026&month=1`)
    ).json()) as {
      postings: { text: string; amount: number }[];
    };
    expect(postings.postings.map((p) => p.text)).toContain('Familiebehandling januar - Ø-gården');
  });

  it('changes nothing when the same file comes again', async () => {
    const s = await session('okonomi');
    const before = await postedSum(myndighed);
    const response = await s.upload(
      'source=KMD%20Opus&year=2026',
      await fixture('opus-2026-good.csv'),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'duplicate', jobId: null });
    expect(await postedSum(myndighed)).toBe(before);
  });

  it('reports every bad line of a UTF-8 file with BOM and imports nothing', async () => {
    const s = await session('okonomi');
    const before = await postedSum(myndighed);
    const response = await s.upload(
      'source=Prisme&year=2026',
      await fixture('prisme-2026-errors.csv'),
    );
    const job = await finished(s, ((await response.json()) as { jobId: string }).jobId);
    expect(job.status).toBe('failed');
    expect(job.result?.encoding).toBe('utf-8');
    const byLine = job.result?.issues.map((i) => [i.line, i.column]);
    expect(byLine).toEqual([
      [3, 'account'],
      [4, 'date'],
      [5, 'amount'],
      [6, 'unit'],
      [7, 'date'],
      [8, 'account'],
      [9, '*'],
    ]);
    expect(job.result?.issues[1]?.message).toBe(
      'Linje 4: datoen 30.12.2025 ligger uden for regnskabsåret 2026.',
    );
    expect(job.result?.issues[2]?.message).toContain('"12.5O0,00"');
    expect(await postedSum(myndighed)).toBe(before);
  });

  it('refuses a file in the wrong encoding and a file in UTF-16', async () => {
    const s = await session('okonomi');
    const declared = await s.upload(
      'source=Prisme&year=2026&encoding=utf-8',
      await fixture('prisme-2026-windows-1252.csv'),
    );
    const job = await finished(s, ((await declared.json()) as { jobId: string }).jobId);
    expect(job.status).toBe('failed');
    expect(job.result?.fileIssues[0]).toContain('kan ikke læses som UTF-8');

    const utf16 = await s.upload('source=Prisme&year=2026', await fixture('prisme-2026-utf16.csv'));
    const job16 = await finished(s, ((await utf16.json()) as { jobId: string }).jobId);
    expect(job16.result?.fileIssues[0]).toContain('UTF-16');

    // Declared correctly, the same Windows-1252 file imports.
    const right = await s.upload(
      'source=Prisme&year=2026&encoding=windows-1252',
      await fixture('prisme-2026-windows-1252.csv'),
    );
    expect((await finished(s, ((await right.json()) as { jobId: string }).jobId)).status).toBe(
      'done',
    );
  });

  it('names a missing column', async () => {
    const s = await session('okonomi');
    const response = await s.upload(
      'source=KMD%20Opus&year=2026',
      await fixture('opus-2026-missing-column.csv'),
    );
    const job = await finished(s, ((await response.json()) as { jobId: string }).jobId);
    expect(job.status).toBe('failed');
    expect(job.result?.fileIssues[0]).toContain('"Beløb"');
  });

  it('flags postings for a month a follow-up round has closed', async () => {
    await ctx.db.query(
      `INSERT INTO followup_rounds (year, name, as_of, intake_params, created_by)
       VALUES (2026, 'Budgetopfølgning 1', '2026-03-31', '{}', 'test')`,
    );
    const s = await session('okonomi');
    const file = Buffer.from(
      'Dato;Konto;Enhed;Beløb kr.;Tekst\n15.03.2026;5.28.21.002.1;Ungeteam og efterværn;700,00;Faktura for marts, modtaget sent\n15.04.2026;5.28.21.002.1;Ungeteam og efterværn;300,00;April\n',
    );
    const response = await s.upload('source=Prisme&year=2026', file);
    const job = await finished(s, ((await response.json()) as { jobId: string }).jobId);
    expect(job.result).toMatchObject({ postingCount: 2, lateCount: 1 });
  });

  it('imports an Excel file from the same source, and reports its bad rows', async () => {
    const s = await session('okonomi');
    const before = await postedSum(myndighed);
    const good = await s.upload('source=Prisme&year=2026', await fixture('prisme-2026-good.xlsx'));
    const job = await finished(s, ((await good.json()) as { jobId: string }).jobId);
    expect(job.result).toMatchObject({ postingCount: 3, errorCount: 0, encoding: 'xlsx' });
    expect(await postedSum(myndighed)).toBe(before + 1_234_50 - 250_00 + 4_694_00);

    const bad = await s.upload('source=Prisme&year=2026', await fixture('prisme-2026-errors.xlsx'));
    const failed = await finished(s, ((await bad.json()) as { jobId: string }).jobId);
    expect(failed.status).toBe('failed');
    expect(failed.result?.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'date'],
      [4, 'amount'],
    ]);
  });

  it('streams a file of many stored chunks: every bad line reported, else every posting kept', async () => {
    const s = await session('okonomi');
    const before = await postedSum(myndighed);
    const lines = Array.from(
      { length: 6000 },
      (_, i) =>
        `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.2026;5.28.21.002.1;4110;1.234,50;Faktura € ${i} – "Ø-gården"`,
    );
    const file = (body: string[]) =>
      iconv.encode(
        `Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst\r\n${body.join('\r\n')}\r\n`,
        'windows-1252',
      );
    const bad = [...lines];
    bad[5990] = bad[5990]!.replace('1.234,50', '1.234,5O');
    const failed = await finished(
      s,
      (
        (await (await s.upload('source=KMD%20Opus&year=2026', file(bad))).json()) as {
          jobId: string;
        }
      ).jobId,
    );
    expect(failed.status).toBe('failed');
    expect(failed.result?.issues.map((i) => [i.line, i.column])).toEqual([[5992, 'amount']]);
    expect(await postedSum(myndighed)).toBe(before);

    const good = await finished(
      s,
      (
        (await (await s.upload('source=KMD%20Opus&year=2026', file(lines))).json()) as {
          jobId: string;
        }
      ).jobId,
    );
    expect(good.result).toMatchObject({
      postingCount: 6000,
      errorCount: 0,
      encoding: 'windows-1252',
    });
    expect(await postedSum(myndighed)).toBe(before + 6000 * 1_234_50);
    const [last] = await ctx.db.query<{ text: string; line_no: number }>(
      `SELECT text, line_no FROM ledger_postings WHERE text LIKE 'Faktura € 5999 %'`,
    );
    expect(last).toEqual({ text: 'Faktura € 5999 – "Ø-gården"', line_no: 6001 });
  });

  it('keeps imports from readers', async () => {
    const s = await session('laeser');
    const response = await s.upload('source=Prisme&year=2026', Buffer.from('x'));
    expect(response.status).toBe(403);
  });
});

describe('CPR numbers in a ledger file', () => {
  it('refuses the whole file naming the line, stores nothing and repeats no CPR number', async () => {
    const s = await session('okonomi');
    const before = await postedSum(unge);
    const file = Buffer.from(
      'Dato;Konto;Enhed;Beløb kr.;Tekst\n' +
        '16.03.2026;5.28.21.002.1;Ungeteam og efterværn;100,00;Kontaktperson marts\n' +
        '17.03.2026;5.28.21.002.1;Ungeteam og efterværn;200,00;Emma Sofie Jensen (010203-1234)\n' +
        '18.03.2026;5.28.21.002.1;Ungeteam og efterværn;300,00;Refusion 0102031234\n',
    );
    const response = await s.upload('source=Prisme&year=2026&fileName=marts.csv', file);
    expect(response.status).toBe(202);
    const job = await finished(s, ((await response.json()) as { jobId: string }).jobId);
    expect(job.status).toBe('failed');
    expect(job.result?.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'text'],
      [4, 'text'],
    ]);
    expect(job.result?.issues[0]?.message).toMatch(/^Linje 3: kolonne 5 ligner et CPR-nummer/);
    expect(JSON.stringify(job)).not.toMatch(/1234/);
    expect(await postedSum(unge)).toBe(before);
  });

  it('refuses a file name with a CPR number before anything is stored', async () => {
    const s = await session('okonomi');
    const [{ n: imports } = { n: 0 }] = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ledger_imports',
    );
    const response = await s.upload(
      'source=Prisme&year=2026&fileName=' + encodeURIComponent('Emma 010203-1234.csv'),
      Buffer.from('Dato;Konto;Enhed;Beløb kr.;Tekst\n'),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { issues: { path: string; code: string }[] };
    expect(body.issues).toEqual([
      expect.objectContaining({ path: 'fileName', code: 'cpr_number' }),
    ]);
    const [{ n: after } = { n: 0 }] = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ledger_imports',
    );
    expect(after).toBe(imports);
  });
});

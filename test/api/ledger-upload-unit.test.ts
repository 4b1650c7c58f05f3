import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../src/server/jobs/worker';
import { removeOrphanUploads } from '../../src/server/services/ledger-service';
import { createTestApp, createUnit, createUser, type TestContext } from '../app';

/**
 * An upload is one unit: it becomes a job, or nothing of it remains, whatever happens to the
 * request or the process receiving it; and an import that was done stays done when its job is
 * run again after a crash.
 */

let ctx: TestContext;
let unit: string;

beforeAll(async () => {
  ctx = await createTestApp();
  unit = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unit] });
  const s = await session();
  const source = await s.send('PUT', '/api/ledger/sources/KMD%20Opus', {
    body: JSON.stringify({
      date: 'Bogføringsdato',
      account: 'Kontostreng',
      unit: 'Omkostningssted',
      amount: 'Beløb',
      text: 'Posteringstekst',
      unitCodes: { '4110': unit, '4120': unit },
    }),
    type: 'application/json',
  });
  expect(source.status).toBe(200);
});
afterAll(() => ctx.close());

async function session() {
  const login = await ctx.app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'okonomi', password: 'test' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    send: (method: string, path: string, o: { body?: BodyInit; type?: string } = {}) =>
      Promise.resolve(
        ctx.app.request(path, {
          method,
          headers: {
            Cookie: cookie,
            'X-CSRF-Token': csrfToken,
            ...(o.type ? { 'Content-Type': o.type } : {}),
            // As a browser sends a file: its length announced, the bytes streamed.
            ...(o.body instanceof ReadableStream
              ? { 'Content-Length': String(10 * 1024 * 1024) }
              : {}),
          },
          body: o.body ?? null,
          ...(o.body instanceof ReadableStream ? { duplex: 'half' } : {}),
        }),
      ),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 200 KB of ledger lines, then the body stalls until `end` is called (with an error or not). */
function stallingBody(): { body: ReadableStream<Uint8Array>; end: (error?: Error) => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const line = '05.01.2026;5.28.21.002.1;4110;12.500,00;Familiebehandling januar\n';
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(
        Buffer.from('Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst\n', 'latin1'),
      );
      c.enqueue(Buffer.from(line.repeat(Math.ceil(200_000 / line.length)), 'latin1'));
    },
  });
  return {
    body,
    end: (error) => (error ? controller.error(error) : controller.close()),
  };
}

async function tableCounts() {
  const [row] = await ctx.db.query<{ imports: number; chunks: number; jobs: number }>(
    `SELECT (SELECT count(*) FROM ledger_imports WHERE file_name = 'stalled.csv')::int AS imports,
            (SELECT count(*) FROM ledger_import_chunks c JOIN ledger_imports i ON i.id = c.import_id
              WHERE i.file_name = 'stalled.csv')::int AS chunks,
            (SELECT count(*) FROM jobs WHERE kind = 'ledger.import')::int AS jobs`,
  );
  return row;
}

async function untilChunksArrived(): Promise<void> {
  for (let i = 0; i < 200 && !(await tableCounts())?.chunks; i++) await sleep(20);
}

describe('a ledger upload', () => {
  it('leaves nothing when its body breaks off', async () => {
    const s = await session();
    const jobsBefore = (await tableCounts())?.jobs;
    const { body, end } = stallingBody();
    const answer = s.send(
      'POST',
      '/api/ledger/imports?source=KMD%20Opus&year=2026&fileName=stalled.csv',
      {
        body,
        type: 'text/csv',
      },
    );
    await untilChunksArrived();
    end(new Error('the client went away'));
    await answer;
    expect(await tableCounts()).toEqual({ imports: 0, chunks: 0, jobs: jobsBefore });
    const list = (await (await s.send('GET', '/api/ledger/imports')).json()) as {
      fileName: string;
    }[];
    expect(list.map((i) => i.fileName)).not.toContain('stalled.csv');
  });

  it('is no import while it arrives, and what a crash leaves of it is removed at start with an audit row', async () => {
    const s = await session();
    const { body, end } = stallingBody();
    const answer = s.send(
      'POST',
      '/api/ledger/imports?source=KMD%20Opus&year=2026&fileName=stalled.csv',
      {
        body,
        type: 'text/csv',
      },
    );
    await untilChunksArrived();
    // What is in the database now is what a crash of the receiving process would leave.
    const list = (await (await s.send('GET', '/api/ledger/imports')).json()) as {
      fileName: string;
    }[];
    expect(list.map((i) => i.fileName)).not.toContain('stalled.csv');
    // An upload still arriving is not removed (it may be another process's)…
    expect(await removeOrphanUploads(ctx.db)).toEqual({ uploads: 0, chunks: 0 });
    expect((await tableCounts())?.imports).toBe(1);
    // …but at the start of the only process that can receive (PGlite), or once silent a minute.
    if (ctx.db.kind === 'pglite') {
      expect((await removeOrphanUploads(ctx.db, { atStartOf: new Date() })).uploads).toBe(1);
    } else {
      await ctx.db.query(
        `UPDATE ledger_imports SET received_at = now() - interval '61 seconds' WHERE file_name = 'stalled.csv'`,
      );
      expect((await removeOrphanUploads(ctx.db)).uploads).toBe(1);
    }
    expect(await tableCounts()).toMatchObject({ imports: 0, chunks: 0 });
    const [audit] = await ctx.db.query<{
      actor_username: string;
      before: { bytesReceived: number };
    }>(`SELECT actor_username, before FROM audit_log WHERE action = 'ledger.upload.discard'`);
    expect(audit?.actor_username).toBe('system');
    expect(audit?.before.bytesReceived).toBeGreaterThan(0);
    end(new Error('the process is gone'));
    await answer;
  });
});

describe('an import done before a crash stopped its job', () => {
  it('keeps its postings, neither lost nor doubled, when the job is taken over', async () => {
    const s = await session();
    const file = await readFile(new URL('../fixtures/ledger/opus-2026-good.csv', import.meta.url));
    const response = await s.send(
      'POST',
      '/api/ledger/imports?source=KMD%20Opus&year=2026&fileName=once.csv',
      {
        body: new Uint8Array(file),
        type: 'text/csv',
      },
    );
    expect(response.status).toBe(202);
    const { jobId, importId } = (await response.json()) as { jobId: string; importId: string };
    await drainJobs(ctx.db);
    const postings = async () =>
      (
        await ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id
            WHERE i.id = $1 AND i.status = 'done'`,
          [importId],
        )
      )[0]?.n;
    expect(await postings()).toBe(6);
    // The process stopped after the import was done, before its job was: running, silent.
    await ctx.db.query(
      `UPDATE jobs SET status = 'running', finished_at = NULL, heartbeat_at = now() - interval '1 minute'
        WHERE id = $1`,
      [jobId],
    );
    await drainJobs(ctx.db);
    const job = (await (await s.send('GET', `/api/jobs/${jobId}`)).json()) as {
      status: string;
      result: { postingCount: number };
    };
    expect(job).toMatchObject({ status: 'done', result: { postingCount: 6 } });
    expect(await postings()).toBe(6);
  });
});

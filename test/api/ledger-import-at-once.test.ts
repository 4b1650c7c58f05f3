import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeUpload,
  findLedgerImport,
  insertLedgerImport,
  upsertLedgerSource,
} from '../../src/db/repositories/ledger';
import { runLedgerImport, storeUpload } from '../../src/server/jobs/ledger-import';
import { createTestApp, createUnit, type TestContext } from '../app';

let ctx: TestContext;
let east: string;
let west: string;
beforeAll(async () => {
  ctx = await createTestApp();
  east = await createUnit(ctx.db, 'Familieafdelingen Øst');
  west = await createUnit(ctx.db, 'Familieafdelingen Vest');
  await upsertLedgerSource(
    ctx.db,
    'KMD Opus',
    {
      date: 'Bogføringsdato',
      account: 'Kontostreng',
      unit: 'Omkostningssted',
      amount: 'Beløb',
      text: 'Posteringstekst',
      unitCodes: { '4310': east, '4320': west },
    },
    new Date(),
  );
});
afterAll(() => ctx.close());

/** A KMD Opus file (Windows-1252) of `lines` postings of 100,25 kr. to one unit code. */
function ledgerFile(lines: number, unitCode: string, tag: string): Buffer {
  const body = Array.from(
    { length: lines },
    (_, i) =>
      `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.2026;5.28.21.002.1;${unitCode};100,25;${tag} ${i}`,
  );
  return iconv.encode(
    `Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst\r\n${body.join('\r\n')}\r\n`,
    'windows-1252',
  );
}

/** Receives a file as the upload route does (in 64 KB parts) and returns its queued import. */
async function upload(file: Buffer, fileName: string): Promise<string> {
  const importId = await insertLedgerImport(ctx.db, {
    source: 'KMD Opus',
    year: 2026,
    fileName,
    encoding: 'auto',
    createdBy: 'okonomi',
  });
  async function* parts() {
    for (let at = 0; at < file.length; at += 64 * 1024) {
      await Promise.resolve();
      yield file.subarray(at, at + 64 * 1024);
    }
  }
  const stored = await storeUpload(ctx.db, importId, parts());
  expect(stored.byteSize).toBe(file.length);
  await ctx.db.transaction((tx) => completeUpload(tx, importId, { ...stored, status: 'queued' }));
  return importId;
}

async function posted(unitId: string): Promise<{ n: number; sum: number }> {
  const [row] = await ctx.db.query<{ n: number; sum: number }>(
    `SELECT count(*)::int AS n, COALESCE(SUM(p.amount_ore), 0)::bigint AS sum FROM ledger_postings p
       JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done' WHERE p.unit_id = $1`,
    [unitId],
  );
  return row ?? { n: 0, sum: 0 };
}

const noProgress = () => Promise.resolve();

describe('ledger imports running at the same time', () => {
  it('keeps each file whole: two good files both land, a bad one beside them lands nothing', async () => {
    const [a, b, bad] = [
      await upload(ledgerFile(12_000, '4310', 'Øst'), 'oest.csv'),
      await upload(ledgerFile(9_000, '4320', 'Vest'), 'vest.csv'),
      await upload(
        Buffer.concat([
          ledgerFile(11_000, '4310', 'Forkert'),
          Buffer.from('31.02.2026;5.28.21.002.1;4310;1,00;x\r\n'),
        ]),
        'forkert.csv',
      ),
    ];
    const reports = await Promise.all(
      [a, b, bad].map((id) => runLedgerImport(ctx.db, id, noProgress)),
    );
    expect(reports.map((r) => [r.postingCount, r.errorCount])).toEqual([
      [12_000, 0],
      [9_000, 0],
      [11_000, 1],
    ]);
    // the bad line is the file's last (line 11.002, after the header), named in Danish
    expect(reports[2]?.issues).toMatchObject([
      {
        line: 11_002,
        column: 'date',
        message: 'Linje 11002: "31.02.2026" er ikke en gyldig dato.',
      },
    ]);
    expect(await posted(east)).toEqual({ n: 12_000, sum: 12_000 * 100_25 });
    expect(await posted(west)).toEqual({ n: 9_000, sum: 9_000 * 100_25 });
    expect((await findLedgerImport(ctx.db, bad))?.status).toBe('failed');
    const [left] = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ledger_postings WHERE import_id = $1',
      [bad],
    );
    expect(left?.n).toBe(0);
  });

  it('imports the same file sent twice at once only once', async () => {
    const before = await posted(west);
    const file = ledgerFile(7_000, '4320', 'Dobbelt');
    const ids = [await upload(file, 'dobbelt-1.csv'), await upload(file, 'dobbelt-2.csv')];
    await Promise.all(ids.map((id) => runLedgerImport(ctx.db, id, noProgress)));
    const statuses = await Promise.all(
      ids.map(async (id) => (await findLedgerImport(ctx.db, id))?.status),
    );
    expect(statuses.sort()).toEqual(['done', 'duplicate']);
    expect(await posted(west)).toEqual({ n: before.n + 7_000, sum: before.sum + 7_000 * 100_25 });
  });
});

describe('what a posting refers to', () => {
  it('refuses a posting of a unit or an import that does not exist, and keeps a unit or an import that has postings', async () => {
    const [imp] = await ctx.db.query<{ id: string }>(
      `SELECT id FROM ledger_imports WHERE status = 'done' LIMIT 1`,
    );
    const insert = (importId: string, unitId: string) =>
      ctx.db.query(
        `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_string, amount_ore)
         VALUES ($1, 2, '2026-01-05', $2, '5.28.21', '5.28.21.002.1', 100)`,
        [importId, unitId],
      );
    const nobody = '00000000-0000-4000-8000-000000000000';
    const refused = (what: string) => ({
      code: '23503',
      message: expect.stringContaining(what) as unknown,
    });
    await expect(insert(imp?.id ?? '', nobody)).rejects.toMatchObject(refused(`unit ${nobody}`));
    await expect(insert(nobody, east)).rejects.toMatchObject(refused(`import ${nobody}`));
    await expect(ctx.db.query('DELETE FROM units WHERE id = $1', [east])).rejects.toMatchObject(
      refused('still has ledger postings'),
    );
    await expect(
      ctx.db.query('DELETE FROM ledger_imports WHERE id = $1', [imp?.id]),
    ).rejects.toMatchObject(refused('still has postings'));
    expect(await posted(east)).toEqual({ n: 12_000, sum: 12_000 * 100_25 });
  });
});

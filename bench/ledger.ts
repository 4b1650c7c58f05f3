/**
 * Ledger import benchmark: 1.000.000 postings in a KMD Opus style file (Windows-1252,
 * semicolons, Danish amounts) imported through the product — stored in chunks, streamed,
 * every line validated, postings inserted in batches, all or nothing — against a plain
 * `COPY` of the same file into a table of text columns. Reports the time of each, the ratio
 * and the peak resident memory of this process (which plays the server).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres NODE_OPTIONS=--expose-gc npx tsx bench/ledger.ts
 *   BENCH_LINES=100000 npx tsx bench/ledger.ts            # PGlite, smaller
 */
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  insertLedgerImport,
  setImportFile,
  upsertLedgerSource,
} from '../src/db/repositories/ledger';
import { runLedgerImport, storeUpload } from '../src/server/jobs/ledger-import';
import { writeLedgerFile } from './generator/ledger';
import { openBenchDatabase } from './database';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const UNITS = 40;

async function main(): Promise<void> {
  const { db, kind, drop } = await openBenchDatabase();
  const file = path.join(os.tmpdir(), `ledger-bench-${LINES}.csv`);
  try {
    const [center] = await db.query<{ id: string }>(
      `INSERT INTO centers (name) VALUES ('Center') RETURNING id`,
    );
    const unitCodes: Record<string, string> = {};
    for (let i = 0; i < UNITS; i++) {
      const [u] = await db.query<{ id: string }>(
        'INSERT INTO units (center_id, name) VALUES ($1, $2) RETURNING id',
        [center?.id, `Enhed ${i + 1}`],
      );
      unitCodes[String(4100 + i)] = u?.id ?? '';
    }
    await upsertLedgerSource(db, 'KMD Opus', {
      date: 'Bogføringsdato',
      account: 'Kontostreng',
      unit: 'Omkostningssted',
      amount: 'Beløb',
      text: 'Posteringstekst',
      unitCodes,
    });
    const { sumOre } = await writeLedgerFile({
      path: file,
      lines: LINES,
      year: 2026,
      unitCodes: Object.keys(unitCodes),
    });
    const bytes = (await stat(file)).size;

    // The server never writes the file: collect the generator's garbage before measuring.
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);

    const start = performance.now();
    const importId = await insertLedgerImport(db, {
      source: 'KMD Opus',
      year: 2026,
      fileName: 'bench.csv',
      encoding: 'auto',
      createdBy: 'bench',
    });
    const stored = await storeUpload(db, importId, createReadStream(file));
    await setImportFile(db, importId, stored.sha256, stored.byteSize);
    const storedMs = performance.now() - start;
    let lastProgress = 0;
    const report = await runLedgerImport(db, importId, async (p) => {
      lastProgress = p;
      await Promise.resolve();
    });
    const importMs = performance.now() - start;
    clearInterval(sampler);
    const [check] = await db.query<{ n: number; s: number }>(
      'SELECT count(*)::int AS n, SUM(amount_ore)::bigint AS s FROM ledger_postings WHERE import_id = $1',
      [importId],
    );
    if (report.errorCount > 0 || check?.n !== LINES || check.s !== sumOre) {
      throw new Error(
        `import wrong: ${JSON.stringify({ errors: report.errorCount, n: check?.n, s: check?.s, sumOre })}`,
      );
    }

    let copyMs: number | null = null;
    if (db.kind === 'postgresql') {
      await db.query(
        'CREATE TABLE bench_copy (posted_on text, account text, unit text, amount text, text text)',
      );
      const t0 = performance.now();
      await db.query(
        `COPY bench_copy FROM '${file}' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'WIN1252')`,
      );
      copyMs = performance.now() - t0;
    }
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    console.log(
      JSON.stringify(
        {
          database: kind,
          lines: LINES,
          fileMB: mb(bytes),
          storeUploadSeconds: +(storedMs / 1000).toFixed(1),
          importSeconds: +(importMs / 1000).toFixed(1),
          copySeconds: copyMs === null ? null : +(copyMs / 1000).toFixed(1),
          ratioToCopy: copyMs === null ? null : +(importMs / copyMs).toFixed(1),
          rssBeforeImportMB: mb(rssBefore),
          peakRssMB: mb(peakRss),
          lastProgress,
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(file, { force: true });
    await drop();
  }
}

await main();

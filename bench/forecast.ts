/**
 * Forecast benchmark: the forecast of every unit of a large municipality — 40 units × 6
 * account functions with budgets and ten years of postings (2016–2025), and 20.000 cases
 * (about 60.000 interventions) from the deterministic case generator for the committed
 * cost — for 2025 as of 31.10.2025, as `GET /api/forecast` computes it (actuals, commitments
 * for the year and the three earlier years, intake, adjustments). Goal: ≤ 1 s. The first
 * run computes the commitments (cold), and so does a run after a rate is touched (the
 * commitments' version is bumped); later runs reuse them while the cases are unchanged
 * (warm). Reports wall time, this process's CPU time for the cold runs and the load average.
 *
 *   npx tsx bench/forecast.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/forecast.ts
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { insertPostings, type PostingBatch } from '../src/db/repositories/ledger';
import { SYSTEM_ACTOR } from '../src/domain/access';
import { writeCasesDocument } from '../src/domain/cases';
import type { AppDeps } from '../src/server/context';
import { loadConfig } from '../src/server/env';
import { importCases } from '../src/server/services/case-service';
import { ensureProviders } from '../src/db/repositories/providers';
import { distinctProviders } from '../src/domain/providers';
import { getForecast } from '../src/server/services/forecast-service';
import { generateCases } from '../src/server/demo/generator/generator';
import { Random } from '../src/server/demo/generator/random';
import { openBenchDatabase } from './database';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const UNITS = 40;
const FUNCTIONS = ['5.28.20', '5.28.21', '5.28.22', '5.28.23', '5.28.24', '5.28.25'];
const RUNS = 10;
const COLD_RUNS = 3;

async function main(): Promise<void> {
  const { db, kind, drop } = await openBenchDatabase();
  try {
    const deps: AppDeps = {
      db,
      config: loadConfig({ DEMO: '0' }),
      logger: pino({ level: 'silent' }),
      now: () => new Date('2025-11-15T10:00:00Z'),
    };
    const [center] = await db.query<{ id: string }>(
      `INSERT INTO centers (name) VALUES ('Center') RETURNING id`,
    );
    const caseUnits = {
      children: 'Myndighed børn',
      youth: 'Ungeteam og efterværn',
      disability: 'Børnehandicap',
    };
    const unitIds: string[] = [];
    for (let i = 0; i < UNITS; i++) {
      const name = Object.values(caseUnits)[i] ?? `Enhed ${i + 1}`;
      const [u] = await db.query<{ id: string }>(
        'INSERT INTO units (center_id, name) VALUES ($1, $2) RETURNING id',
        [center?.id, name],
      );
      unitIds.push(u?.id ?? '');
    }
    const generated = generateCases({
      seed: 42,
      cases: CASES,
      fromYear: 2016,
      toYear: 2025,
      units: caseUnits,
    });
    // the providers the cases name are in the register first (an import never registers one)
    await ensureProviders(db, distinctProviders(generated.cases), 'bench', new Date());
    await importCases(
      deps,
      SYSTEM_ACTOR,
      writeCasesDocument(generated.cases, generated.rates),
      'bench',
    );

    const random = new Random(11);
    let postings = 0;
    for (let year = 2016; year <= 2025; year++) {
      const [imp] = await db.query<{ id: string }>(
        `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
         VALUES ('bench', $1, 'bench.csv', $2, 0, 'done', 'bench') RETURNING id`,
        [year, `bench-${year}`],
      );
      const b: PostingBatch = {
        lineNo: [],
        postedOn: [],
        unitId: [],
        accountFunction: [],
        group: [],
        dranst: [],
        accountString: [],
        amountOre: [],
        text: [],
        isLate: [],
      };
      for (const unitId of unitIds) {
        for (const fn of FUNCTIONS) {
          await db.query(
            `INSERT INTO budget_lines (unit_id, account_function, year, original_ore) VALUES ($1, $2, $3, $4)`,
            [unitId, fn, year, 1_000_000_00 + Math.round(random.next() * 1_000_000_00)],
          );
          for (let m = 1; m <= 12; m++) {
            for (let p = 0; p < 5; p++) {
              b.lineNo.push(b.lineNo.length + 2);
              b.postedOn.push(
                `${year}-${String(m).padStart(2, '0')}-${String(1 + p * 5).padStart(2, '0')}`,
              );
              b.unitId.push(unitId);
              b.accountFunction.push(fn);
              b.group.push('001');
              b.dranst.push('1');
              b.accountString.push(`${fn}.001.1`);
              b.amountOre.push(Math.round(random.next() * 3_000_000_00));
              b.text.push('Udgift');
              b.isLate.push(false);
            }
          }
        }
      }
      await insertPostings(db, imp?.id ?? '', b);
      postings += b.lineNo.length;
    }

    const run = async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const f = await getForecast(deps, SYSTEM_ACTOR, {
        year: 2025,
        asOf: '2025-10-31',
        intake: { method: 'mean', years: 3, factorPercent: 100 },
      });
      const c = process.cpuUsage(c0);
      return { f, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
    };
    // Cold: the first run, and runs after a rate is touched (the commitments' version
    // is bumped, so the committed cost is computed again).
    const cold: { ms: number; cpuMs: number }[] = [];
    const times: number[] = [];
    let units = 0;
    for (let i = 0; i < COLD_RUNS; i++) {
      if (i > 0) await db.query('UPDATE case_rates SET updated_at = now()');
      const r = await run();
      cold.push({ ms: r.ms, cpuMs: r.cpuMs });
      units = r.f.units.length;
    }
    for (let i = 0; i < RUNS; i++) times.push((await run()).ms);
    times.sort((a, b) => a - b);
    const coldMs = cold.map((c) => c.ms).sort((a, b) => a - b);
    const load = loadavg().map((l) => l.toFixed(2));
    console.log(
      JSON.stringify(
        {
          database: kind,
          units,
          functions: FUNCTIONS.length,
          cases: CASES,
          interventions: generated.cases.reduce((s, c) => s + c.interventions.length, 0),
          postings,
          coldRuns: COLD_RUNS,
          coldMs: cold.map((c) => Math.round(c.ms)),
          coldMedianMs: Math.round(coldMs[Math.floor(COLD_RUNS / 2)] ?? 0),
          coldNodeCpuMs: cold.map((c) => Math.round(c.cpuMs)),
          warmRuns: RUNS,
          warmFastestMs: Math.round(times[0] ?? 0),
          warmMedianMs: Math.round(times[Math.floor(RUNS / 2)] ?? 0),
          warmMaxMs: Math.round(times[RUNS - 1] ?? 0),
          loadAverage: load,
        },
        null,
        2,
      ),
    );
  } finally {
    await drop();
  }
}

await main();

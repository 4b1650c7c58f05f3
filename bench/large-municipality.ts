/**
 * A large municipality's decade on PostgreSQL: the generator's `large` size (23.000 cases,
 * about 60.000 interventions, 2016–2025; 40 units × 6 account functions with budgets; ten
 * yearly ledger files of 1.000.000 postings each, imported through the product's import, one
 * after the other into the growing table). Then, each in a fresh app-server process (nothing
 * kept from an earlier read: cold), as of 31.10.2025:
 *
 * - the full commitment statement for 2025 by category (goal ≤ 1 s);
 * - the forecast of every unit (goal ≤ 1 s cold);
 * - after a change: what the background job 'figures.keep' (migration 0033) takes to compute
 *   and keep the forecasts and expected overspend the front page opens at (every kept answer
 *   removed first, as a change makes them stale);
 * - the front page's requests as a browser sends them, at once, through the app with a
 *   logged-in `ledelse` user, at the year and as-of date the page opens at (from the booked
 *   period): organisation, booked period, the plans required and the year's plans, forecast,
 *   follow-up rounds; server time = until the last answer (goal ≤ 300 ms), then the backtest
 *   the page loads after its figures, and every unit's reviews due (the list Gennemgange opens
 *   with for management);
 *
 * and the database's size and the app server's resident memory after those reads.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/large-municipality.ts
 *   BENCH_POSTINGS_PER_YEAR=200000 …   # a fraction of the ledger (BENCH_CASES: of the cases)
 *   BENCH_KEEP_SCHEMA=bench_xxxxxxxx … # measure again on a schema kept from an earlier run
 *   BENCH_FORGET_KEPT=1 …              # no answer kept in the database either (cold after a change)
 *
 * Cold means a fresh process: nothing kept in its memory. The forecast and backtest a server
 * computed are also kept in the database for every server (`kept_figures`, migration 0032), so
 * a fresh process reads them there, and the front page's forecast is what the background job
 * kept just before it; `BENCH_FORGET_KEPT` removes them first, which is what a read after a
 * change finds before the job has kept the new figures.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { completeUpload, insertLedgerImport } from '../src/db/repositories/ledger';
import { ensureProviders } from '../src/db/repositories/providers';
import { insertUser } from '../src/db/repositories/users';
import { SYSTEM_ACTOR } from '../src/domain/access';
import { writeCasesDocument } from '../src/domain/cases';
import { distinctProviders } from '../src/domain/providers';
import { defaultAsOf, openingYear } from '../src/domain/budget/booked-period';
import { dateAt, type IsoDate } from '../src/domain/months';
import type { AppDeps } from '../src/server/context';
import { MUNICIPALITY_SIZES, generateCases } from '../src/server/demo/generator/generator';
import { Random } from '../src/server/demo/generator/random';
import { loadConfig } from '../src/server/env';
import { hashPassword } from '../src/server/passwords';
import { saveBenchLedgerSource, writeLedgerFile } from './generator/ledger';

const SIZE = MUNICIPALITY_SIZES.large;
const POSTINGS_PER_YEAR = Number(process.env.BENCH_POSTINGS_PER_YEAR ?? SIZE.postingsPerYear);
const CASES = Number(process.env.BENCH_CASES ?? SIZE.cases);
const FUNCTIONS = ['5.28.20', '5.28.21', '5.28.22', '5.28.23', '5.28.24', '5.28.25'];
const YEAR = 2025;
const AS_OF = '2025-10-31' as IsoDate;
const NOW = new Date('2025-11-15T10:00:00Z');
const URL_ = process.env.BENCH_DATABASE_URL ?? '';
const load = () => os.loadavg().map((l) => +l.toFixed(1));
const secondsSince = (t0: number) => +((performance.now() - t0) / 1000).toFixed(2);

function deps(db: Database): AppDeps {
  return {
    db,
    config: loadConfig({ DEMO: '0' }),
    logger: pino({ level: 'silent' }),
    now: () => NOW,
  };
}

/** Builds the municipality in `schema`; prints what each part took. */
async function seed(db: Database): Promise<void> {
  const d = deps(db);
  const [center] = await db.query<{ id: string }>(
    `INSERT INTO centers (name) VALUES ('Center for Børn og Unge') RETURNING id`,
  );
  const caseUnits = {
    children: 'Myndighed børn',
    youth: 'Ungeteam og efterværn',
    disability: 'Børnehandicap',
  };
  const unitIds: string[] = [];
  const unitCodes: Record<string, string> = {};
  for (let i = 0; i < SIZE.units; i++) {
    const name = Object.values(caseUnits)[i] ?? `Enhed ${i + 1}`;
    const [u] = await db.query<{ id: string }>(
      'INSERT INTO units (center_id, name) VALUES ($1, $2) RETURNING id',
      [center?.id, name],
    );
    unitIds.push(u?.id ?? '');
    unitCodes[String(4100 + i)] = u?.id ?? '';
  }
  const passwordHash = await hashPassword('bench');
  await db.transaction((tx) =>
    insertUser(tx, {
      username: 'ledelse',
      displayName: 'Ledelse',
      passwordHash,
      roles: ['ledelse'],
      unitIds: [],
    }),
  );

  let t0 = performance.now();
  const generated = generateCases({
    seed: 42,
    cases: CASES,
    fromYear: SIZE.fromYear,
    toYear: SIZE.toYear,
    units: caseUnits,
  });
  await ensureProviders(db, distinctProviders(generated.cases), 'bench', NOW);
  const { importCases } = await import('../src/server/services/case-service');
  await importCases(d, SYSTEM_ACTOR, writeCasesDocument(generated.cases, generated.rates), 'bench');
  const interventions = generated.cases.reduce((s, c) => s + c.interventions.length, 0);
  console.error(
    `cases ${generated.cases.length}, interventions ${interventions}: ${secondsSince(t0)} s, load ${load().join(' ')}`,
  );

  const random = new Random(11);
  for (let year = SIZE.fromYear; year <= SIZE.toYear; year++) {
    for (const unitId of unitIds) {
      for (const fn of FUNCTIONS) {
        await db.query(
          `INSERT INTO budget_lines (unit_id, account_function, year, original_ore) VALUES ($1, $2, $3, $4)`,
          [unitId, fn, year, 1_000_000_00 + Math.round(random.next() * 1_000_000_00)],
        );
      }
    }
  }
  await saveBenchLedgerSource(db, unitCodes, NOW);
  const { runLedgerImport, storeUpload } = await import('../src/server/jobs/ledger-import');
  for (let year = SIZE.fromYear; year <= SIZE.toYear; year++) {
    const file = path.join(os.tmpdir(), `large-municipality-${process.pid}-${year}.csv`);
    await writeLedgerFile({
      path: file,
      lines: POSTINGS_PER_YEAR,
      year,
      unitCodes: Object.keys(unitCodes),
      seed: year,
    });
    t0 = performance.now();
    const importId = await insertLedgerImport(db, {
      source: 'KMD Opus',
      year,
      fileName: `opus-${year}.csv`,
      encoding: 'auto',
      createdBy: 'bench',
    });
    const stored = await storeUpload(db, importId, createReadStream(file));
    await db.transaction((tx) => completeUpload(tx, importId, { ...stored, status: 'queued' }));
    const report = await runLedgerImport(db, importId, () => Promise.resolve());
    await rm(file, { force: true });
    if (report.errorCount > 0 || report.fileIssues.length > 0) {
      throw new Error(`import of ${year} failed: ${JSON.stringify(report).slice(0, 300)}`);
    }
    console.error(
      `ledger ${year}: ${report.postingCount} postings imported in ${secondsSince(t0)} s, load ${load().join(' ')}`,
    );
  }
  await db.query('ANALYZE');
}

type Mode = 'statement' | 'forecast' | 'keep' | 'front-page';

/** One fresh app-server process: a cold read of one kind, then its memory. */
async function child(mode: Mode): Promise<void> {
  const db = openPostgres({
    connectionString: URL_,
    options: `-c search_path=${process.env.BENCH_SCHEMA}`,
  });
  const d = deps(db);
  const out: Record<string, unknown> = { mode };
  if (process.env.BENCH_FORGET_KEPT) await db.query('DELETE FROM kept_figures');
  out.keptInDatabase = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kept_figures')
  )[0]?.n;
  try {
    if (mode === 'statement') {
      const { statement } = await import('../src/server/services/commitments/statements');
      for (const run of ['cold', 'warm']) {
        const t0 = performance.now();
        await statement(d, SYSTEM_ACTOR, { year: YEAR, asOf: AS_OF, by: 'category' });
        out[`${run}Seconds`] = secondsSince(t0);
      }
    } else if (mode === 'forecast') {
      const { getForecast } = await import('../src/server/services/forecast-service');
      for (const run of ['cold', 'warm']) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const f = await getForecast(d, SYSTEM_ACTOR, {
          year: YEAR,
          asOf: AS_OF,
          intake: { method: 'mean', years: 3, factorPercent: 100 },
        });
        out[`${run}Seconds`] = secondsSince(t0);
        const c = process.cpuUsage(c0);
        out[`${run}NodeCpuSeconds`] = +((c.user + c.system) / 1e6).toFixed(2);
        out.units = f.units.length;
      }
    } else if (mode === 'keep') {
      // What the background job 'figures.keep' does after a change (migration 0033), in a fresh
      // process: the change has made every kept answer stale (removed here), and the job
      // computes and keeps the forecasts the front page opens at, for every reader's scope.
      await db.query('DELETE FROM kept_figures');
      const { keepOpeningFigures } = await import('../src/server/jobs/keep-figures');
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      Object.assign(out, await keepOpeningFigures(d));
      out.jobSeconds = secondsSince(t0);
      const c = process.cpuUsage(c0);
      out.jobNodeCpuSeconds = +((c.user + c.system) / 1e6).toFixed(2);
    } else {
      const { createApp } = await import('../src/server/app');
      const app = createApp(d);
      const login = await app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'ledelse', password: 'bench' }),
      });
      if (login.status !== 200) throw new Error(`login: ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const get = async (url: string) => {
        const t0 = performance.now();
        const r = await app.request(url, { headers: { Cookie: cookie } });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
        return { url, ms: Math.round(performance.now() - t0) };
      };
      // the year and as-of date the page opens at, from the booked period, as the browser does
      const booked = await app.request('/api/ledger/booked-period', {
        headers: { Cookie: cookie },
      });
      const { bookedThrough } = (await booked.json()) as { bookedThrough: string | null };
      const year = openingYear(bookedThrough, dateAt(NOW));
      const asOf = defaultAsOf(year, bookedThrough, dateAt(NOW));
      out.opensAt = asOf;
      // what the front page asks for a `ledelse` user (no tasks, no reviews panel: those are a
      // rådgiver's and a head of unit's)
      const page = [
        '/api/organisation',
        '/api/ledger/booked-period',
        `/api/action-plans/required?year=${year}`,
        `/api/action-plans?year=${year}`,
        `/api/forecast?year=${year}&asOf=${asOf}`,
        `/api/follow-up/rounds?year=${year}`,
      ];
      for (const run of ['cold', 'warm']) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const answers = await Promise.all(page.map(get));
        out[`${run}Seconds`] = secondsSince(t0);
        const c = process.cpuUsage(c0);
        out[`${run}NodeCpuSeconds`] = +((c.user + c.system) / 1e6).toFixed(2);
        out[`${run}Requests`] = Object.fromEntries(answers.map((a) => [a.url, a.ms]));
        const backtest = await get(`/api/forecast/backtest?beforeYear=${year}&months=10`);
        out[`${run}BacktestSeconds`] = +(backtest.ms / 1000).toFixed(2);
        // Gennemgange: every unit's reviews due, as management opens the list
        const due = await get('/api/reviews/due');
        out[`${run}ReviewsDueSeconds`] = +(due.ms / 1000).toFixed(2);
      }
    }
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = (key: string) =>
      Math.round(Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    out.rssMB = kb('VmRSS');
    out.peakRssMB = kb('VmHWM');
    out.heapUsedMB = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
    out.loadAverage = load();
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await db.close();
  }
}

async function inChild(schema: string, mode: Mode): Promise<Record<string, unknown>> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, LARGE_BENCH_CHILD: mode, BENCH_SCHEMA: schema },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  if (code !== 0) throw new Error(`${mode} exited with ${code}: ${out}`);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

async function main(): Promise<void> {
  if (!URL_) throw new Error('BENCH_DATABASE_URL is needed (PostgreSQL only)');
  const admin = openPostgres({ connectionString: URL_, max: 1 });
  const kept = process.env.BENCH_KEEP_SCHEMA;
  const schema = kept ?? `bench_${Math.random().toString(16).slice(2, 10)}`;
  try {
    if (kept) {
      // a schema kept from an earlier run gets the migrations added since
      const db = openPostgres({ connectionString: URL_, options: `-c search_path=${schema}` });
      await migrate(db).finally(() => db.close());
    } else {
      await admin.query(`CREATE SCHEMA ${schema}`);
      const db = openPostgres({ connectionString: URL_, options: `-c search_path=${schema}` });
      try {
        await migrate(db);
        const t0 = performance.now();
        await seed(db);
        console.error(`seeded schema ${schema} in ${secondsSince(t0)} s`);
      } finally {
        await db.close();
      }
    }
    const results = [];
    for (const mode of ['statement', 'forecast', 'keep', 'front-page'] as const) {
      results.push(await inChild(schema, mode));
    }
    const sizes = await admin.query<{ name: string; mb: number }>(
      `SELECT c.relname AS name, round(pg_total_relation_size(c.oid) / 1048576.0)::int AS mb
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 5`,
      [schema],
    );
    const [total] = await admin.query<{ mb: number }>(
      `SELECT round(sum(pg_total_relation_size(c.oid)) / 1048576.0)::int AS mb
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
      [schema],
    );
    const [counts] = await admin.query<{ postings: number; interventions: number }>(
      `SELECT (SELECT count(*) FROM ${schema}.ledger_postings)::int AS postings,
              (SELECT count(*) FROM ${schema}.case_interventions)::int AS interventions`,
    );
    console.log(
      JSON.stringify(
        { schema, ...counts, databaseMB: total?.mb, largestTablesMB: sizes, results },
        null,
        2,
      ),
    );
  } finally {
    if (!process.env.BENCH_KEEP) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}

const mode = process.env.LARGE_BENCH_CHILD as Mode | undefined;
if (mode) await child(mode);
else await main();

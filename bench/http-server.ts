/**
 * The server side of the action plan benchmark: a real HTTP server on 127.0.0.1 (the production
 * app and Node adapter, request logging at info level written to /dev/null), over PGlite or
 * over a fresh schema on the PostgreSQL server named by BENCH_DATABASE_URL (dropped on exit).
 * It seeds one unit, one user `bench` (password `bench`) and 1.000 copies of the reference plan,
 * then prints one JSON line `{ "port", "kind", "ids", "pids" }` on stdout. Started by
 * bench/action-plans.ts as a child process, so the load generator's own work is not measured.
 *
 * BENCH_LOG=<file> keeps the request log (one JSON line per request, with its duration in the
 * server) instead of discarding it.
 *
 * BENCH_CPU_PROFILE=<file> (one process only) writes a V8 CPU profile of the serving, from the
 * first line on stdout to SIGTERM/SIGINT, to open in Chrome's DevTools: seeding is not in it.
 *
 * BENCH_CASES=N also seeds N cases of a large municipality from the deterministic generator
 * (seed 42, 2016–2025) in that unit and two more, and a user `statements` (password `bench`)
 * who may read all three (bench/reads-beside-statements.ts).
 *
 * BENCH_WORKERS=N (PostgreSQL only) serves from N worker processes as `WEB_CONCURRENCY=N` does
 * in production (src/server/cluster.ts); this process then seeds and supervises. `pids` are the
 * processes that serve (and this one), for the benchmark's CPU figures.
 */
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { openPostgres, type Database } from '../src/db/database';
import { insertPlan, insertVersion } from '../src/db/repositories/action-plans';
import { insertUser } from '../src/db/repositories/users';
import { createApp } from '../src/server/app';
import { runWorkers } from '../src/server/cluster';
import { REFERENCE_PLAN_2018 } from '../src/server/demo/action-plans';
import { loadConfig } from '../src/server/env';
import { preloadDocumentLibraries } from '../src/server/preload';
import { hashPassword } from '../src/server/passwords';
import { documentToPlan } from '../src/shared/schemas/action-plan';
import { openBenchDatabase } from './database';
import { SYSTEM_ACTOR } from '../src/domain/access';
import { writeCasesDocument } from '../src/domain/cases';
import { distinctProviders } from '../src/domain/providers';
import { ensureProviders } from '../src/db/repositories/providers';
import { generateCases } from '../src/server/demo/generator/generator';
import { importCases } from '../src/server/services/case-service';

export const BENCH_PLANS = 1_000;
/** Connections in the PostgreSQL pool of the benchmarked server (the app's default is 10). */
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
/** Server processes (BENCH_WORKERS); more than one needs PostgreSQL. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
/** Generated cases to seed besides the plans (BENCH_CASES). */
const CASES = Number(process.env.BENCH_CASES ?? 0);

async function seed(db: Database): Promise<string[]> {
  const [center] = await db.query<{ id: string }>(
    `INSERT INTO centers (name, responsible) VALUES ('Center for Børn og Unge', 'Centerchef') RETURNING id`,
  );
  const [unit] = await db.query<{ id: string }>(
    `INSERT INTO units (center_id, name, responsible) VALUES ($1, 'Myndighed, det specialiserede børneområde', 'Funktionsleder') RETURNING id`,
    [center?.id],
  );
  const unitId = unit?.id ?? '';
  const passwordHash = await hashPassword('bench');
  await db.transaction((tx) =>
    insertUser(tx, {
      username: 'bench',
      displayName: 'Bench',
      passwordHash,
      roles: ['okonomikonsulent'],
      unitIds: [unitId],
    }),
  );
  const plan = documentToPlan(REFERENCE_PLAN_2018);
  const at = new Date('2026-01-01T00:00:00Z');
  const ids: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < BENCH_PLANS; i++) {
      const p = { ...plan, title: `Handleplan ${2000 + (i % 27)} nr. ${i}`, year: 2000 + (i % 27) };
      const id = await insertPlan(tx, { unitId, plan: p, status: 'active', by: 'Bench', at });
      await insertVersion(tx, {
        planId: id,
        version: 1,
        status: 'active',
        at,
        byId: null,
        by: 'Bench',
        comment: null,
        plan: p,
      });
      ids.push(id);
    }
  });
  if (CASES > 0) await seedCases(db, unitId, passwordHash);
  return ids;
}

/** BENCH_CASES generated cases in the plans' unit and two more, and the user `statements`. */
async function seedCases(db: Database, unitId: string, passwordHash: string): Promise<void> {
  const [unit] = await db.query<{ center_id: string; name: string }>(
    'SELECT center_id, name FROM units WHERE id = $1',
    [unitId],
  );
  const units = {
    children: unit?.name ?? '',
    youth: 'Ungeteam og efterværn',
    disability: 'Børnehandicap',
  };
  const unitIds = [unitId];
  for (const name of [units.youth, units.disability]) {
    const [row] = await db.query<{ id: string }>(
      'INSERT INTO units (center_id, name) VALUES ($1, $2) RETURNING id',
      [unit?.center_id, name],
    );
    unitIds.push(row?.id ?? '');
  }
  await db.transaction((tx) =>
    insertUser(tx, {
      username: 'statements',
      displayName: 'Statements',
      passwordHash,
      roles: ['okonomikonsulent'],
      unitIds,
    }),
  );
  const generated = generateCases({
    seed: 42,
    cases: CASES,
    fromYear: 2016,
    toYear: 2025,
    units,
    measureWeights: [2, 3, 3, 2],
  });
  await ensureProviders(db, distinctProviders(generated.cases), 'bench', new Date());
  const document = writeCasesDocument(generated.cases, generated.rates);
  await importCases(
    {
      db,
      config: loadConfig({ DEMO: '0', HEAVY_READS: process.env.HEAVY_READS }),
      logger,
      now: () => new Date(),
    },
    SYSTEM_ACTOR,
    document,
    'bench',
  );
}

const logger = pino(
  { level: 'info' },
  pino.destination({ dest: process.env.BENCH_LOG ?? '/dev/null', sync: false }),
);

/** Serves the app from this process on a free port of 127.0.0.1; resolves with the port. */
function serveApp(db: Database): Promise<{ port: number; close: () => void }> {
  const app = createApp({
    db,
    config: loadConfig({
      DEMO: '0',
      HEAVY_READS: process.env.HEAVY_READS,
      STATEMENT_WORKERS: process.env.STATEMENT_WORKERS,
    }),
    logger,
    now: () => new Date(),
  });
  return new Promise((resolve) => {
    // As src/server/main.ts does after listening: the document libraries are loaded up front.
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      void preloadDocumentLibraries().then(() =>
        resolve({ port: info.port, close: () => server.close() }),
      );
    });
  });
}

/** A worker process: the app over its own pool on the schema the primary seeded. */
async function worker(): Promise<void> {
  const db = openPostgres({
    connectionString: process.env.BENCH_DATABASE_URL,
    options: `-c search_path=${process.env.BENCH_SCHEMA ?? ''}`,
    max: POOL_MAX,
  });
  const server = await serveApp(db);
  process.on('SIGTERM', () => {
    server.close();
    void db.close().finally(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  if (WORKERS > 1 && !process.env.BENCH_DATABASE_URL) {
    throw new Error('BENCH_WORKERS above 1 needs BENCH_DATABASE_URL');
  }
  const { db, kind, drop } = await openBenchDatabase({ poolMax: POOL_MAX });
  const ids = await seed(db);
  if (WORKERS > 1) {
    const [row] = await db.query<{ path: string }>(`SELECT current_setting('search_path') AS path`);
    const workers = runWorkers({
      count: WORKERS,
      logger,
      env: { BENCH_SCHEMA: row?.path ?? '' },
    });
    const ports: number[] = [];
    cluster.on('listening', (_worker, address) => {
      ports.push(address.port);
      if (ports.length !== WORKERS) return;
      const pids = [process.pid, ...workers.workers().map((w) => w.process.pid ?? 0)];
      const label = `${kind}, ${WORKERS} server processes`;
      process.stdout.write(`${JSON.stringify({ port: ports[0], kind: label, ids, pids })}\n`);
    });
    const stop = () => {
      void workers
        .stop()
        .then(drop)
        .finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 10_000).unref();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return;
  }
  const server = await serveApp(db);
  const profile = await startProfile(process.env.BENCH_CPU_PROFILE);
  process.stdout.write(
    `${JSON.stringify({ port: server.port, kind, ids, pids: [process.pid] })}\n`,
  );
  const stop = () => {
    server.close();
    void profile()
      .then(drop)
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Starts V8's CPU profiler when `file` is given; the returned function writes the profile. */
async function startProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

if (cluster.isWorker) await worker();
else await main();

/**
 * Action plan benchmarks: reading one plan under 50 concurrent clients, Word and Excel export,
 * and listing 1.000 plans. In-process app (no network), on PGlite by default or on the
 * PostgreSQL server named by BENCH_DATABASE_URL (a fresh schema, dropped afterwards).
 *
 *   npx tsx bench/action-plans.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/action-plans.ts
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { openPglite, openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { insertPlan, insertVersion } from '../src/db/repositories/action-plans';
import { insertUser } from '../src/db/repositories/users';
import { createApp } from '../src/server/app';
import { REFERENCE_PLAN_2018 } from '../src/server/demo/action-plans';
import { loadConfig } from '../src/server/env';
import { hashPassword } from '../src/server/passwords';
import { documentToPlan } from '../src/shared/schemas/action-plan';

const PLANS = 1_000;
const CLIENTS = 50;
const READS_PER_CLIENT = 40;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function openDatabase(): Promise<{ db: Database; kind: string; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    await migrate(db);
    return { db, kind: 'PGlite (embedded)', drop: () => db.close() };
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = openPostgres({ connectionString: url, options: `-c search_path=${schema}`, max: 10 });
  await migrate(db);
  return {
    db,
    kind: 'PostgreSQL 15 (pool of 10)',
    drop: async () => {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

async function main(): Promise<void> {
  const { db, kind, drop } = await openDatabase();
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
    for (let i = 0; i < PLANS; i++) {
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

  const app = createApp({
    db,
    config: loadConfig({ DEMO: '0' }),
    logger: pino({ level: 'silent' }),
    now: () => new Date(),
  });
  const login = await app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = async (path: string) => {
    const response = await app.request(path, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  };
  const target = ids[0] ?? '';
  for (let i = 0; i < 20; i++) await get(`/api/action-plans/${target}`); // warm up

  const reads: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < READS_PER_CLIENT; i++) {
        const t0 = performance.now();
        await get(`/api/action-plans/${ids[(c * READS_PER_CLIENT + i) % ids.length] ?? target}`);
        reads.push(performance.now() - t0);
      }
    }),
  );
  const wall = performance.now() - started;

  const time = async (path: string, runs: number) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await get(path);
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  await time(`/api/action-plans/${target}/export?format=docx`, 3);
  const docx = await time(`/api/action-plans/${target}/export?format=docx`, 20);
  const xlsx = await time(`/api/action-plans/${target}/export?format=xlsx`, 20);
  const pdf = await time(`/api/action-plans/${target}/export?format=pdf`, 20);
  const list = await time('/api/action-plans', 30);

  const rows = [
    ['Read one plan, 50 concurrent clients', reads, '≤ 20 ms p99'],
    ['Word export (reference plan)', docx, '≤ 300 ms'],
    ['Excel export (reference plan)', xlsx, '≤ 300 ms'],
    ['PDF export (reference plan)', pdf, '–'],
    [`List of ${PLANS} plans`, list, '≤ 100 ms'],
  ] as const;
  const lines = [
    `Database: ${kind}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| measurement | samples | p50 | p99 | max | goal |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map(
      ([name, s, goal]) =>
        `| ${name} | ${s.length} | ${ms(percentile([...s], 50))} | ${ms(percentile([...s], 99))} | ${ms(Math.max(...s))} | ${goal} |`,
    ),
    '',
    `Concurrent reads: ${reads.length} in ${ms(wall)} (${Math.round((reads.length / wall) * 1000)} reads/s).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await drop();
}

await main();

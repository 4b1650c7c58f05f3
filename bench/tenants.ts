/**
 * What one more municipality costs when each has its own database on a shared PostgreSQL
 * server (docs/multi-tenancy.md): creates BENCH_TENANTS (default 10) databases, migrates each
 * as the server does at start-up (timed), and reports the size of an empty migrated database,
 * the private memory of one idle connection to each after a first query (the backend's
 * RssAnon from /proc, readable when PostgreSQL runs on this machine) and the server's
 * max_connections. The databases are dropped afterwards.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/tenants.ts
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10);
const URL_ = process.env.BENCH_DATABASE_URL ?? '';

function urlFor(database: string): string {
  const u = new URL(URL_);
  u.pathname = `/${database}`;
  return u.toString();
}

async function privateMemoryKB(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /RssAnon:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!URL_) throw new Error('BENCH_DATABASE_URL is needed (PostgreSQL only)');
  const admin = openPostgres({ connectionString: URL_, max: 1 });
  const prefix = `ov_tenant_${process.pid}_`;
  const names = Array.from({ length: TENANTS }, (_, i) => `${prefix}${i}`);
  const open: Database[] = [];
  try {
    const migrateMs: number[] = [];
    const createMs: number[] = [];
    for (const name of names) {
      let t0 = performance.now();
      await admin.query(`CREATE DATABASE ${name}`);
      createMs.push(performance.now() - t0);
      const db = openPostgres({ connectionString: urlFor(name), max: 1 });
      open.push(db);
      t0 = performance.now();
      await migrate(db);
      migrateMs.push(performance.now() - t0);
    }
    const memory: number[] = [];
    for (const db of open) {
      // a first read of the tables a front page reads fills the backend's catalogue caches
      await db.query('SELECT count(*) FROM units');
      await db.query('SELECT count(*) FROM ledger_postings');
      const [me] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const kb = await privateMemoryKB(me?.pid ?? 0);
      if (kb !== null) memory.push(kb);
    }
    const sizes = await admin.query<{ mb: number }>(
      `SELECT round(pg_database_size(datname) / 1048576.0, 1)::float AS mb FROM pg_database
        WHERE datname LIKE $1`,
      [`${prefix}%`],
    );
    const [settings] = await admin.query<{ max_connections: string }>(
      `SELECT current_setting('max_connections') AS max_connections`,
    );
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    console.log(
      JSON.stringify(
        {
          tenants: TENANTS,
          createDatabaseMedianMs: Math.round(median(createMs)),
          migrateMedianMs: Math.round(median(migrateMs)),
          migrateAllSeconds: +(migrateMs.reduce((a, b) => a + b, 0) / 1000).toFixed(1),
          emptyDatabaseMB: median(sizes.map((s) => s.mb)),
          idleConnectionPrivateMemoryKB: memory.length ? median(memory) : null,
          maxConnections: Number(settings?.max_connections),
          loadAverage: os.loadavg().map((l) => +l.toFixed(1)),
        },
        null,
        2,
      ),
    );
  } finally {
    await Promise.all(open.map((db) => db.close()));
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
  }
}

await main();

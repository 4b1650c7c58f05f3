import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { loadDemoIfEmpty } from '../src/server/demo/load-demo';

const url = process.env.TEST_DATABASE_URL;

/**
 * Two app servers starting at once on one empty PostgreSQL database with DEMO=1: each runs the
 * start-up (`main.ts`: migrate, then the demo when the database is empty) on its own
 * connections; the demo is loaded once.
 */
describe.skipIf(!url)('the demo on an empty database', () => {
  const schema = `demo_${randomBytes(6).toString('hex')}`;
  let admin: Database;
  const servers: Database[] = [];

  beforeAll(async () => {
    admin = openPostgres({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    for (let i = 0; i < 2; i++)
      servers.push(
        openPostgres({ connectionString: url, options: `-c search_path=${schema}`, max: 2 }),
      );
  });
  afterAll(async () => {
    await Promise.all(servers.map((db) => db.close()));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('is loaded by one of two servers starting at once, and found loaded by the other', async () => {
    const start = async (db: Database) => {
      await migrate(db);
      return loadDemoIfEmpty(db, new Date('2026-12-06T09:00:00+01:00'));
    };
    const loaded = await Promise.all(servers.map(start));
    expect(loaded.sort()).toEqual([false, true]);
    const [audit] = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.audit_log WHERE action = 'demo.load' AND object_type = 'municipality'`,
    );
    expect(audit?.n).toBe(1);
    const [users] = await admin.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT username)::int AS distinct FROM ${schema}.users`,
    );
    expect(users?.n).toBeGreaterThan(0);
    expect(users?.n).toBe(users?.distinct);
    // a later start finds it loaded
    expect(await start(servers[0] as Database)).toBe(false);
  }, 240_000);
});

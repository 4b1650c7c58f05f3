import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';

/**
 * A fresh, migrated database for one benchmark run: PGlite in memory, or a throw-away schema
 * on the PostgreSQL server named by BENCH_DATABASE_URL. `drop` removes it.
 */
export async function openBenchDatabase(options: { poolMax?: number } = {}): Promise<{
  db: Database;
  kind: string;
  drop: () => Promise<void>;
}> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    await migrate(db);
    return { db, kind: 'PGlite (embedded)', drop: () => db.close() };
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const poolMax = options.poolMax ?? 10;
  const db = openPostgres({
    connectionString: url,
    options: `-c search_path=${schema}`,
    max: poolMax,
  });
  await migrate(db);
  return {
    db,
    kind: options.poolMax ? `PostgreSQL 15 (pool of ${poolMax})` : 'PostgreSQL 15',
    drop: async () => {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

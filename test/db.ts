import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openPglite, openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { TEMPLATE_PATH } from './global-setup';

/**
 * A fresh, migrated database for one test file: a copy of the PGlite template by default, or
 * a new schema on the PostgreSQL server named by TEST_DATABASE_URL. `close` removes it.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = await readFile(TEMPLATE_PATH);
    return openPglite({ loadDataDir: new Blob([dump]) });
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = openPostgres({ connectionString: url, options: `-c search_path=${schema}`, max: 5 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

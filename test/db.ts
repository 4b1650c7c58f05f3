import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openPglite, openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { replaceInterventions, upsertCases } from '../src/db/repositories/cases';
import type { Intervention } from '../src/domain/cases';
import { caseOf } from './cases-support';
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

/** A case with its interventions stored in a unit, as an import stores it; its id. */
export async function storeCase(
  db: Database,
  at: Date,
  unit: string,
  ref: string,
  interventions: Intervention[],
): Promise<string> {
  return db.transaction(async (tx) => {
    const map = await upsertCases(tx, [{ ...caseOf(ref, interventions), unit }], at);
    const id = map.get(ref) ?? '';
    await replaceInterventions(tx, [{ caseId: id, interventions }]);
    return id;
  });
}

/** The database, with the text of every statement sent through it recorded in `sent`. */
export function recordingQueries(db: Database, sent: string[]): Database {
  return {
    ...db,
    query: (sql, params, options) => {
      sent.push(sql);
      return db.query(sql, params, options);
    },
  };
}

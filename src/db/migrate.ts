import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/**
 * Any constant: several app servers starting at once apply migrations (and load the demo into
 * an empty database) one at a time, under this transaction-scoped advisory lock.
 */
export const START_UP_LOCK = 7_291_042;

/** Migrations are pending and the database user may not change the schema. */
export class MigrationRightsError extends Error {}

/**
 * Applies every `migrations/NNNN_name.sql` not yet applied, in name order, each in its own
 * transaction. Forward-only: an applied migration is never changed or rolled back.
 *
 * An app that connects as a role owning nothing (only reading and writing rows; see
 * docs/operations.md, "Least privilege") starts when every migration is applied: nothing here
 * touches the schema then. When migrations are pending and the role may not apply them, the
 * error says so in one sentence (`MigrationRightsError`) instead of a stack trace.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  const already = await appliedMigrations(db);
  const pending = files.filter((f) => !already.has(f));
  if (pending.length === 0) return [];
  const applied: string[] = [];
  try {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [START_UP_LOCK]);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           name text PRIMARY KEY,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const done = new Set(
        (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
      );
      for (const file of files) {
        if (done.has(file)) continue;
        const sql = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
        await tx.exec(sql);
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        applied.push(file);
      }
    });
  } catch (error) {
    if ((error as { code?: string }).code === '42501')
      throw new MigrationRightsError(
        `${pending.length} database migration(s) are pending (${pending.join(', ')}) and the database user may not change the schema: run "npm run migrate" as the schema's owner, then start again.`,
      );
    throw error;
  }
  return applied;
}

/** The migrations recorded as applied; none in a database without the table yet. */
async function appliedMigrations(db: Database): Promise<Set<string>> {
  const [table] = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`,
  );
  if (!table?.exists) return new Set();
  return new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
  );
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from './database';

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir`. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<Database> {
  if (options.databaseUrl) {
    const db = openPostgres({ connectionString: options.databaseUrl });
    await db.query('SELECT 1');
    return db;
  }
  const dir = path.resolve(options.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  return openPglite({ dataDir: dir });
}

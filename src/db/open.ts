import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from './database';

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir`. */
export async function openDatabase(options: {
  databaseUrl?: string;
  /** The connection that LISTENs, when it must not go where `databaseUrl` goes. */
  databaseListenUrl?: string;
  dataDir: string;
}): Promise<Database> {
  if (options.databaseUrl) {
    const db = openPostgres(
      { connectionString: options.databaseUrl },
      options.databaseListenUrl ? { listen: { connectionString: options.databaseListenUrl } } : {},
    );
    await db.query('SELECT 1');
    return db;
  }
  const dir = path.resolve(options.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  return openPglite({ dataDir: dir });
}

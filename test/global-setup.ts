import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../src/db/database';
import { migrate } from '../src/db/migrate';

export const TEMPLATE_PATH = path.resolve('.tmp/pglite-template.tar.gz');

/**
 * Creating a PGlite database costs seconds (initdb), so it is done once per run: migrated,
 * dumped, and every test file starts from a copy of the dump.
 */
export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const pglite = await PGlite.create();
  await migrate(wrapPglite(pglite));
  const dump = await pglite.dumpDataDir('gzip');
  await mkdir(path.dirname(TEMPLATE_PATH), { recursive: true });
  await writeFile(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

import { loadConfig } from '../env';
import { migrate } from '../../db/migrate';
import { openDatabase } from '../../db/open';

// `npm run migrate`: applies pending migrations to the configured database and exits.
const config = loadConfig();
const db = await openDatabase(config);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await db.close();
}

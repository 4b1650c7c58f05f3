import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { SYSTEM_ACTOR } from '../../domain/access';
import { migrate } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import { ConfigError, loadConfig } from '../env';
import { AppError } from '../errors';
import { createUser, PASSWORD_MIN_LENGTH } from '../services/user-service';

/*
 * `npm run create-admin -- --username anne --name "Anne Andersen"` creates an administrator
 * in the configured database (DATABASE_URL or DATA_DIR), so a real installation never needs a
 * default password. The password is read from standard input when it is piped, and asked
 * for twice, hidden, on a terminal. The creation is recorded in the audit trail.
 *
 * Exit codes: 0 created, 1 bad input, 2 bad environment, 3 database unavailable.
 */

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string, code: number): never => {
  process.stderr.write(`${line}\n`);
  process.exit(code);
};

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  process.stdout.write(question);
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const answer = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await promptHidden(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) fail('The two passwords differ. Nothing was created.', 1);
  return first;
}

let args;
try {
  args = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  }).values;
} catch (error) {
  fail(
    `${(error as Error).message}\nUsage: npm run create-admin -- --username X --name "Full Name"`,
    1,
  );
}
if (!args?.username || !args.name)
  fail('Usage: npm run create-admin -- --username X --name "Full Name"', 1);
const username = args?.username ?? '';
const displayName = args?.name ?? '';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(`Cannot start: ${error.message}`, 2);
  throw error;
}
if (!config) process.exit(2);

const password = await readPassword();
if (!password) fail('No password given. Nothing was created.', 1);

let db;
try {
  db = await openDatabase(config);
} catch (error) {
  fail(`The database cannot be opened (${(error as Error).message}).`, 3);
}
if (!db) process.exit(3);
try {
  await migrate(db);
  const user = await createUser(
    { db, config, logger: pino({ level: 'silent' }), now: () => new Date() },
    SYSTEM_ACTOR,
    { username, displayName, roles: ['administrator'], unitIds: [], password },
    'cli:create-admin',
  );
  out(`Created administrator ${user.username} (${user.displayName}).`);
} catch (error) {
  if (error instanceof AppError) {
    const details = error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    fail(`${error.message}\n${details}\nNothing was created.`, 1);
  }
  throw error;
} finally {
  await db.close();
}

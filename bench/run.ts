/**
 * Runs benchmarks one after another, each in its own process so that one's memory and JIT
 * state do not colour the next:
 *
 *   npm run bench                      every benchmark (PGlite unless BENCH_DATABASE_URL is set;
 *                                      the fault run `faults` only with BENCH_DATABASE_URL)
 *   npm run bench -- cases forecast    only those
 *
 * The environment is passed on (BENCH_DATABASE_URL, BENCH_CASES, …); each script prints its
 * own results. Exits non-zero when a benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = [
  'action-plans',
  'cases',
  'forecast',
  'ledger',
  'faults',
  'first-paint',
] as const;
/** Benchmarks that need a PostgreSQL server: left out of a run on PGlite unless asked for. */
const POSTGRES_ONLY: readonly string[] = ['faults'];

const here = path.dirname(fileURLToPath(import.meta.url));
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(BENCHMARKS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${BENCHMARKS.join(', ')}.`);
  process.exit(2);
}
const chosen = asked.length
  ? asked
  : BENCHMARKS.filter((b) => process.env.BENCH_DATABASE_URL || !POSTGRES_ONLY.includes(b));
let failed = 0;
for (const name of chosen) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', path.join(here, `${name}.ts`)],
    { stdio: 'inherit', env: process.env },
  );
  if (run.status !== 0) {
    failed++;
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed ? 1 : 0);

/**
 * Reading one plan while full commitment statements compute: does a heavy read stall every
 * other request of its process? The server (bench/http-server.ts with BENCH_CASES generated
 * cases, 2016–2025) runs as a child process on 127.0.0.1, on PGlite by default or on a fresh
 * schema of the PostgreSQL server named by BENCH_DATABASE_URL. In one run, on one server:
 *
 *  1. the full statement for 2025 (by category, with last year and full-year persons), alone;
 *  2. 50 clients reading one plan, paced (200 reads/s), for BENCH_SECONDS (default 15);
 *  3. the same paced reads while BENCH_STATEMENTS (default 4) clients ask for the full
 *     statement back to back;
 *  4. the floor: the same paced reads against a bare Node server answering the same bytes.
 *
 * All of it once per value of BENCH_STATEMENT_WORKERS (default `1,0`: the statements on one
 * worker thread, the server's default, then on the request thread), each on a server and schema of its own seeded
 * alike, so that both ways are measured in the same session. STATEMENT_WORKERS is PostgreSQL
 * only: on PGlite every run computes on the request thread.
 *
 *   npx tsx bench/reads-beside-statements.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/reads-beside-statements.ts
 *
 * HEAVY_READS reaches the server (default 2); BENCH_CASES (default 20.000) sets the size.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ms, pacedReads, percentile, startBareServer, startChild } from './http-load';

const CLIENTS = 50;
const PACED_RATE = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 4);
const STATEMENT = '/api/commitments/statement?year=2025&asOf=2025-12-31&by=category';

const load = () =>
  loadavg()
    .map((v) => v.toFixed(2).replace('.', ','))
    .join(' / ');

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'bench' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const MODES = (process.env.BENCH_STATEMENT_WORKERS ?? '1,0').split(',').map((v) => v.trim());

async function main(): Promise<void> {
  for (const workers of MODES) await measure(workers);
}

/** One whole run on a server with STATEMENT_WORKERS=`workers`; prints its table. */
async function measure(workers: string): Promise<void> {
  const started = performance.now();
  const { line, stop } = await startChild(
    'bench server',
    ['--import', 'tsx', 'bench/http-server.ts'],
    {
      ...process.env,
      BENCH_CASES: process.env.BENCH_CASES ?? '20000',
      STATEMENT_WORKERS: workers,
    },
  );
  try {
    const info = JSON.parse(line) as { port: number; kind: string; ids: string[] };
    const seeded = (performance.now() - started) / 1000;
    process.stderr.write(`STATEMENT_WORKERS ${workers}: seeded in ${seeded.toFixed(0)} s\n`);
    const base = `http://127.0.0.1:${info.port}`;
    const reader = await login(base, 'bench');
    const statements = await login(base, 'statements');
    const get = async (path: string, cookie: string, origin = base) => {
      const response = await fetch(origin + path, { headers: { Cookie: cookie } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    };
    const planPath = (i: number) => `/api/action-plans/${info.ids[(i * 37) % info.ids.length]}`;
    const paced = (origin = base) =>
      pacedReads({ clients: CLIENTS, rate: PACED_RATE, seconds: SECONDS }, (c, i) =>
        get(planPath(c * 1000 + i), reader, origin).then(() => undefined),
      );
    const loadAtStart = load();

    // 1. the statement alone (the first warms the server up)
    const alone: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      await get(STATEMENT, statements);
      if (k > 0) alone.push(performance.now() - t0);
    }
    // warm the plan reads
    for (let i = 0; i < 500; i++) await get(planPath(i), reader);

    // 2. paced reads alone
    const quiet = await paced();

    // 3. paced reads beside STATEMENTS clients asking for the statement back to back
    let stopping = false;
    const during: number[] = [];
    const loops = Array.from({ length: STATEMENTS }, async () => {
      while (!stopping) {
        const t0 = performance.now();
        await get(STATEMENT, statements);
        during.push(performance.now() - t0);
      }
    });
    const busy = await paced();
    stopping = true;
    await Promise.all(loops);

    // 4. the floor
    const answer = await get(planPath(0), reader);
    const bare = await startBareServer(answer);
    let floor: number[];
    try {
      floor = await paced(`http://127.0.0.1:${bare.port}`);
    } finally {
      await bare.stop();
    }

    const row = (name: string, s: number[], goal: string) =>
      `| ${name} | ${s.length} | ${ms(percentile(s, 50))} | ${ms(percentile(s, 99))} | ${ms(Math.max(...s))} | ${goal} |`;
    const lines = [
      `Database: ${info.kind}; Node ${process.version}; ${new Date().toISOString().slice(0, 16)}Z; ${process.env.BENCH_CASES ?? '20000'} cases (seeded in ${seeded.toFixed(0)} s); STATEMENT_WORKERS ${workers}; HEAVY_READS ${process.env.HEAVY_READS ?? '2 (default)'}; load average at start ${loadAtStart}, at end ${load()}`,
      '',
      '| measurement | samples | p50 | p99 | max | goal |',
      '|---|---:|---:|---:|---:|---|',
      row('Full statement for 2025, alone', alone, '–'),
      row(`Read one plan, ${CLIENTS} clients paced (${PACED_RATE}/s), alone`, quiet, '–'),
      row(
        `Read one plan, the same, while ${STATEMENTS} clients ask for the full statement`,
        busy,
        '≤ 20 ms p99',
      ),
      row(`Full statement, ${STATEMENTS} clients back to back (beside the reads)`, during, '–'),
      row(`Floor: a bare Node server answering the same ${answer.length} bytes`, floor, '–'),
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  } finally {
    await stop();
  }
}

await main();

/**
 * Action plan benchmarks: reading one plan under 50 concurrent clients, Word and Excel export,
 * and listing 1.000 plans, over real HTTP. The server (bench/http-server.ts) runs as a child
 * process on 127.0.0.1, on PGlite by default or on a fresh schema of the PostgreSQL server named
 * by BENCH_DATABASE_URL; this process only generates load (autocannon, keep-alive connections)
 * and times the answers, so the client's own work does not count against the server.
 *
 *   npx tsx bench/action-plans.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/action-plans.ts
 *
 * Reads are measured three ways (plus a floor: the paced load against a bare Node server that
 * answers the same bytes, what the machine and the load generator cost by themselves): one client at a time (the cost of one read), 50 clients each
 * reading every 250 ms at a random phase (200 reads/s: 50 people working at once; latency counted
 * from when each read was due), and 50 clients reading
 * back to back (saturation: each waits only for its previous answer, so latency there is the
 * queue in front of a saturated server, 50 / throughput). The server's CPU time per read is
 * taken from /proc, which is less disturbed by other work on the machine than wall time; on
 * PostgreSQL also that of the database server processes serving it (found by their
 * application_name), and the load generator's own.
 *
 * BENCH_WORKERS=2 serves from two processes (as WEB_CONCURRENCY=2 does; PostgreSQL only).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { ms, pacedReads, percentile, startBareServer, startChild } from './http-load';

const CLIENTS = 50;
const PACED_RATE = 200;

interface AutocannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** CPU seconds (user + system) used so far by a process, from /proc/<pid>/stat (0 if gone). */
function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The benchmarked server's connections are marked with this application_name. */
const APP_NAME = `overblik-bench-${randomBytes(4).toString('hex')}`;

/** The PostgreSQL backends serving the benchmarked server (none on PGlite). */
async function backendPids(): Promise<number[]> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [APP_NAME],
    );
    return result.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** CPU seconds of a set of processes, per pid, so processes that come later count from 0. */
function cpuOf(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
}
function cpuSince(before: Map<number, number>, pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid) - (before.get(pid) ?? 0), 0);
}

/** The benchmarked server (bench/http-server.ts) in a child process. */
async function startServer(): Promise<{
  port: number;
  kind: string;
  ids: string[];
  pids: number[];
  stop: () => Promise<void>;
}> {
  // PGAPPNAME marks the server's PostgreSQL connections, to find their backends' CPU time.
  const { line, stop } = await startChild(
    'bench server',
    ['--import', 'tsx', 'bench/http-server.ts'],
    {
      ...process.env,
      PGAPPNAME: APP_NAME,
    },
  );
  const info = JSON.parse(line) as { port: number; kind: string; ids: string[]; pids: number[] };
  return { ...info, stop };
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await measure(server);
  } finally {
    await server.stop();
  }
}

async function measure(server: Awaited<ReturnType<typeof startServer>>): Promise<void> {
  const base = `http://127.0.0.1:${server.port}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = async (path: string, origin = base) => {
    const response = await fetch(origin + path, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  };
  const time = async (path: (i: number) => string, runs: number) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await get(path(i));
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  const ids = server.ids;
  const planPath = (i: number) => `/api/action-plans/${ids[(i * 37) % ids.length] ?? ''}`;
  const requests = Array.from({ length: 100 }, (_, i) => ({ method: 'GET', path: planPath(i) }));
  const cannon = async (options: Record<string, unknown>) => {
    const result = await autocannon({
      url: base,
      connections: CLIENTS,
      headers: { cookie },
      requests,
      ...options,
    });
    if (result.non2xx || result.errors) throw new Error(`reads failed: ${JSON.stringify(result)}`);
    return result;
  };

  /**
   * Open-loop pacing: each of the clients reads every `interval` ms, starting at a random phase,
   * and each latency is counted from when the read was due (so a late start counts too).
   */
  const pacedReadsOf = (seconds: number, origin = base) =>
    pacedReads({ clients: CLIENTS, rate: PACED_RATE, seconds }, (c, i) =>
      get(planPath(c * 1000 + i), origin),
    );

  const load = loadavg().map((v) => v.toFixed(2));
  await cannon({ amount: 1000 }); // warm up (JIT, PostgreSQL plan caches, pool)
  const single = await time(planPath, 500);
  // The load generator's own event-loop delay: when it is late, a read is sent late and that
  // counts in its latency, though it is not the server's doing.
  const clientDelay = monitorEventLoopDelay({ resolution: 1 });
  clientDelay.enable();
  const paced = await pacedReadsOf(15);
  clientDelay.disable();
  const backendsBefore = await backendPids();
  const cpuBefore = cpuOf([...server.pids, ...backendsBefore]);
  const clientBefore = process.cpuUsage();
  // For a fixed time rather than a fixed number: the rate is then read to the request.
  const saturated = await cannon({ duration: 10 });
  const client = process.cpuUsage(clientBefore);
  const backends = [...new Set([...backendsBefore, ...(await backendPids())])];
  const perRead = (seconds: number) => ((seconds * 1000) / saturated.requests.total).toFixed(2);
  const appCpu = perRead(cpuSince(cpuBefore, server.pids));
  const dbCpu = perRead(cpuSince(cpuBefore, backends));
  const clientCpu = perRead((client.user + client.system) / 1e6);

  // The first export after a start (the server has preloaded the document libraries, as
  // production does), then a warm-up of each format.
  const firstXlsx = await time(() => `/api/action-plans/${ids[0]}/export?format=xlsx`, 1);
  for (const format of ['docx', 'xlsx', 'pdf'])
    await time(() => `/api/action-plans/${ids[0]}/export?format=${format}`, 3);
  const docx = await time(() => `/api/action-plans/${ids[0]}/export?format=docx`, 20);
  const xlsx = await time(() => `/api/action-plans/${ids[0]}/export?format=xlsx`, 20);
  const pdf = await time(() => `/api/action-plans/${ids[0]}/export?format=pdf`, 20);
  const list = await time(() => '/api/action-plans', 30);

  // The floor: the same paced load against a bare Node HTTP server in its own process that
  // answers every request with the bytes of one plan, so what this machine and this load
  // generator add by themselves can be told from what the app adds.
  const answer = Buffer.from(
    await (await fetch(base + planPath(0), { headers: { Cookie: cookie } })).arrayBuffer(),
  );
  const bare = await startBareServer(answer);
  let floor: number[];
  try {
    floor = await pacedReadsOf(15, `http://127.0.0.1:${bare.port}`);
  } finally {
    await bare.stop();
  }

  const row = (name: string, n: number, p50: number, p99: number, max: number, goal: string) =>
    `| ${name} | ${n} | ${ms(p50)} | ${ms(p99)} | ${ms(max)} | ${goal} |`;
  const sampled = (name: string, s: number[], goal: string) =>
    row(name, s.length, percentile(s, 50), percentile(s, 99), Math.max(...s), goal);
  const cannonRow = (name: string, r: AutocannonResult, goal: string) =>
    row(name, r.requests.total, r.latency.p50, r.latency.p99, r.latency.max, goal);
  const lines = [
    `Database: ${server.kind}; Node ${process.version}; ${new Date().toISOString().slice(0, 16)}Z; load average at start ${load.join(' / ')}`,
    '',
    '| measurement | samples | p50 | p99 | max | goal |',
    '|---|---:|---:|---:|---:|---|',
    sampled('Read one plan, one client at a time', single, '–'),
    sampled(
      `Read one plan, ${CLIENTS} clients, paced (${PACED_RATE} reads/s in all)`,
      paced,
      '≤ 20 ms p99',
    ),
    cannonRow(`Read one plan, ${CLIENTS} clients back to back (saturated)`, saturated, '–'),
    sampled(
      `Floor: a bare Node HTTP server answering the same ${answer.length} bytes, paced`,
      floor,
      '–',
    ),
    sampled('Word export (reference plan)', docx, '≤ 300 ms'),
    sampled('Excel export (reference plan)', xlsx, '≤ 300 ms'),
    sampled('First Excel export after start', firstXlsx, '–'),
    sampled('PDF export (reference plan)', pdf, '–'),
    sampled(`List of ${ids.length} plans`, list, '≤ 100 ms'),
    '',
    `Paced reads: the load generator's own event loop was late by ${ms(clientDelay.percentile(99) / 1e6)} at p99 (max ${ms(clientDelay.max / 1e6)}).`,
    `Saturated reads: ${Math.round(saturated.requests.total / saturated.duration)} reads/s; CPU per read: app server ${appCpu} ms` +
      (backends.length ? `, PostgreSQL ${dbCpu} ms (${backends.length} backends)` : '') +
      `, load generator ${clientCpu} ms.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

/**
 * Memory of one server process under concurrent readers: the production server
 * (`src/server/main.ts`, one process) on a fresh PostgreSQL database with the demo
 * municipality (seeded by a first start, so the measured process only serves), 20 readers (BENCH_READERS) each asking in turn for the heavy reads — the
 * forecast, the commitment statement and families, and the front page's reads — for
 * BENCH_SECONDS (default 60). Samples the server's resident memory (VmRSS) four times a
 * second and reports it idle, at its peak under load (and the kernel's high-water mark,
 * VmHWM), and idle again after the load; the requests served and their statuses.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/readers-memory.ts
 *
 * NODE_OPTIONS reaches the server (e.g. a heap limit to compare). The database is created for
 * the run and dropped after it. Loopback only; bounded in time.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const URL_BASE = process.env.BENCH_DATABASE_URL;
const READERS = Number(process.env.BENCH_READERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PORT = 3900 + Math.floor(Math.random() * 90);
const READS = [
  '/api/forecast?year=2026&asOf=2026-10-31',
  '/api/commitments/statement?year=2026&asOf=2026-10-31',
  '/api/commitments/families?date=2026-10-31',
  '/api/organisation',
  '/api/reviews/due',
  '/api/action-plans?year=2026',
  '/api/follow-up/rounds?year=2026',
];

const mb = (kb: number) => Math.round(kb / 1024);
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  if (!URL_BASE) throw new Error('BENCH_DATABASE_URL is needed (a PostgreSQL server)');
  const name = `bench_readers_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL_BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(URL_BASE);
  url.pathname = `/${name}`;
  const heaps: { heapUsed: number; heapTotal: number }[] = [];
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ./bench/memory-probe.mjs`.trim(),
    DATABASE_URL: url.toString(),
    DEMO: '1',
    PORT: String(PORT),
  };
  const base = `http://127.0.0.1:${PORT}`;
  const start = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let rest = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const probe = line.startsWith('{"memoryProbe"')
          ? (JSON.parse(line) as { memoryProbe: { heapUsed: number; heapTotal: number } })
              .memoryProbe
          : null;
        if (probe) heaps.push(probe);
        else if (line) process.stderr.write(`${line}\n`);
      }
    });
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('the server did not start within 5 minutes');
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return child;
      await sleep(500);
    }
  };
  const stop = async (child: ReturnType<typeof spawn>) => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  };
  // the first start seeds the demo municipality; the measured process only serves
  await stop(await start());
  const server = await start();
  const pid = server.pid ?? 0;
  try {
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'direktion', password: 'demo' }),
    });
    if (!login.ok) throw new Error(`login: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const get = (path: string) => fetch(`${base}${path}`, { headers: { Cookie: cookie } });
    for (const path of READS) await (await get(path)).arrayBuffer(); // each read once: warm
    await sleep(5000);
    const idle = memoryOf(pid);

    let peak = idle.rss;
    let ticks = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(pid).rss);
      if (++ticks % 8 === 0) process.kill(pid, 'SIGUSR2'); // the heap every 2 s
    }, 250);
    const statuses = new Map<number, number>();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: READERS }, async (_, reader) => {
        for (let n = reader; Date.now() < until; n++) {
          const response = await get(READS[n % READS.length] ?? '/api/organisation');
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    clearInterval(sampler);
    const loaded = memoryOf(pid);
    await sleep(300);
    const peakHeap = heaps.reduce((m, h) => Math.max(m, h.heapUsed), 0);
    const peakHeapTotal = heaps.reduce((m, h) => Math.max(m, h.heapTotal), 0);
    await sleep(10_000);
    const after = memoryOf(pid);
    console.log(
      JSON.stringify({
        readers: READERS,
        seconds: SECONDS,
        requests: [...statuses.values()].reduce((a, b) => a + b, 0),
        statuses: Object.fromEntries(statuses),
        idleRssMB: mb(idle.rss),
        peakRssMB: mb(peak),
        highWaterMB: mb(loaded.hwm),
        rssAfterLoadMB: mb(loaded.rss),
        rssIdleAfterMB: mb(after.rss),
        peakHeapUsedMB: Math.round(peakHeap / 2 ** 20),
        peakHeapTotalMB: Math.round(peakHeapTotal / 2 ** 20),
        loadavg: loadavg().map((l) => Math.round(l * 10) / 10),
      }),
    );
  } finally {
    await stop(server);
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();

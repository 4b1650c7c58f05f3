/**
 * First paint, measured by the browser: how long after navigation Debian's Chromium shows the
 * front page and the plan editor of the demo municipality.
 *
 *   npm run build && npx tsx bench/first-paint.ts
 *   BENCH_BASE_URL=http://127.0.0.1:3000 npx tsx bench/first-paint.ts   (a running demo)
 *
 * Without BENCH_BASE_URL it starts the production server on a fresh PGlite with the demo (a
 * minute or two). For each page, BENCH_PAINT_RUNS (default 5) navigations in a fresh browser
 * context (empty cache, logged in through the API first), each giving, from the navigation's
 * start (the browser's own clock, `performance.now()`):
 *  - first contentful paint (the shell: menu and heading),
 *  - content: the page's figures on screen (front page: the unit table's rows; plan editor:
 *    the effect grid's inputs), checked at every animation frame,
 *  - the JavaScript bytes the page loaded (as sent: compressed when the build wrote copies),
 *  - server time: the slowest of the page's API requests from sending the request to the
 *    answer's first byte (the browser's Resource Timing), and its path.
 * Prints one JSON line with the medians and maxima.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../e2e/chromium';
import { startServer, type ServerProcess } from '../test/server-process';

const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5);

interface Sample {
  fcpMs: number;
  contentMs: number;
  scriptKb: number;
  apiMs: number;
  apiPath: string;
}

async function measure(
  browser: Browser,
  baseUrl: string,
  path: string,
  content: string,
): Promise<Sample> {
  const page = await newPage(browser);
  const login = await page.request.post(`${baseUrl}/api/session`, {
    data: { username: 'okonomi', password: 'demo' },
  });
  if (!login.ok()) throw new Error(`login: ${login.status()}`);
  await page.goto(`${baseUrl}${path}`);
  const shown = await page.waitForFunction(
    (selector) => (document.querySelector(selector) ? performance.now() : false),
    content,
    { polling: 'raf', timeout: 60_000 },
  );
  const contentMs = (await shown.jsonValue()) as number;
  const result = await page.evaluate(() => ({
    api: performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
      .map((e) => ({ path: new URL(e.name).pathname, ms: e.responseStart - e.requestStart }))
      .sort((a, b) => b.ms - a.ms)[0] ?? { path: '', ms: NaN },
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    script: performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script')
      .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
  }));
  await page.context().close();
  return {
    fcpMs: Math.round(result.fcp),
    contentMs: Math.round(contentMs),
    scriptKb: Math.round(result.script / 1024),
    apiMs: Math.round(result.api.ms),
    apiPath: result.api.path,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  let server: ServerProcess | undefined;
  let dataDir: string | undefined;
  let baseUrl = process.env.BENCH_BASE_URL;
  if (!baseUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'overblik-paint-'));
    server = await startServer({
      env: { DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'info', DATABASE_URL: '' },
    });
    baseUrl = `http://127.0.0.1:${server.port}`;
    // the demo is loaded before the server listens
  }
  const browser = await launchBrowser();
  try {
    // A plan to edit: the demo's first plan of the current year.
    const probe = await newPage(browser);
    await probe.request.post(`${baseUrl}/api/session`, {
      data: { username: 'okonomi', password: 'demo' },
    });
    const plans = (await (await probe.request.get(`${baseUrl}/api/action-plans`)).json()) as {
      items: { id: string }[];
    };
    await probe.context().close();
    const planId = plans.items[0]?.id;
    if (!planId) throw new Error('the demo has no action plan');
    const pages = {
      frontPage: { path: '/', content: 'table.front-table tbody tr' },
      planEditor: { path: `/handleplaner/${planId}/rediger`, content: 'table.ap-grid input' },
    };
    const results: Record<string, unknown> = {};
    for (const [name, { path: where, content }] of Object.entries(pages)) {
      await measure(browser, baseUrl, where, content); // warm the server's caches once
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, baseUrl, where, content));
      const of = (k: Exclude<keyof Sample, 'apiPath'>) => samples.map((s) => s[k]);
      results[name] = {
        fcpMsMedian: median(of('fcpMs')),
        fcpMsMax: Math.max(...of('fcpMs')),
        contentMsMedian: median(of('contentMs')),
        contentMsMax: Math.max(...of('contentMs')),
        scriptKb: median(of('scriptKb')),
        slowestApiMsMedian: median(of('apiMs')),
        slowestApiMsMax: Math.max(...of('apiMs')),
        slowestApi: [...new Set(samples.map((s) => s.apiPath))],
      };
    }
    console.log(
      JSON.stringify({
        runs: RUNS,
        load: os.loadavg().map((l) => Math.round(l * 10) / 10),
        ...results,
      }),
    );
  } finally {
    await browser.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();

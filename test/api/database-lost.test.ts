import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import { createApp } from '../../src/server/app';
import { createTestApp, createUnit, createUser, type TestContext } from '../app';
import { TcpProxy, targetOf } from '../tcp-proxy';

/**
 * The database going away (a restart, a failover, a killed connection) must never take the
 * server down: requests meanwhile get a 503 in Danish, and the server recovers by itself.
 */

let ctx: TestContext;
let unit: string;
const url = process.env.TEST_DATABASE_URL;
type App = ReturnType<typeof createApp>;

beforeAll(async () => {
  ctx = await createTestApp();
  unit = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [unit] });
});
afterAll(() => ctx.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database as a request sees it while the connection is lost with `error`. */
function lostWith(db: Database, error: Error): Database {
  const fail = () => Promise.reject(error);
  return { ...db, query: fail, transaction: fail };
}

function connectionError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('a request while the database cannot be reached', () => {
  const cases: [string, Error][] = [
    ['the server shutting down (57P01)', connectionError('terminating connection', '57P01')],
    ['a crash shutdown (57P02)', connectionError('terminating connection', '57P02')],
    [
      'the server still starting (57P03)',
      connectionError('the database system is starting up', '57P03'),
    ],
    ['no connection (08003)', connectionError('connection does not exist', '08003')],
    [
      'a refused connection',
      connectionError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    ],
    ['a reset connection', connectionError('read ECONNRESET', 'ECONNRESET')],
    ['a connection that ended', connectionError('Connection terminated unexpectedly')],
    [
      'a client left unusable',
      connectionError('Client has encountered a connection error and is not queryable'),
    ],
  ];
  it.each(cases)('answers 503 with a Danish problem for %s', async (_, error) => {
    const app = createApp({ ...ctx.deps, db: lostWith(ctx.db, error) });
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      status: 503,
      code: 'database_unavailable',
      detail: 'Databasen kan ikke nås lige nu. Prøv igen om lidt.',
    });
  });
});

async function login(app: App, username: string): Promise<{ cookie: string; csrf: string }> {
  const response = await app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'test' }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

const session = (app: App, cookie: string) =>
  Promise.resolve(app.request('/api/session', { headers: { Cookie: cookie } }));

/** Asks until the answer has `status`, for up to `seconds`. */
async function eventually(
  ask: () => Promise<Response>,
  status: number,
  seconds = 15,
): Promise<Response> {
  const until = Date.now() + seconds * 1000;
  let response = await ask();
  while (response.status !== status && Date.now() < until) {
    await sleep(50);
    response = await ask();
  }
  return response;
}

describe.skipIf(!url)('the server on PostgreSQL when the database goes away', () => {
  const applicationName = `overblik-dbfault-${Math.random().toString(36).slice(2, 10)}`;
  let proxy: TcpProxy;
  let db: Database;
  let app: App;
  /** Unhandled errors in this process: an 'error' event nobody listens to would be one. */
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    const [schema] = await ctx.db.query<{ name: string }>('SELECT current_schema() AS name');
    proxy = new TcpProxy(targetOf(url ?? ''));
    await proxy.up();
    const through = new URL(proxy.through(url ?? ''));
    through.searchParams.set('application_name', applicationName);
    db = openPostgres({
      connectionString: through.toString(),
      options: `-c search_path=${schema?.name ?? ''}`,
      max: 4,
    });
    app = createApp({ ...ctx.deps, db });
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    await db.close();
    await proxy.down();
  });

  /** Ends every connection of the app server, as an administrator or a failover would. */
  async function terminateBackends(): Promise<number> {
    // In the select list, so that only the rows the WHERE kept are terminated.
    const rows = await ctx.db.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
        WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [applicationName],
    );
    return rows.filter((r) => r.ended).length;
  }

  it('survives its connections being terminated in the middle of a transaction', async () => {
    const { cookie } = await login(app, 'leder');
    expect((await session(app, cookie)).status).toBe(200); // starts the listening connection
    await sleep(200);
    // A transaction holding its connection while the backend is terminated.
    const holding = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await sleep(300);
      await tx.query('SELECT 2');
    });
    await sleep(100);
    // The pool's idle connections, the one in the transaction and the listening one.
    expect(await terminateBackends()).toBeGreaterThanOrEqual(2);
    await expect(holding).rejects.toThrow();
    await sleep(200);
    const next = await session(app, cookie);
    expect([200, 503]).toContain(next.status);
    expect((await eventually(() => session(app, cookie), 200)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await session(app, cookie)).status).toBe(200);
    expect(crashes).toEqual([]);
  });

  it('answers 503 while the database is away and recovers by itself', async () => {
    const { cookie } = await login(app, 'leder');
    await proxy.down();
    const away = await session(app, cookie);
    expect(away.status).toBe(503);
    expect(away.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await away.json()).toMatchObject({ code: 'database_unavailable' });
    expect((await app.request('/api/health')).status).toBe(503);
    await sleep(1500);
    await proxy.up();
    expect((await eventually(async () => app.request('/api/health'), 200)).status).toBe(200);
    expect((await eventually(() => session(app, cookie), 200)).status).toBe(200);
    expect(crashes).toEqual([]);
  });

  it('listens again after a lost connection, so a change elsewhere still reaches its cache', async () => {
    const { cookie, csrf } = await login(app, 'leder');
    await terminateBackends();
    expect((await eventually(() => session(app, cookie), 200)).status).toBe(200);
    // Wait until the listening connection is back (one backend of ours LISTENs again).
    for (let i = 0; i < 300; i++) {
      const rows = await ctx.db.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
        [applicationName],
      );
      if (rows.length) break;
      await sleep(50);
    }
    // Kept again: then ended on another server, which only a notification tells this one.
    await session(app, cookie);
    await session(app, cookie);
    const logout = await ctx.app.request('/api/session', {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
    });
    expect(logout.status).toBe(204);
    expect((await eventually(() => session(app, cookie), 401, 5)).status).toBe(401);
    expect(crashes).toEqual([]);
  });
});

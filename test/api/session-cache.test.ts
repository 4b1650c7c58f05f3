import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database, type ListenHandlers } from '../../src/db/database';
import type { SessionWithUserRow } from '../../src/db/repositories/sessions';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/env';
import { NotifiedCache } from '../../src/server/services/notified-cache';
import { createTestApp, createUnit, createUser, type TestContext } from '../app';

/**
 * App servers keep resolved sessions in memory. These tests run two app servers over one
 * database (as behind a load balancer) and check that what one server changes about a
 * session or a user takes effect on the other, and that a kept session spares the query.
 */

let ctx: TestContext;
let unit: string;
type App = ReturnType<typeof createApp>;

interface Server {
  app: App;
  /** How many times this server has read a session from the database. */
  sessionQueries(): number;
}

/** Another app server over the same database: its own process state, its own session cache. */
function anotherServer(db: Database = ctx.db): Server {
  let count = 0;
  const counting: Database = {
    ...db,
    query: (sql, params, options) => {
      if (options?.prepare === 'session_with_user') count++;
      return db.query(sql, params, options);
    },
  };
  return { app: createApp({ ...ctx.deps, db: counting }), sessionQueries: () => count };
}

/**
 * Asks until a request under the session needs no session query: the server keeps it (the
 * first requests may find the listening connection still starting).
 */
async function kept(server: Server, cookie: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const before = server.sessionQueries();
    expect((await get(server.app, '/api/session', cookie)).status).toBe(200);
    if (server.sessionQueries() === before) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the session was never kept');
}

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

async function get(app: App, path: string, cookie: string): Promise<Response> {
  return app.request(path, { headers: { Cookie: cookie } });
}

/**
 * Asks until the answer has `status`: on PostgreSQL a change reaches the other server's cache
 * by a notification, a moment after its commit. Gives up after 5 s.
 */
async function eventually(ask: () => Promise<Response>, status: number): Promise<Response> {
  let response = await ask();
  for (let i = 0; i < 100 && response.status !== status; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    response = await ask();
  }
  return response;
}

beforeAll(async () => {
  ctx = await createTestApp();
  unit = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
});
afterAll(() => ctx.close());

describe('a session kept by one app server', () => {
  it('is not read from the database again on the next request', async () => {
    await createUser(ctx.db, { username: 'tael', roles: ['laeser'], unitIds: [unit] });
    const server = anotherServer();
    const { cookie } = await login(server.app, 'tael');
    await kept(server, cookie);
    const before = server.sessionQueries();
    for (let i = 0; i < 5; i++)
      expect((await get(server.app, '/api/session', cookie)).status).toBe(200);
    expect(server.sessionQueries()).toBe(before);
  });

  it('ends when the user logs out on another server', async () => {
    await createUser(ctx.db, { username: 'ud', roles: ['laeser'], unitIds: [unit] });
    const [one, two] = [anotherServer(), anotherServer()];
    const { cookie, csrf } = await login(one.app, 'ud');
    await kept(one, cookie);
    const logout = await two.app.request('/api/session', {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
    });
    expect(logout.status).toBe(204);
    expect((await eventually(() => get(one.app, '/api/session', cookie), 401)).status).toBe(401);
  });

  it('ends when the user is deactivated outside the app, and follows a change of roles', async () => {
    await createUser(ctx.db, { username: 'skift', roles: ['laeser'], unitIds: [unit] });
    const server = anotherServer();
    const { cookie } = await login(server.app, 'skift');
    await kept(server, cookie);
    const roles = async () =>
      (
        (await (await get(server.app, '/api/session', cookie)).json()) as {
          user: { roles: string[] };
        }
      ).user.roles;
    expect(await roles()).toEqual(['laeser']);
    // An administrator on another server gives the user a role.
    const admin = anotherServer().app;
    const session = await login(admin, 'admin');
    const users = (await (await get(admin, '/api/users', session.cookie)).json()) as {
      id: string;
      username: string;
      version: number;
      displayName: string;
    }[];
    const user = users.find((u) => u.username === 'skift');
    const changed = await admin.request(`/api/users/${user?.id ?? ''}`, {
      method: 'PUT',
      headers: {
        Cookie: session.cookie,
        'X-CSRF-Token': session.csrf,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        displayName: user?.displayName,
        roles: ['funktionsleder'],
        unitIds: [unit],
        isActive: true,
        version: user?.version,
      }),
    });
    expect(changed.status).toBe(200);
    for (let i = 0; i < 100 && (await roles())[0] !== 'funktionsleder'; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await roles()).toEqual(['funktionsleder']);

    await kept(server, cookie);
    await ctx.db.query(`UPDATE users SET is_active = false WHERE username = 'skift'`);
    expect((await eventually(() => get(server.app, '/api/session', cookie), 401)).status).toBe(401);
  });
});

describe('the cache itself', () => {
  /** A database whose notifications the test sends by hand. */
  function fakeDatabase(): { db: Database; handlers: () => ListenHandlers } {
    let handlers: ListenHandlers | undefined;
    const db = {
      listen: (_channel: string, h: ListenHandlers) => {
        handlers = h;
        return Promise.resolve();
      },
    } as unknown as Database;
    return {
      db,
      handlers: () => {
        if (!handlers) throw new Error('not listening');
        return handlers;
      },
    };
  }
  const row = { token_hash: 'h', user_id: 'u' } as SessionWithUserRow;

  it('keeps nothing until listening, and nothing while the connection is lost', () => {
    const { db, handlers } = fakeDatabase();
    const cache = new NotifiedCache<SessionWithUserRow>(db, 'overblik_auth', { max: 10 });
    cache.keep('h', row, cache.mark());
    expect(cache.get('h')).toBeUndefined();
    handlers().ready();
    cache.keep('h', row, cache.mark());
    expect(cache.get('h')).toBe(row);
    handlers().lost();
    expect(cache.get('h')).toBeUndefined();
    cache.keep('h', row, cache.mark());
    expect(cache.get('h')).toBeUndefined();
    handlers().ready();
    expect(cache.get('h')).toBeUndefined();
  });

  it('does not keep a row read while a notification arrived, and forgets what is notified', () => {
    const { db, handlers } = fakeDatabase();
    const cache = new NotifiedCache<SessionWithUserRow>(db, 'overblik_auth', { max: 10 });
    handlers().ready();
    const mark = cache.mark();
    handlers().message('other'); // e.g. a logout committed while the row was being read
    cache.keep('h', row, mark);
    expect(cache.get('h')).toBeUndefined();
    cache.keep('h', row, cache.mark());
    handlers().message('h');
    expect(cache.get('h')).toBeUndefined();
    cache.keep('h', row, cache.mark());
    handlers().message('*');
    expect(cache.get('h')).toBeUndefined();
  });
});

const url = process.env.TEST_DATABASE_URL;

describe('the listening connection', () => {
  it('may go elsewhere than the pool (DATABASE_LISTEN_URL), never without DATABASE_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@pgbouncer:6432/overblik',
      DATABASE_LISTEN_URL: 'postgres://app@postgres:5432/overblik',
    });
    expect(config.databaseListenUrl).toBe('postgres://app@postgres:5432/overblik');
    expect(() => loadConfig({ DATABASE_LISTEN_URL: 'postgres://app@postgres:5432/x' })).toThrow(
      /^Invalid setting DATABASE_LISTEN_URL: it goes with DATABASE_URL/,
    );
  });
});

describe.skipIf(!url)('the listening connection on PostgreSQL', () => {
  it('is made again when it is lost, and listens again', async () => {
    const [schema] = await ctx.db.query<{ name: string }>('SELECT current_schema() AS name');
    const applicationName = `overblik-test-${Math.random().toString(36).slice(2, 10)}`;
    // The listening connection has settings of its own (DATABASE_LISTEN_URL in production).
    const db = openPostgres(
      { connectionString: url, options: `-c search_path=${schema?.name ?? ''}`, max: 2 },
      { listen: { connectionString: url, application_name: applicationName } },
    );
    try {
      await createUser(ctx.db, { username: 'igen', roles: ['laeser'], unitIds: [unit] });
      const server = anotherServer(db);
      const { cookie, csrf } = await login(server.app, 'igen');
      const listeners = async () =>
        (
          await ctx.db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
            [applicationName],
          )
        ).map((r) => r.pid);
      await kept(server, cookie);
      let [first] = await listeners();
      for (let i = 0; i < 100 && first === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        [first] = await listeners();
      }
      expect(first).toBeDefined();
      await ctx.db.query('SELECT pg_terminate_backend($1)', [first]);
      let again: number[] = [];
      for (let i = 0; i < 100 && !(again.length && again[0] !== first); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        again = await listeners();
      }
      expect(again).toHaveLength(1);
      expect(again[0]).not.toBe(first);
      // Kept again after the reconnection, and a logout elsewhere still ends it here.
      await kept(server, cookie);
      const logout = await anotherServer().app.request('/api/session', {
        method: 'DELETE',
        headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
      });
      expect(logout.status).toBe(204);
      expect((await eventually(() => get(server.app, '/api/session', cookie), 401)).status).toBe(
        401,
      );
    } finally {
      await db.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/db/database';
import { ConfigError, loadConfig } from '../src/server/env';
import { request, startServer } from './server-process';

describe('WEB_CONCURRENCY', () => {
  it('is one process by default', () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
  });

  it('allows several processes on PostgreSQL only', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x@h/db', WEB_CONCURRENCY: '4' }).webConcurrency,
    ).toBe(4);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(
      /^Invalid setting WEB_CONCURRENCY="2": more than one process needs DATABASE_URL/,
    );
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/^Invalid setting WEB_CONCURRENCY=/);
  });
});

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('several server processes on PostgreSQL', () => {
  const schema = `cluster_${randomBytes(6).toString('hex')}`;
  let admin: Database;

  beforeAll(async () => {
    admin = openPostgres({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('migrates once, serves logins and plans from two workers, and stops on SIGTERM', async () => {
    const server = await startServer({
      env: {
        DATABASE_URL: `${url}${url?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        WEB_CONCURRENCY: '2',
        DEMO: '1',
      },
      listeners: 2,
    });
    const { port, lines: events } = server;
    try {
      const workerPids = new Set(events.filter((e) => e.event === 'listening').map((e) => e.pid));
      expect(workerPids.size).toBe(2);
      expect(events.filter((e) => e.event === 'migrated')).toHaveLength(1);

      const login = await request(port, 'POST', '/api/session', {
        json: { username: 'okonomi', password: 'demo' },
      });
      expect(login.status).toBe(200);
      const cookie = login.cookie;
      const list = await request(port, 'GET', '/api/action-plans', { cookie });
      expect(list.status).toBe(200);
      const items = (JSON.parse(list.body) as { items: { id: string; title: string }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      const first = items[0];
      // The session made by one worker is honoured by both: each read is a new connection.
      for (let i = 0; i < 6; i++) {
        const read = await request(port, 'GET', `/api/action-plans/${first?.id ?? ''}`, {
          cookie,
        });
        expect(read.status).toBe(200);
        expect(JSON.parse(read.body)).toMatchObject({ id: first?.id, title: first?.title });
      }
      // A logout on one worker ends the session on both, though each keeps the sessions it
      // has resolved: the other worker drops it on the database's notification.
      const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
      const logout = await request(port, 'DELETE', '/api/session', { cookie, csrf });
      expect(logout.status).toBe(204);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const after = await request(port, 'GET', '/api/session', { cookie });
        statuses.push(after.status);
        if (statuses.slice(-6).join() === '401,401,401,401,401,401') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(statuses.slice(-6)).toEqual([401, 401, 401, 401, 401, 401]);
      // Request log lines name the worker's pid; give the last lines a moment to arrive.
      const served = () =>
        new Set(events.filter((e) => e.event === 'request').map((e) => e.pid ?? 'unknown'));
      for (let i = 0; i < 20 && served().size < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(served()).toEqual(workerPids);

      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 90_000);
});

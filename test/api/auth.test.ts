import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMIT } from '../../src/server/services/auth-service';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
const T0 = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  ctx = await createTestApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' });
  const unit = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, { username: 'Leder', roles: ['funktionsleder'], unitIds: [unit] });
  await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unit] });
  await createUser(ctx.db, { username: 'gammel', roles: ['laeser'] });
  await ctx.db.query(`UPDATE users SET is_active = false WHERE username = 'gammel'`);
});
afterAll(() => ctx.close());

const detail = async (r: Response) => ((await r.json()) as { detail: string }).detail;

describe('logging in', () => {
  it('accepts the username in any case and sets a HttpOnly, SameSite cookie', async () => {
    ctx.setNow(T0);
    const client = new TestClient(ctx);
    const response = await client.login('leder');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/overblik_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(((await response.json()) as { csrfToken: string }).csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: '1' });
    await createUser(proxied.db, { username: 'a', roles: ['laeser'] });
    const response = await proxied.app.request(
      '/api/session',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify({ username: 'a', password: 'test' }),
      },
      // from the proxy on this machine, trusted by default
      { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
    );
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    await proxied.close();
  });

  it.each([
    ['a wrong password', 'laeser', 'forkert'],
    ['an unknown user', 'findes.ikke', 'test'],
    ['a deactivated user', 'gammel', 'test'],
  ])('refuses %s with the same Danish answer', async (_label, username, password) => {
    const response = await new TestClient(ctx).login(username, password);
    expect(response.status).toBe(401);
    expect(await detail(response)).toBe('Forkert brugernavn eller adgangskode.');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('logs a failure without the password', async () => {
    const lines: string[] = [];
    const saved = ctx.deps.logger;
    ctx.deps.logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    await new TestClient(ctx).login('laeser', 'hemmelig-kode-123');
    ctx.deps.logger = saved;
    const failure = lines.find((l) => l.includes('login_failed'));
    expect(failure).toContain('"username":"laeser"');
    expect(lines.join('\n')).not.toContain('hemmelig-kode-123');
  });

  it('counts parallel guesses one at a time: of 20 wrong passwords at once, 5 are checked', async () => {
    ctx.setNow(new Date('2026-11-23T11:00:00Z'));
    await createUser(ctx.db, { username: 'parallel', roles: ['laeser'] });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => new TestClient(ctx).login('parallel', `forkert${i}`)),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMIT.account.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - LOGIN_LIMIT.account.free);
  });

  it('makes a guessed user name wait, doubling, and lets the right password in after the wait', async () => {
    ctx.setNow(new Date('2026-11-23T12:00:00Z'));
    await createUser(ctx.db, { username: 'offer', roles: ['laeser'] });
    for (let i = 0; i < LOGIN_LIMIT.account.free; i++) {
      expect((await new TestClient(ctx).login('offer', `forkert${i}`)).status).toBe(401);
    }
    const blocked = await new TestClient(ctx).login('offer', 'test');
    expect(blocked.status).toBe(429);
    expect(await detail(blocked)).toBe('For mange mislykkede forsøg. Vent 1 min., og prøv igen.');
    // Other users from the same address are not held back by one user name's wait.
    expect((await new TestClient(ctx).login('laeser')).status).toBe(200);
    // after a minute one more guess; then two minutes
    ctx.setNow(new Date('2026-11-23T12:01:00Z'));
    expect((await new TestClient(ctx).login('offer', 'forkert')).status).toBe(401);
    const longer = await new TestClient(ctx).login('offer', 'test');
    expect(await detail(longer)).toBe('For mange mislykkede forsøg. Vent 2 min., og prøv igen.');
    ctx.setNow(new Date('2026-11-23T12:03:00Z'));
    expect((await new TestClient(ctx).login('offer', 'test')).status).toBe(200);
    // the right password clears the count
    expect((await new TestClient(ctx).login('offer', 'forkert')).status).toBe(401);
    expect((await new TestClient(ctx).login('offer', 'test')).status).toBe(200);
  });

  it('lets a browser that logged in before pass the wait others put on the user name', async () => {
    ctx.setNow(new Date('2026-11-23T13:00:00Z'));
    await createUser(ctx.db, { username: 'kendt', roles: ['administrator'] });
    const own = new TestClient(ctx);
    expect((await own.login('kendt')).status).toBe(200);
    const cookies = (await own.login('kendt')).headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('overblik_device='))).toMatch(
      /HttpOnly.*Path=\/api\/session|Path=\/api\/session.*HttpOnly/,
    );
    for (let i = 0; i < 12; i++) await new TestClient(ctx).login('kendt', `gæt${i}`);
    expect((await new TestClient(ctx).login('kendt')).status).toBe(429);
    expect((await own.login('kendt')).status).toBe(200);
    // the remembered browser's own wrong passwords are limited as well
    for (let i = 0; i < LOGIN_LIMIT.device.free; i++) {
      expect((await own.login('kendt', `glemt${i}`)).status).toBe(401);
    }
    expect((await own.login('kendt')).status).toBe(429);
    // a device cookie of another user counts for nothing
    await createUser(ctx.db, { username: 'anden', roles: ['laeser'] });
    expect((await own.login('anden')).status).toBe(200);
  });

  it('holds back unknown browsers at an address after 20 failures, not the ones that logged in before', async () => {
    ctx.setNow(new Date('2026-11-23T14:00:00Z'));
    const known = new TestClient(ctx);
    expect((await known.login('laeser')).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => new TestClient(ctx).login(`ukendt${i}`, 'x')),
    );
    expect(answers.filter((r) => r.status === 401)).toHaveLength(LOGIN_LIMIT.address.free);
    const blocked = await new TestClient(ctx).login('laeser');
    expect(blocked.status).toBe(429);
    expect(await detail(blocked)).toBe('For mange mislykkede forsøg. Vent 15 min., og prøv igen.');
    expect((await known.login('laeser')).status).toBe(200);
    ctx.setNow(new Date('2026-11-23T14:16:00Z'));
    expect((await new TestClient(ctx).login('laeser')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('expires after the idle time and is deleted', async () => {
    ctx.setNow(new Date('2026-11-24T08:00:00Z'));
    const client = new TestClient(ctx);
    await client.login('laeser');
    ctx.setNow(new Date('2026-11-24T08:29:00Z'));
    expect((await client.get('/api/session')).status).toBe(200);
    ctx.setNow(new Date('2026-11-24T08:58:00Z'));
    expect((await client.get('/api/session')).status).toBe(200);
    ctx.setNow(new Date('2026-11-24T09:29:00Z'));
    const expired = await client.get('/api/session');
    expect(expired.status).toBe(401);
    expect(await detail(expired)).toBe(
      'Du er ikke logget ind, eller din session er udløbet. Log ind igen.',
    );
  });

  it('expires at the absolute limit even when in use', async () => {
    ctx.setNow(new Date('2026-11-25T08:00:00Z'));
    const client = new TestClient(ctx);
    await client.login('laeser');
    // Used every 25 minutes, so never idle for 30, until the 12 hours are up.
    for (let minute = 25; minute < 12 * 60; minute += 25) {
      ctx.setNow(new Date(Date.parse('2026-11-25T08:00:00Z') + minute * 60_000));
      expect((await client.get('/api/session')).status).toBe(200);
    }
    ctx.setNow(new Date('2026-11-25T20:00:00Z'));
    expect((await client.get('/api/session')).status).toBe(401);
  });

  it('ends on logout, with an audit row; the old cookie opens nothing', async () => {
    ctx.setNow(new Date('2026-11-26T08:00:00Z'));
    const client = new TestClient(ctx);
    await client.login('laeser');
    expect((await client.delete('/api/session')).status).toBe(204);
    expect((await client.get('/api/organisation')).status).toBe(401);
    const [row] = await ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE actor_username = 'laeser' ORDER BY id DESC LIMIT 1`,
    );
    expect(row?.action).toBe('logout');
  });

  it('refuses a write without the CSRF token', async () => {
    ctx.setNow(new Date('2026-11-26T09:00:00Z'));
    const login = await ctx.app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'laeser', password: 'test' }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const response = await ctx.app.request('/api/session', {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': 'gættet' },
    });
    expect(response.status).toBe(403);
    expect(await detail(response)).toBe(
      'Sikkerhedstokenet mangler eller er forkert. Genindlæs siden, og prøv igen.',
    );
    expect((await ctx.app.request('/api/session', { headers: { Cookie: cookie } })).status).toBe(
      200,
    );
  });
});

describe('headers', () => {
  it('sends security headers and forbids caching of API answers', async () => {
    const response = await ctx.app.request('/api/meta');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('lists no users on the login page outside demo mode', async () => {
    const meta = (await (await ctx.app.request('/api/meta')).json()) as {
      demo: boolean;
      demoUsers: unknown[];
    };
    expect(meta).toMatchObject({ demo: false, demoUsers: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/env';
import { createTestApp, createUser, type TestContext } from '../app';

/** A login with a wrong password from `peer` (the socket's address), with `headers`. */
async function failFrom(ctx: TestContext, peer: string, headers: Record<string, string>) {
  return ctx.app.request(
    '/api/session',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'a', password: 'forkert' }),
    },
    { incoming: { socket: { remoteAddress: peer } } },
  );
}

/** The client address the login limit counted the last attempt against. */
async function countedAddress(ctx: TestContext): Promise<string | undefined> {
  const [row] = await ctx.db.query<{ key: string }>(
    `SELECT key FROM login_throttle WHERE key LIKE 'address:%' ORDER BY last_at DESC, key LIMIT 1`,
  );
  await ctx.db.query(`DELETE FROM login_throttle`);
  return row?.key.slice('address:'.length);
}

describe('trusted proxies', () => {
  it('believes X-Forwarded-For and -Proto only from a configured proxy', async () => {
    const ctx = await createTestApp({
      TRUST_PROXY: '1',
      TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::1',
    });
    try {
      await createUser(ctx.db, { username: 'a', roles: ['laeser'] });
      // through the proxy: the last hop it added, past other trusted proxies
      expect(
        (await failFrom(ctx, '10.0.0.2', { 'X-Forwarded-For': '6.6.6.6, 192.0.2.7, 10.9.9.9' }))
          .status,
      ).toBe(401);
      expect(await countedAddress(ctx)).toBe('192.0.2.7');
      await failFrom(ctx, '::ffff:10.0.0.2', { 'X-Forwarded-For': '192.0.2.8' });
      expect(await countedAddress(ctx)).toBe('192.0.2.8');
      await failFrom(ctx, '2001:db8::1', { 'X-Forwarded-For': '2001:db8::abcd' });
      expect(await countedAddress(ctx)).toBe('2001:db8::abcd');
      // anyone else sending the headers is taken at the socket's word
      await failFrom(ctx, '198.51.100.4', { 'X-Forwarded-For': '192.0.2.9' });
      expect(await countedAddress(ctx)).toBe('198.51.100.4');
      const spoofed = await ctx.app.request(
        '/api/session',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
          body: JSON.stringify({ username: 'a', password: 'test' }),
        },
        { incoming: { socket: { remoteAddress: '198.51.100.4' } } },
      );
      expect(spoofed.status).toBe(200);
      expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
      // so a client cannot escape the address limit by inventing addresses
      for (let i = 0; i < 25; i++)
        await failFrom(ctx, '198.51.100.5', { 'X-Forwarded-For': `192.0.2.${i}` });
      const held = await failFrom(ctx, '198.51.100.5', { 'X-Forwarded-For': '192.0.2.200' });
      expect(held.status).toBe(429);
    } finally {
      await ctx.close();
    }
  });

  it('trusts the proxy on this machine by default, and no forwarded header without TRUST_PROXY', async () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustedProxies).toEqual(['127.0.0.0/8', '::1/128']);
    const ctx = await createTestApp();
    try {
      await createUser(ctx.db, { username: 'a', roles: ['laeser'] });
      await failFrom(ctx, '127.0.0.1', { 'X-Forwarded-For': '192.0.2.7' });
      expect(await countedAddress(ctx)).toBe('127.0.0.1');
    } finally {
      await ctx.close();
    }
  });

  it.each([
    ['bogus', 'TRUST_PROXY=1 and a name', { TRUST_PROXY: '1', TRUSTED_PROXIES: 'proxy.local' }],
    ['a prefix too long', 'TRUST_PROXY=1', { TRUST_PROXY: '1', TRUSTED_PROXIES: '10.0.0.0/33' }],
    ['no TRUST_PROXY', 'TRUSTED_PROXIES alone', { TRUSTED_PROXIES: '10.0.0.1' }],
  ])('refuses %s at start with one line naming the setting (%s)', (_label, _what, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/^Invalid setting TRUSTED_PROXIES/);
  });
});

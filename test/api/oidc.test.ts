import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, type TestContext } from '../app';
import { startTestProvider, type TestProvider } from '../oidc-provider';

let provider: TestProvider;
let ctx: TestContext;
const REDIRECT = 'http://localhost:3000/api/oidc/callback';

beforeAll(async () => {
  provider = await startTestProvider();
  ctx = await createTestApp({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: REDIRECT,
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLE_MAP: 'ovb-leder=funktionsleder,ovb-laeser=laeser,ovb-admin=administrator',
  });
});
afterAll(async () => {
  await ctx.close();
  await provider.close();
});
beforeEach(() => {
  provider.tamper = null;
  // The test clock follows the real one here: ID tokens are checked against real time.
  ctx.setNow(new Date());
});

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** Runs the browser's part: our login, the provider's authorize, our callback. */
async function signIn(options: { dropStateCookie?: boolean; replay?: boolean } = {}) {
  const start = await ctx.app.request('/api/oidc/login');
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  expect(authorize.origin).toBe(provider.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const stateCookie = cookieOf(start, 'overblik_oidc_state');
  expect(stateCookie).toBeTruthy();
  const atProvider = await fetch(authorize, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(atProvider.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(REDIRECT);
  const callback = () =>
    ctx.app.request(`/api/oidc/callback${back.search}`, {
      headers: options.dropStateCookie ? {} : { Cookie: stateCookie ?? '' },
    });
  const done = await callback();
  return { done, again: options.replay ? await callback() : undefined };
}

async function sessionUser(response: Response) {
  const cookie = cookieOf(response, 'overblik_session');
  if (!cookie) return null;
  const me = await ctx.app.request('/api/session', { headers: { Cookie: cookie } });
  return ((await me.json()) as { user: { username: string; displayName: string; roles: string[] } })
    .user;
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the login page that single sign-on is on', async () => {
    const meta = (await (await ctx.app.request('/api/meta')).json()) as { singleSignOn: boolean };
    expect(meta.singleSignOn).toBe(true);
  });

  it('logs a new person in, creating the user with the roles mapped from the claim', async () => {
    provider.user = {
      sub: 'entra-0001',
      name: 'Mette Friis',
      preferred_username: 'mette@kommune.dk',
      groups: ['ovb-leder', 'some-other-group'],
    };
    const { done } = await signIn();
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    expect(done.headers.getSetCookie().join('\n')).toMatch(/overblik_session=.*HttpOnly/);
    expect(await sessionUser(done)).toMatchObject({
      username: 'mette@kommune.dk',
      displayName: 'Mette Friis',
      roles: ['funktionsleder'],
    });
    const trail = await ctx.db.query<{
      action: string;
      object_type: string;
      actor_username: string;
    }>(`SELECT action, object_type, actor_username FROM audit_log ORDER BY id`);
    expect(trail).toEqual([
      { action: 'create', object_type: 'user', actor_username: 'single-sign-on' },
      { action: 'login', object_type: 'session', actor_username: 'mette@kommune.dk' },
    ]);
  });

  it('updates the roles at the next login from the provider', async () => {
    provider.user = { ...provider.user, groups: ['ovb-laeser'] };
    const { done } = await signIn();
    expect((await sessionUser(done))?.roles).toEqual(['laeser']);
    const [row] = await ctx.db.query<{ before: { roles: string[] }; after: { roles: string[] } }>(
      `SELECT before, after FROM audit_log WHERE action = 'update' AND object_type = 'user'`,
    );
    expect(row?.before.roles).toEqual(['funktionsleder']);
    expect(row?.after.roles).toEqual(['laeser']);
    const users = await ctx.db.query('SELECT id FROM users');
    expect(users).toHaveLength(1);
  });

  it('links a user an administrator created ahead without a password, keeping their units', async () => {
    const unit = await createUnit(ctx.db, 'Myndighed');
    await ctx.db.query(
      `INSERT INTO users (username, display_name, roles) VALUES ('karen@kommune.dk', 'Karen', '{laeser}')`,
    );
    const [karen] = await ctx.db.query<{ id: string }>(
      `SELECT id FROM users WHERE username = 'karen@kommune.dk'`,
    );
    await ctx.db.query('INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)', [
      karen?.id,
      unit,
    ]);
    provider.user = {
      sub: 'entra-0002',
      name: 'Karen Koordinator',
      preferred_username: 'karen@kommune.dk',
      groups: ['ovb-leder'],
    };
    const { done } = await signIn();
    const cookie = cookieOf(done, 'overblik_session') ?? '';
    const me = (await (
      await ctx.app.request('/api/session', { headers: { Cookie: cookie } })
    ).json()) as { user: { id: string; unitIds: string[]; roles: string[] } };
    expect(me.user).toMatchObject({ id: karen?.id, unitIds: [unit], roles: ['funktionsleder'] });
  });

  it('never takes over a password user with the same name', async () => {
    await createUser(ctx.db, { username: 'ole@kommune.dk', roles: ['administrator'] });
    provider.user = {
      sub: 'entra-0003',
      preferred_username: 'OLE@kommune.dk',
      groups: ['ovb-leder'],
    };
    const { done } = await signIn();
    expect(done.headers.get('location')).toBe('/?sso_error=sso_failed');
    expect(cookieOf(done, 'overblik_session')).toBeUndefined();
  });

  it('refuses a person with no mapped role', async () => {
    provider.user = { sub: 'entra-0004', preferred_username: 'ny@kommune.dk', groups: ['andet'] };
    const users = await ctx.db.query('SELECT id FROM users');
    const { done } = await signIn();
    expect(done.headers.get('location')).toBe('/?sso_error=sso_no_role');
    expect(await ctx.db.query('SELECT id FROM users')).toHaveLength(users.length);
  });

  it.each([
    ['a callback without the browser’s state cookie', { dropStateCookie: true }, null],
    ['an ID token with the wrong nonce', {}, { nonce: 'not-the-nonce' }],
    ['an ID token for another client', {}, { audience: 'someone-else' }],
    ['an expired ID token', {}, { expiresInSeconds: -600 }],
  ] as const)('refuses %s', async (_label, options, tamper) => {
    provider.user = {
      sub: 'entra-0001',
      preferred_username: 'mette@kommune.dk',
      groups: ['ovb-leder'],
    };
    provider.tamper = tamper ? { ...tamper } : null;
    const { done } = await signIn(options);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/?sso_error=sso_failed');
    expect(cookieOf(done, 'overblik_session')).toBeUndefined();
  });

  it('accepts each state only once', async () => {
    provider.user = {
      sub: 'entra-0001',
      preferred_username: 'mette@kommune.dk',
      groups: ['ovb-leder'],
    };
    const { done, again } = await signIn({ replay: true });
    expect(done.headers.get('location')).toBe('/');
    expect(again?.headers.get('location')).toBe('/?sso_error=sso_failed');
  });

  it('refuses a deactivated user', async () => {
    await ctx.db.query(`UPDATE users SET is_active = false WHERE oidc_subject = 'entra-0001'`);
    provider.user = {
      sub: 'entra-0001',
      preferred_username: 'mette@kommune.dk',
      groups: ['ovb-leder'],
    };
    const { done } = await signIn();
    expect(done.headers.get('location')).toBe('/?sso_error=sso_failed');
  });
});

describe('without single sign-on configured', () => {
  it('answers 404 and the login page shows no button', async () => {
    const plain = await createTestApp();
    expect((await plain.app.request('/api/oidc/login')).status).toBe(404);
    expect((await plain.app.request('/api/oidc/callback?code=x&state=y')).status).toBe(404);
    const meta = (await (await plain.app.request('/api/meta')).json()) as { singleSignOn: boolean };
    expect(meta.singleSignOn).toBe(false);
    await plain.close();
  });
});

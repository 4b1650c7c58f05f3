import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
  const unitId = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [unitId] });
});
afterAll(() => ctx.close());

describe('health and contract', () => {
  it('answers health with the database kind', async () => {
    const response = await ctx.app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
    });
  });

  it('publishes an OpenAPI 3 document naming the routes', async () => {
    const response = await ctx.app.request('/api/openapi.json');
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/session']));
  });

  it('serves a browsable API page', async () => {
    const response = await ctx.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
  });

  it('sends security headers on every answer', async () => {
    const response = await ctx.app.request('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('errors are Danish problem+json', () => {
  it('answers an unknown route with 404', async () => {
    const response = await ctx.app.request('/api/does-not-exist');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { code: string; detail: string };
    expect(body.code).toBe('route_not_found');
    expect(body.detail).toContain('findes ikke');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await new TestClient(ctx).post('/api/session', '{"username": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'Forespørgslen er ikke gyldig JSON.',
    );
  });

  it('refuses a body over 50 MB with 413 before reading it as JSON', async () => {
    const big = `{"username": "${'x'.repeat(50 * 1024 * 1024)}", "password": "x"}`;
    const response = await new TestClient(ctx).post('/api/session', big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'Forespørgslen er for stor.',
    );
  });

  it('answers wrong types with 422 naming the field', async () => {
    const response = await new TestClient(ctx).post('/api/session', {
      username: 42,
      password: 'x',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      code: string;
      issues: { path: string; message: string }[];
    };
    expect(body.code).toBe('validation_failed');
    expect(body.issues[0]?.path).toBe('username');
    expect(body.issues[0]?.message).toMatch(/[Uu]gyldig/);
  });
});

describe('unexpected errors', () => {
  it('answers 500 with a request id and no internals, and logs the error', async () => {
    const logged: unknown[] = [];
    const logger = ctx.deps.logger.child({});
    logger.error = (entry: unknown) => {
      logged.push(entry);
    };
    const failingDb = {
      ...ctx.db,
      query: () => Promise.reject(new Error('relation "secret_table" does not exist')),
    };
    const app = createApp({ ...ctx.deps, db: failingDb, logger });
    const response = await app.request('/api/health');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret_table');
    const body = JSON.parse(text) as { code: string; requestId: string; detail: string };
    expect(body.code).toBe('internal');
    expect(body.detail).toContain(body.requestId);
    expect(logged).toEqual([
      expect.objectContaining({ requestId: body.requestId, event: 'unexpected_error' }),
    ]);
  });
});

describe('session', () => {
  it('logs in, reads the session and logs out', async () => {
    const client = new TestClient(ctx);
    expect((await client.get('/api/session')).status).toBe(401);
    const login = await client.login('leder');
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(
      /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/,
    );
    const me = (await (await client.get('/api/session')).json()) as {
      user: { username: string; actions: string[] };
    };
    expect(me.user.username).toBe('leder');
    // What a head of unit may do, so the web app shows the right controls.
    expect(me.user.actions).toEqual(
      expect.arrayContaining(['plan.write', 'plan.activate', 'report.write', 'case.write']),
    );
    expect(me.user.actions).not.toContain('users.manage');
    expect(me.user.actions).not.toContain('ledger.import');
    expect((await client.delete('/api/session')).status).toBe(204);
    expect((await client.get('/api/session')).status).toBe(401);
  });

  it('refuses a wrong password in Danish and changes nothing', async () => {
    const response = await new TestClient(ctx).login('leder', 'wrong');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'Forkert brugernavn eller adgangskode.',
    );
  });
});

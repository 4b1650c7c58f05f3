import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, recordRead } from '../../src/db/repositories/audit';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
let admin: TestClient;
let unitId: string;
let centerId: string;

interface Entry {
  id: number;
  at: string;
  username: string;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
}
interface Page {
  items: Entry[];
  total: number;
  page: number;
  pageSize: number;
}

const auditCount = async () =>
  (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed');
  const [c] = await ctx.db.query<{ id: string }>('SELECT center_id AS id FROM units');
  centerId = c?.id ?? '';
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [unitId] });
  admin = new TestClient(ctx);
  await admin.login('admin');
});
afterAll(() => ctx.close());

describe('every write leaves exactly one audit row; a failed one leaves none', () => {
  const writes: [string, () => Promise<Response>, number][] = [
    ['create a centre', () => admin.post('/api/centers', { name: 'Center A' }), 201],
    [
      'create a centre again (duplicate)',
      () => admin.post('/api/centers', { name: 'Center A' }),
      422,
    ],
    [
      'create a unit',
      () => admin.post('/api/units', { centerId, name: 'Enhed A', kind: 'omraade' }),
      201,
    ],
    [
      'create a unit under no centre',
      () =>
        admin.post('/api/units', {
          centerId: '00000000-0000-4000-8000-000000000000',
          name: 'Enhed B',
        }),
      422,
    ],
    [
      'create a user',
      () => admin.post('/api/users', { username: 'ny', displayName: 'Ny', roles: ['laeser'] }),
      201,
    ],
    [
      'create the user again',
      () => admin.post('/api/users', { username: 'ny', displayName: 'Ny', roles: ['laeser'] }),
      422,
    ],
    [
      'change settings',
      () =>
        admin.put('/api/settings', {
          municipalityName: 'K',
          actionPlanThreshold: 100000,
          version: 1,
        }),
      200,
    ],
    [
      'change settings with a stale version',
      () =>
        admin.put('/api/settings', {
          municipalityName: 'K2',
          actionPlanThreshold: 100000,
          version: 1,
        }),
      409,
    ],
  ];

  it.each(writes)('%s', async (_label, write, status) => {
    const before = await auditCount();
    const response = await write();
    expect(response.status).toBe(status);
    expect(await auditCount()).toBe(before + (status < 300 ? 1 : 0));
  });

  it('a write without the CSRF token leaves no row', async () => {
    const login = await ctx.app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'test' }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const before = await auditCount();
    const response = await ctx.app.request(`/api/units/${unitId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ centerId, name: 'X', kind: 'omraade', version: 1 }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('csrf_failed');
    expect(await auditCount()).toBe(before);
  });

  it('a write without rights leaves no row', async () => {
    const leder = new TestClient(ctx);
    await leder.login('leder');
    const before = await auditCount();
    expect((await leder.post('/api/centers', { name: 'Center L' })).status).toBe(403);
    expect(await auditCount()).toBe(before);
  });

  it('an audit row written in a transaction that fails is rolled back with it', async () => {
    const before = await auditCount();
    await expect(
      ctx.db.transaction(async (tx) => {
        await recordAudit(
          tx,
          {
            userId: '00000000-0000-0000-0000-000000000000',
            username: 'system',
            displayName: 's',
            roles: [],
            unitIds: [],
          },
          {
            action: 'update',
            objectType: 'unit',
          },
        );
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await auditCount()).toBe(before);
  });
});

describe('the trail is append-only', () => {
  it.each([
    ['UPDATE', "UPDATE audit_log SET actor_username = 'x'"],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s', async (_label, sql) => {
    const before = await auditCount();
    await expect(ctx.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBe(before);
  });
});

describe('reading the trail', () => {
  it('filters by action, object type, object id and user, newest first, with paging', async () => {
    const all = (await (await admin.get('/api/audit?pageSize=200')).json()) as Page;
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((e) => e.id)).toEqual(
      [...all.items.map((e) => e.id)].sort((a, b) => b - a),
    );

    const creates = (await (
      await admin.get('/api/audit?action=create&objectType=unit')
    ).json()) as Page;
    expect(creates.items.map((e) => (e.after as { name: string }).name)).toEqual(['Enhed A']);
    const unit = creates.items[0];
    const byId = (await (
      await admin.get(`/api/audit?objectType=unit&objectId=${unit?.objectId ?? ''}`)
    ).json()) as Page;
    expect(byId.total).toBe(1);

    const logins = (await (await admin.get('/api/audit?user=leder&action=login')).json()) as Page;
    expect(logins.total).toBe(1);
    expect(logins.items[0]?.username).toBe('leder');

    const page1 = (await (await admin.get('/api/audit?pageSize=2&page=1')).json()) as Page;
    const page2 = (await (await admin.get('/api/audit?pageSize=2&page=2')).json()) as Page;
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(all.total);
    expect(page2.items[0]?.id).toBe(all.items[2]?.id);
  });

  it("names each row's object as it is now, and leaves a row without one unnamed", async () => {
    const unit = (
      (await (await admin.get('/api/audit?action=create&objectType=unit')).json()) as {
        items: (Entry & { objectName: string | null })[];
      }
    ).items[0];
    expect(unit?.objectName).toBe('Enhed A');
    const login = (
      (await (await admin.get('/api/audit?user=leder&action=login')).json()) as {
        items: (Entry & { objectName: string | null })[];
      }
    ).items[0];
    expect(login?.objectName).toBe('leder');
    await recordAudit(
      ctx.db,
      {
        userId: '00000000-0000-0000-0000-000000000000',
        username: 'system',
        displayName: 's',
        roles: [],
        unitIds: [],
      },
      { action: 'unit_expected_overspend.set', objectType: 'unit', objectId: `${unitId}/2026` },
    );
    const odd = (
      (await (await admin.get('/api/audit?action=unit_expected_overspend.set')).json()) as {
        items: (Entry & { objectName: string | null })[];
      }
    ).items[0];
    expect(odd?.objectId).toBe(`${unitId}/2026`);
    expect(odd?.objectName).toBeNull();
  });

  it('filters by Danish calendar days', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(
      new Date(),
    );
    const inRange = (await (
      await admin.get(`/api/audit?from=${today}&to=${today}`)
    ).json()) as Page;
    expect(inRange.total).toBeGreaterThan(0);
    const before = (await (await admin.get('/api/audit?to=2000-01-01')).json()) as Page;
    expect(before.total).toBe(0);
  });

  it('refuses a bad date in Danish', async () => {
    const response = await admin.get('/api/audit?from=23.11.2026');
    expect(response.status).toBe(422);
    expect(((await response.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe(
      'from',
    );
  });

  it('exports CSV for Danish Excel and records the export', async () => {
    const before = await auditCount();
    const response = await admin.get('/api/audit/export?objectType=center');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="revisionsspor-/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '"id";"tidspunkt";"bruger";"handling";"objekttype";"objekt-id";"enhed-id";"før";"efter";"forespørgsel-id"',
    );
    expect(lines).toHaveLength(3); // header, one centre, and the final line end
    expect(lines[1]).toContain('"admin";"create";"center"');
    expect(lines[1]).toContain('"{""id"":');
    expect(await auditCount()).toBe(before + 1);
    const [row] = await ctx.db.query<{ action: string; object_type: string }>(
      'SELECT action, object_type FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(row).toEqual({ action: 'export', object_type: 'audit_log' });
  });

  it('keeps a formula out of Excel', async () => {
    await createUser(ctx.db, { username: '=cmd', roles: ['laeser'] });
    const client = new TestClient(ctx);
    await client.login('=cmd');
    const text = await (await admin.get('/api/audit/export?user=%3Dcmd')).text();
    expect(text).toContain(`"'=cmd"`);
  });

  it('is for administrators only', async () => {
    const leder = new TestClient(ctx);
    await leder.login('leder');
    expect((await leder.get('/api/audit')).status).toBe(403);
    expect((await leder.get('/api/audit/export')).status).toBe(403);
    expect((await new TestClient(ctx).get('/api/audit')).status).toBe(401);
  });
});

describe('reads of case-level data', () => {
  it('recordRead appends one read row naming who opened which case', async () => {
    const before = await auditCount();
    await recordRead(
      ctx.db,
      {
        userId: '00000000-0000-4000-8000-000000000abc',
        username: 'raadgiver',
        displayName: 'R',
        roles: ['raadgiver'],
        unitIds: [unitId],
      },
      { objectType: 'case', objectId: 'SAG-2026-0042', unitId },
      'req-1',
    );
    expect(await auditCount()).toBe(before + 1);
    const page = (await (await admin.get('/api/audit?action=read&objectType=case')).json()) as Page;
    expect(page.items[0]).toMatchObject({
      username: 'raadgiver',
      action: 'read',
      objectType: 'case',
      objectId: 'SAG-2026-0042',
    });
  });
});

describe('the request id', () => {
  it('is our own in the trail and the answer, never one the client sent', async () => {
    const lines: string[] = [];
    const saved = ctx.deps.logger;
    ctx.deps.logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const forged = '11111111-1111-4111-8111-111111111111';
    const login = (requestId: string) =>
      new TestClient(ctx).request(
        'POST',
        '/api/session',
        { username: 'admin', password: 'test' },
        { 'X-Request-Id': requestId },
      );
    const response = await login(forged);
    const injected = await login('x "; DROP TABLE audit_log');
    ctx.deps.logger = saved;
    expect(response.status).toBe(200);
    expect(injected.status).toBe(200);
    const ids = await ctx.db.query<{ request_id: string }>(
      `SELECT request_id FROM audit_log WHERE action = 'login' ORDER BY id DESC LIMIT 2`,
    );
    ids.reverse();
    expect(ids.map((r) => r.request_id)).toEqual([
      response.headers.get('x-request-id'),
      injected.headers.get('x-request-id'),
    ]);
    for (const { request_id } of ids) {
      expect(request_id).not.toBe(forged);
      expect(request_id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    // the client's id is kept beside ours in the log line, when it has a strict form
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.filter((l) => l.event === 'request').map((l) => l.clientRequestId)).toEqual([
      forged,
      undefined,
    ]);
  });
});

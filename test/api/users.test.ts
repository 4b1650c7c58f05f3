import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
let admin: TestClient;
let adminId: string;
let unitA: string;
let unitB: string;

interface Problem {
  code: string;
  detail: string;
  issues?: { path: string; code: string; message: string }[];
}
interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitIds: string[];
  isActive: boolean;
  hasPassword: boolean;
  version: number;
}

const auditCount = async () =>
  (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;
const userCount = async () =>
  (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]?.n ?? 0;

beforeAll(async () => {
  ctx = await createTestApp();
  unitA = await createUnit(ctx.db, 'Myndighed');
  unitB = await createUnit(ctx.db, 'Ungeteam');
  adminId = await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  admin = new TestClient(ctx);
  await admin.login('admin');
});
afterAll(() => ctx.close());

async function create(body: Record<string, unknown>): Promise<User> {
  const response = await admin.post('/api/users', body);
  expect(response.status).toBe(201);
  return (await response.json()) as User;
}

describe('creating users', () => {
  it('creates a user who can log in with the password, and audits it without the password', async () => {
    const before = await auditCount();
    const user = await create({
      username: 'mette',
      displayName: 'Mette Friis',
      roles: ['funktionsleder'],
      unitIds: [unitA],
      password: 'en lang adgangskode',
    });
    expect(user).toMatchObject({
      username: 'mette',
      displayName: 'Mette Friis',
      roles: ['funktionsleder'],
      unitIds: [unitA],
      isActive: true,
      hasPassword: true,
      version: 1,
    });
    expect(await auditCount()).toBe(before + 1);
    const rows = await ctx.db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE object_type = 'user' AND object_id = $1`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]?.after)).not.toMatch(/argon2|lang adgangskode/);
    const [stored] = await ctx.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);

    const client = new TestClient(ctx);
    expect((await client.login('mette', 'en lang adgangskode')).status).toBe(200);
    const session = (await (await client.get('/api/session')).json()) as {
      user: { roles: string[]; unitIds: string[] };
    };
    expect(session.user).toMatchObject({ roles: ['funktionsleder'], unitIds: [unitA] });
  });

  it('creates a single sign-on user without a password, who cannot log in with one', async () => {
    const user = await create({ username: 'sso.bruger', displayName: 'SSO', roles: ['laeser'] });
    expect(user.hasPassword).toBe(false);
    expect((await new TestClient(ctx).login('sso.bruger', '')).status).toBe(422);
    expect((await new TestClient(ctx).login('sso.bruger', 'noget')).status).toBe(401);
  });

  it.each([
    [
      'a duplicate username (any case)',
      { username: 'METTE', displayName: 'X', roles: ['laeser'] },
      'username',
      'Brugernavnet «METTE» er allerede i brug.',
    ],
    [
      'an unknown role',
      { username: 'ny1', displayName: 'X', roles: ['laeser', 'superbruger'] },
      'roles.1',
      'Ukendt rolle «superbruger». Gyldige roller er: administrator, okonomikonsulent, funktionsleder, faglig_koordinator, raadgiver, ledelse, laeser.',
    ],
    ['no role', { username: 'ny2', displayName: 'X', roles: [] }, 'roles', 'Vælg mindst én rolle.'],
    [
      'a unit that does not exist',
      {
        username: 'ny3',
        displayName: 'X',
        roles: ['raadgiver'],
        unitIds: ['00000000-0000-4000-8000-000000000001'],
      },
      'unitIds.0',
      'Enheden findes ikke.',
    ],
    [
      'a unit id that is not an id',
      { username: 'ny4', displayName: 'X', roles: ['raadgiver'], unitIds: ['myndighed'] },
      'unitIds.0',
      'Enheden findes ikke.',
    ],
    [
      'a short password',
      { username: 'ny5', displayName: 'X', roles: ['raadgiver'], password: 'kort' },
      'password',
      'Adgangskoden skal være på mindst 12 tegn.',
    ],
    [
      'a username with spaces',
      { username: 'to ord', displayName: 'X', roles: ['raadgiver'] },
      'username',
      'Brugernavnet skal være 2-100 tegn og må kun indeholde bogstaver, tal, punktum, bindestreg, understregning og @.',
    ],
    [
      'an empty name',
      { username: 'ny6', displayName: ' ', roles: ['raadgiver'] },
      'displayName',
      'Feltet skal udfyldes.',
    ],
  ])('refuses %s in Danish and creates nothing', async (_label, body, path, message) => {
    const users = await userCount();
    const audit = await auditCount();
    const response = await admin.post('/api/users', body);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.detail).toBe('Oplysningerne er ikke gyldige.');
    expect(problem.issues).toContainEqual(expect.objectContaining({ path, message }));
    expect(await userCount()).toBe(users);
    expect(await auditCount()).toBe(audit);
  });
});

describe('changing users', () => {
  it('changes roles and units; the change applies to the next request of an open session', async () => {
    const user = await create({
      username: 'karen',
      displayName: 'Karen',
      roles: ['raadgiver'],
      unitIds: [unitA],
      password: 'karens adgangskode',
    });
    const karen = new TestClient(ctx);
    await karen.login('karen', 'karens adgangskode');
    const response = await admin.put(`/api/users/${user.id}`, {
      displayName: 'Karen Koordinator',
      roles: ['faglig_koordinator'],
      unitIds: [unitA, unitB],
      isActive: true,
      version: user.version,
    });
    expect(response.status).toBe(200);
    const session = (await (await karen.get('/api/session')).json()) as {
      user: { displayName: string; roles: string[]; unitIds: string[] };
    };
    expect(session.user.displayName).toBe('Karen Koordinator');
    expect(session.user.roles).toEqual(['faglig_koordinator']);
    expect([...session.user.unitIds].sort()).toEqual([unitA, unitB].sort());
    const [row] = await ctx.db.query<{ action: string; before: User; after: User }>(
      `SELECT action, before, after FROM audit_log WHERE object_id = $1 AND action = 'update'`,
      [user.id],
    );
    expect(row?.before.roles).toEqual(['raadgiver']);
    expect(row?.after.roles).toEqual(['faglig_koordinator']);
  });

  it('deactivates a user: their sessions end, they cannot log in, the trail says deactivate', async () => {
    const user = await create({
      username: 'rasmus',
      displayName: 'Rasmus',
      roles: ['raadgiver'],
      unitIds: [unitA],
      password: 'rasmus adgangskode',
    });
    const rasmus = new TestClient(ctx);
    await rasmus.login('rasmus', 'rasmus adgangskode');
    const response = await admin.put(`/api/users/${user.id}`, {
      displayName: 'Rasmus',
      roles: ['raadgiver'],
      unitIds: [unitA],
      isActive: false,
      version: user.version,
    });
    expect(response.status).toBe(200);
    expect((await rasmus.get('/api/session')).status).toBe(401);
    expect((await new TestClient(ctx).login('rasmus', 'rasmus adgangskode')).status).toBe(401);
    const actions = await ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'user' AND object_id = $1 ORDER BY id`,
      [user.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'deactivate']);
  });

  it('never lets the last active administrator be deactivated or demoted', async () => {
    const me = (await (await admin.get(`/api/users/${adminId}`)).json()) as User;
    for (const change of [
      { roles: ['laeser'], isActive: true, path: 'roles' },
      { roles: ['administrator'], isActive: false, path: 'isActive' },
    ]) {
      const response = await admin.put(`/api/users/${adminId}`, {
        displayName: me.displayName,
        roles: change.roles,
        unitIds: [],
        isActive: change.isActive,
        version: me.version,
      });
      expect(response.status).toBe(422);
      expect(((await response.json()) as Problem).issues).toContainEqual(
        expect.objectContaining({
          path: change.path,
          message:
            'Der skal altid være mindst én aktiv administrator. Giv en anden bruger rollen først.',
        }),
      );
    }
    expect(await (await admin.get(`/api/users/${adminId}`)).json()).toEqual(me);
  });

  it('refuses a stale version with 409 naming who changed the user', async () => {
    const user = await create({ username: 'lars', displayName: 'Lars', roles: ['laeser'] });
    const body = { displayName: 'Lars L', roles: ['laeser'], unitIds: [], isActive: true };
    expect((await admin.put(`/api/users/${user.id}`, { ...body, version: 1 })).status).toBe(200);
    const stale = await admin.put(`/api/users/${user.id}`, {
      ...body,
      displayName: 'Y',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Problem).detail).toMatch(
      /^Brugeren «Lars L» er ændret af admin \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d, efter du hentede den/,
    );
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await admin.get('/api/users/00000000-0000-4000-8000-000000000009')).status).toBe(404);
    expect((await admin.get('/api/users/abc')).status).toBe(404);
  });
});

describe('setting a password', () => {
  it('replaces the password, ends the user’s sessions and audits without the password', async () => {
    const user = await create({
      username: 'ole',
      displayName: 'Ole',
      roles: ['okonomikonsulent'],
      unitIds: [unitA],
      password: 'oles første kode',
    });
    const ole = new TestClient(ctx);
    await ole.login('ole', 'oles første kode');
    const response = await admin.put(`/api/users/${user.id}/password`, {
      password: 'oles anden kode!',
    });
    expect(response.status).toBe(204);
    expect((await ole.get('/api/session')).status).toBe(401);
    expect((await new TestClient(ctx).login('ole', 'oles første kode')).status).toBe(401);
    expect((await new TestClient(ctx).login('ole', 'oles anden kode!')).status).toBe(200);
    const rows = await ctx.db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE object_id = $1 AND action = 'password.set'`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]?.after)).not.toContain('kode');
  });

  it('keeps the administrator’s own session when they set their own password', async () => {
    const response = await admin.put(`/api/users/${adminId}/password`, {
      password: 'administratorens kode',
    });
    expect(response.status).toBe(204);
    expect((await admin.get('/api/session')).status).toBe(200);
  });

  it('refuses a short password and changes nothing', async () => {
    const audit = await auditCount();
    const response = await admin.put(`/api/users/${adminId}/password`, { password: 'kort' });
    expect(response.status).toBe(422);
    expect(await auditCount()).toBe(audit);
    expect((await new TestClient(ctx).login('admin', 'administratorens kode')).status).toBe(200);
  });
});

describe('without the right to manage users', () => {
  it('answers 403 before looking at the input, so nothing about users leaks', async () => {
    await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unitA] });
    const reader = new TestClient(ctx);
    await reader.login('laeser');
    const response = await reader.post('/api/users', { username: 42 });
    expect(response.status).toBe(403);
    expect(((await response.json()) as Problem).detail).toBe(
      'Du har ikke rettighed til at gøre dette.',
    );
    expect((await new TestClient(ctx).post('/api/users', { username: 42 })).status).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES, type Actor, type Role } from '../../src/domain/access';
import { ACTIONS, can, readableUnitIds, ROLE_ACTIONS } from '../../src/server/policies/policy';
import { createUser } from '../app';
import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

const version = async (f: Fixture, sql: string, id?: string) =>
  (await f.ctx.db.query<{ version: number }>(sql, id ? [id] : []))[0]?.version ?? 0;
const unitBody = async (f: Fixture, id: string) => {
  const [u] = await f.ctx.db.query<{ center_id: string; name: string; version: number }>(
    'SELECT center_id, name, version FROM units WHERE id = $1',
    [id],
  );
  return {
    centerId: u?.center_id,
    name: u?.name,
    kind: 'omraade',
    responsible: f.unique('Leder'),
    version: u?.version,
  };
};
const centerId = async (f: Fixture) =>
  (
    await f.ctx.db.query<{ id: string }>('SELECT center_id AS id FROM units WHERE id = $1', [
      f.ownUnit,
    ])
  )[0]?.id ?? '';

const adminOnly = (status: number) => ({ administrator: status, otherwise: 403 });

/** Administrators and ledelse see every unit; everybody else only their own. */
const visibleUnits = (who: Role, f: Fixture) =>
  who === 'administrator' || who === 'ledelse' ? [f.ownUnit, f.otherUnit].sort() : [f.ownUnit];

/** Every endpoint of session, organisation, users, settings and the audit trail. */
const rows: MatrixRow[] = [
  {
    name: 'GET /api/meta',
    method: 'GET',
    path: () => '/api/meta',
    expect: { anonymous: 200, otherwise: 200 },
  },
  {
    name: 'GET /api/session',
    method: 'GET',
    path: () => '/api/session',
    expect: { otherwise: 200 },
  },
  {
    name: 'DELETE /api/session',
    method: 'DELETE',
    path: () => '/api/session',
    expect: { otherwise: 204 },
    freshSession: true,
  },
  {
    name: 'GET /api/organisation (own units, or all)',
    method: 'GET',
    path: () => '/api/organisation',
    expect: { otherwise: 200 },
    check: (body, who, f) => {
      const ids = (body as { units: { id: string }[] }).units.map((u) => u.id);
      expect(ids.filter((id) => id === f.ownUnit || id === f.otherUnit).sort()).toEqual(
        visibleUnits(who, f),
      );
    },
  },
  {
    name: 'GET /api/centers (own units, or all)',
    method: 'GET',
    path: () => '/api/centers',
    expect: { otherwise: 200 },
    check: (body, who, f) => {
      const ids = (body as { units: { id: string }[] }[]).flatMap((c) => c.units.map((u) => u.id));
      expect(ids.filter((id) => id === f.ownUnit || id === f.otherUnit).sort()).toEqual(
        visibleUnits(who, f),
      );
    },
  },
  {
    name: 'GET /api/units/:id (own unit)',
    method: 'GET',
    path: (f) => `/api/units/${f.ownUnit}`,
    expect: { otherwise: 200 },
  },
  {
    name: 'GET /api/units/:id (other unit)',
    method: 'GET',
    path: (f) => `/api/units/${f.otherUnit}`,
    expect: { administrator: 200, ledelse: 200, otherwise: 404 },
  },
  {
    name: 'POST /api/centers',
    method: 'POST',
    path: () => '/api/centers',
    body: (f) => ({ name: f.unique('Center') }),
    expect: adminOnly(201),
  },
  {
    name: 'PUT /api/centers/:id',
    method: 'PUT',
    path: async (f) => `/api/centers/${await centerId(f)}`,
    body: async (f) => ({
      name: 'Center for Børn og Unge',
      responsible: f.unique('Chef'),
      version: await version(f, 'SELECT version FROM centers WHERE id = $1', await centerId(f)),
    }),
    expect: adminOnly(200),
  },
  {
    name: 'POST /api/units',
    method: 'POST',
    path: () => '/api/units',
    body: async (f) => ({ centerId: await centerId(f), name: f.unique('Enhed'), kind: 'afdeling' }),
    expect: adminOnly(201),
  },
  {
    name: 'PUT /api/units/:id (own unit)',
    method: 'PUT',
    path: (f) => `/api/units/${f.ownUnit}`,
    body: (f) => unitBody(f, f.ownUnit),
    expect: adminOnly(200),
  },
  {
    name: 'PUT /api/units/:id (other unit)',
    method: 'PUT',
    path: (f) => `/api/units/${f.otherUnit}`,
    body: (f) => unitBody(f, f.otherUnit),
    expect: { administrator: 200, ledelse: 403, otherwise: 404 },
  },
  {
    name: 'GET /api/settings',
    method: 'GET',
    path: () => '/api/settings',
    expect: { otherwise: 200 },
  },
  {
    name: 'PUT /api/settings',
    method: 'PUT',
    path: () => '/api/settings',
    body: async (f) => ({
      municipalityName: f.unique('Kommune'),
      actionPlanThreshold: 100000,
      version: await version(f, 'SELECT version FROM settings'),
    }),
    expect: adminOnly(200),
  },
  { name: 'GET /api/users', method: 'GET', path: () => '/api/users', expect: adminOnly(200) },
  {
    name: 'GET /api/users/:id',
    method: 'GET',
    path: (f) => `/api/users/${f.users.laeser}`,
    expect: adminOnly(200),
  },
  {
    name: 'POST /api/users',
    method: 'POST',
    path: () => '/api/users',
    body: (f) => ({
      username: f.unique('bruger').replace(' ', ''),
      displayName: 'Ny',
      roles: ['laeser'],
      unitIds: [f.ownUnit],
    }),
    expect: adminOnly(201),
  },
  {
    name: 'PUT /api/users/:id',
    method: 'PUT',
    path: (f) => `/api/users/${f.users.laeser}`,
    body: async (f) => ({
      displayName: f.unique('Læser'),
      roles: ['laeser'],
      unitIds: [f.ownUnit],
      isActive: true,
      version: await version(f, 'SELECT version FROM users WHERE id = $1', f.users.laeser),
    }),
    expect: adminOnly(200),
  },
  {
    name: 'PUT /api/users/:id/password',
    method: 'PUT',
    path: (f) => `/api/users/${f.extra.otherUser}/password`,
    body: () => ({ password: 'en god lang adgangskode' }),
    expect: adminOnly(204),
  },

  { name: 'GET /api/audit', method: 'GET', path: () => '/api/audit', expect: adminOnly(200) },
  {
    name: 'GET /api/audit/export',
    method: 'GET',
    path: () => '/api/audit/export',
    expect: adminOnly(200),
  },
];

describePolicyMatrix('session, organisation, settings, users and audit', rows, async (f) => {
  f.extra.otherUser = await createUser(f.ctx.db, { username: 'anden', roles: ['laeser'] });
});

describe('the policy itself: role × scope × action', () => {
  const actor = (role: Role): Actor => ({
    userId: role,
    username: role,
    displayName: role,
    roles: [role],
    unitIds: role === 'administrator' || role === 'ledelse' ? [] : ['own'],
  });
  const own = { unitId: 'own' };
  const other = { unitId: 'other' };

  it.each([
    // role, action, own unit, other unit
    ['funktionsleder', 'plan.write', true, false],
    ['funktionsleder', 'plan.activate', true, false],
    ['funktionsleder', 'plan.read', true, false],
    ['okonomikonsulent', 'budget.write', true, false],
    ['okonomikonsulent', 'plan.activate', false, false],
    ['faglig_koordinator', 'case.write', true, false],
    ['faglig_koordinator', 'case.correct', false, false],
    ['funktionsleder', 'case.correct', true, false],
    ['okonomikonsulent', 'case.correct', true, false],
    ['raadgiver', 'case.correct', false, false],
    ['ledelse', 'case.correct', false, false],
    ['administrator', 'case.correct', true, true],
    ['faglig_koordinator', 'plan.write', false, false],
    ['raadgiver', 'case.read', true, false],
    ['raadgiver', 'budget.read', false, false],
    ['ledelse', 'plan.read', true, true],
    ['ledelse', 'case.read', true, true],
    ['ledelse', 'plan.write', false, false],
    ['laeser', 'plan.read', true, false],
    ['laeser', 'case.read', false, false],
    ['laeser', 'plan.write', false, false],
    ['administrator', 'plan.write', true, true],
  ] as const)('%s may %s: own unit %s, other unit %s', (role, action, inOwn, inOther) => {
    expect(can(actor(role), action, own)).toBe(inOwn);
    expect(can(actor(role), action, other)).toBe(inOther);
  });

  it('lets only administrators manage users, the organisation, settings and the audit trail', () => {
    for (const role of ROLES)
      for (const action of [
        'users.manage',
        'organisation.write',
        'settings.write',
        'audit.read',
      ] as const)
        expect(can(actor(role), action), `${role} ${action}`).toBe(role === 'administrator');
  });

  it('gives every role read access to the organisation', () => {
    for (const role of ROLES) expect(can(actor(role), 'organisation.read')).toBe(true);
  });

  it('limits list reads to the own units except for administrators and ledelse', () => {
    expect(readableUnitIds(actor('funktionsleder'), 'plan.read')).toEqual(['own']);
    expect(readableUnitIds(actor('ledelse'), 'plan.read')).toBeNull();
    expect(readableUnitIds(actor('administrator'), 'plan.read')).toBeNull();
    expect(readableUnitIds(actor('raadgiver'), 'budget.read')).toEqual([]);
  });

  it('names only known actions in the role table', () => {
    for (const role of ROLES)
      for (const action of ROLE_ACTIONS[role]) expect(ACTIONS).toContain(action);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
let admin: TestClient;
let ownUnit: string;
let otherUnit: string;

interface Problem {
  code: string;
  detail: string;
  issues?: { path: string; code: string; message: string }[];
}
interface Unit {
  id: string;
  name: string;
  kind: string;
  responsible: string | null;
  version: number;
  center: { id: string; name: string };
}

const auditCount = async () =>
  (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;

beforeAll(async () => {
  ctx = await createTestApp();
  ownUnit = await createUnit(ctx.db, 'Myndighed');
  otherUnit = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  await createUser(ctx.db, { username: 'raadgiver', roles: ['raadgiver'], unitIds: [ownUnit] });
  admin = new TestClient(ctx);
  await admin.login('admin');
});
afterAll(() => ctx.close());

describe('centres and units', () => {
  it('creates a centre and a unit under it, each with one audit row holding the new state', async () => {
    const before = await auditCount();
    const centerResponse = await admin.post('/api/centers', {
      name: 'Center for Familier',
      responsible: 'Centerchef Ida Holm',
    });
    expect(centerResponse.status).toBe(201);
    const center = (await centerResponse.json()) as { id: string; version: number };
    const unitResponse = await admin.post('/api/units', {
      centerId: center.id,
      name: 'Familieplejen',
      kind: 'afdeling',
      responsible: 'Leder Per Lund',
    });
    expect(unitResponse.status).toBe(201);
    const unit = (await unitResponse.json()) as Unit;
    expect(unit).toMatchObject({
      name: 'Familieplejen',
      kind: 'afdeling',
      responsible: 'Leder Per Lund',
      version: 1,
      center: { id: center.id, name: 'Center for Familier' },
    });
    expect(await auditCount()).toBe(before + 2);
    const [row] = await ctx.db.query<{ action: string; actor_username: string; after: Unit }>(
      `SELECT action, actor_username, after FROM audit_log WHERE object_type = 'unit' AND object_id = $1`,
      [unit.id],
    );
    expect(row).toMatchObject({ action: 'create', actor_username: 'admin' });
    expect(row?.after.name).toBe('Familieplejen');

    const centers = (await (await admin.get('/api/centers')).json()) as {
      name: string;
      units: Unit[];
    }[];
    expect(centers.find((c) => c.name === 'Center for Familier')?.units.map((u) => u.name)).toEqual(
      ['Familieplejen'],
    );
  });

  it('changes a unit and keeps before and after in the trail', async () => {
    const unit = (await (await admin.get(`/api/units/${ownUnit}`)).json()) as Unit;
    const response = await admin.put(`/api/units/${ownUnit}`, {
      centerId: unit.center.id,
      name: 'Myndighed',
      kind: 'omraade',
      responsible: 'Funktionsleder Mette Friis',
      version: unit.version,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Unit).version).toBe(unit.version + 1);
    const [row] = await ctx.db.query<{ before: Unit; after: Unit }>(
      `SELECT before, after FROM audit_log WHERE object_type = 'unit' AND object_id = $1 AND action = 'update'`,
      [ownUnit],
    );
    expect(row?.before.responsible).toBeNull();
    expect(row?.after.responsible).toBe('Funktionsleder Mette Friis');
  });

  it('refuses a stale version with 409 naming who changed it and when, and changes nothing', async () => {
    const unit = (await (await admin.get(`/api/units/${ownUnit}`)).json()) as Unit;
    const before = await auditCount();
    const response = await admin.put(`/api/units/${ownUnit}`, {
      centerId: unit.center.id,
      name: 'Myndighed (gammel)',
      kind: 'omraade',
      version: unit.version - 1,
    });
    expect(response.status).toBe(409);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('version_conflict');
    expect(problem.detail).toMatch(
      /^Enheden «Myndighed» er ændret af admin \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d/,
    );
    expect(await auditCount()).toBe(before);
    const after = (await (await admin.get(`/api/units/${ownUnit}`)).json()) as Unit;
    expect(after).toEqual(unit);
  });

  it.each([
    [
      'a duplicate unit name',
      () => ({ centerId: '$center', name: 'myndighed', kind: 'omraade' }),
      'name',
      'Der findes allerede en enhed med navnet «myndighed».',
    ],
    [
      'a centre that does not exist',
      () => ({
        centerId: '00000000-0000-4000-8000-000000000000',
        name: 'Ny enhed',
        kind: 'omraade',
      }),
      'centerId',
      'Centret findes ikke.',
    ],
    [
      'a centre id that is not an id',
      () => ({ centerId: 'abc', name: 'Ny enhed 2', kind: 'omraade' }),
      'centerId',
      'Centret findes ikke.',
    ],
    [
      'an empty name',
      () => ({ centerId: '$center', name: '  ', kind: 'omraade' }),
      'name',
      'Feltet skal udfyldes.',
    ],
  ])('refuses %s in Danish and creates nothing', async (_label, body, path, message) => {
    const unit = (await (await admin.get(`/api/units/${ownUnit}`)).json()) as Unit;
    const input = body();
    if (input.centerId === '$center') input.centerId = unit.center.id;
    const before = await auditCount();
    const unitsBefore = await ctx.db.query('SELECT id FROM units');
    const response = await admin.post('/api/units', input);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.issues).toContainEqual(expect.objectContaining({ path, message }));
    expect(await auditCount()).toBe(before);
    expect(await ctx.db.query('SELECT id FROM units')).toHaveLength(unitsBefore.length);
  });

  it('refuses an unknown unit type with a Danish field message', async () => {
    const unit = (await (await admin.get(`/api/units/${ownUnit}`)).json()) as Unit;
    const response = await admin.post('/api/units', {
      centerId: unit.center.id,
      name: 'Ny',
      kind: 'kontor',
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.issues?.[0]?.path).toBe('kind');
    expect(problem.issues?.[0]?.message).toMatch(/[Uu]gyldig/);
  });

  it('refuses a duplicate centre name', async () => {
    const response = await admin.post('/api/centers', { name: 'center for børn og unge' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).issues?.[0]).toMatchObject({
      path: 'name',
      code: 'duplicate',
    });
  });
});

describe('one unit by id', () => {
  it('shows a caseworker their own unit and hides another unit as if it did not exist', async () => {
    const caseworker = new TestClient(ctx);
    await caseworker.login('raadgiver');
    expect((await caseworker.get(`/api/units/${ownUnit}`)).status).toBe(200);
    const other = await caseworker.get(`/api/units/${otherUnit}`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as Problem).detail).toBe('Siden eller objektet findes ikke.');
    expect((await caseworker.get('/api/units/not-an-id')).status).toBe(404);
    const organisation = (await (await caseworker.get('/api/organisation')).json()) as {
      units: Unit[];
    };
    expect(organisation.units.map((u) => u.id)).toEqual([ownUnit]);
  });
});

describe('municipality settings', () => {
  const settings = async () =>
    (await (await admin.get('/api/settings')).json()) as {
      municipalityName: string;
      actionPlanThreshold: number;
      version: number;
    };

  it('defaults the action-plan threshold to 100.000 kr.', async () => {
    expect((await settings()).actionPlanThreshold).toBe(100000);
  });

  it('changes the name and threshold, shown to everybody, with one audit row', async () => {
    const current = await settings();
    const before = await auditCount();
    const response = await admin.put('/api/settings', {
      municipalityName: 'Slagelse Kommune',
      actionPlanThreshold: 150000.5,
      version: current.version,
    });
    expect(response.status).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    const [row] = await ctx.db.query<{ action_plan_threshold_ore: number }>(
      'SELECT action_plan_threshold_ore FROM settings',
    );
    expect(row?.action_plan_threshold_ore).toBe(15000050);
    const caseworker = new TestClient(ctx);
    await caseworker.login('raadgiver');
    const organisation = (await (await caseworker.get('/api/organisation')).json()) as {
      municipality: string;
      actionPlanThreshold: number;
    };
    expect(organisation).toMatchObject({
      municipality: 'Slagelse Kommune',
      actionPlanThreshold: 150000.5,
    });
  });

  it.each([
    [100000.123, 'Må højst have to decimaler.'],
    [-1, 'Beløbet må ikke være negativt.'],
    [1e20, 'Beløbet er for stort (højst 10.000.000.000.000 kr.).'],
  ])('refuses the threshold %s in Danish and changes nothing', async (amount, message) => {
    const current = await settings();
    const before = await auditCount();
    const response = await admin.put('/api/settings', {
      municipalityName: 'Anden Kommune',
      actionPlanThreshold: amount,
      version: current.version,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).issues).toContainEqual(
      expect.objectContaining({ path: 'actionPlanThreshold', message }),
    );
    expect(await settings()).toEqual(current);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a stale settings version with 409', async () => {
    const current = await settings();
    const response = await admin.put('/api/settings', {
      municipalityName: 'X',
      actionPlanThreshold: 1,
      version: current.version - 1,
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as Problem).detail).toMatch(
      /^Kommunens indstillinger er ændret af admin /,
    );
  });
});

describe('a conflict with a change the trail does not name', () => {
  it('still says in Danish that someone changed it', async () => {
    const [c] = await ctx.db.query<{ id: string }>(
      `INSERT INTO centers (name, version) VALUES ('Center uden spor', 3) RETURNING id`,
    );
    const response = await admin.put(`/api/centers/${c?.id ?? ''}`, {
      name: 'Nyt navn',
      version: 2,
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as Problem).detail).toBe(
      'Centret «Center uden spor» er ændret af en anden bruger for nylig, efter du hentede den. Hent den nyeste version; dine ændringer er ikke gemt.',
    );
  });
});

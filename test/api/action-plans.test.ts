/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call,
   @typescript-eslint/no-unsafe-return --
   Answers are read as the loose JSON a client gets; the assertions check their shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_PLAN_2018 } from '../../src/server/demo/action-plans';
import { createApp } from '../../src/server/app';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// Figures typed in from the reference document HANDLEPLAN 2018 (the 'I alt' row and column).
const REF_BY_MONTH = [
  0, 0, 0, 20_000, 475_000, 705_000, 1_010_000, 1_080_000, 1_080_000, 1_080_000, 1_100_000,
  1_050_000,
];
const REF_BY_AREA = [5_000_000, 300_000, 300_000, 700_000, 400_000, 100_000, 800_000];
const REF_GRAND = 7_600_000;

type Json = Record<string, any>;

let ctx: TestContext;
let unitA: string;
let unitB: string;
const clients: Record<string, TestClient> = {};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const referenceDoc = () => clone(REFERENCE_PLAN_2018) as Json;

async function countRows(table: string): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

async function createReference(client = clients.okonomi!): Promise<Json> {
  const response = await client.post('/api/action-plans', referenceDoc());
  expect(response.status).toBe(201);
  return (await response.json()) as Json;
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitA = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  unitB = await createUnit(ctx.db, 'Ungeteam og efterværn');
  await createUser(ctx.db, {
    username: 'okonomi',
    displayName: 'Ole Økonomi',
    roles: ['okonomikonsulent'],
    unitIds: [unitA],
  });
  await createUser(ctx.db, {
    username: 'leder',
    displayName: 'Mette Friis',
    roles: ['funktionsleder'],
    unitIds: [unitA],
  });
  await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unitA] });
  await createUser(ctx.db, { username: 'raadgiver', roles: ['raadgiver'], unitIds: [unitA] });
  await createUser(ctx.db, { username: 'andenleder', roles: ['funktionsleder'], unitIds: [unitB] });
  await createUser(ctx.db, { username: 'direktion', roles: ['ledelse'] });
  for (const name of ['okonomi', 'leder', 'laeser', 'raadgiver', 'andenleder', 'direktion']) {
    clients[name] = new TestClient(ctx);
    expect((await clients[name].login(name)).status).toBe(200);
  }
});
afterAll(() => ctx.close());

describe('the reference plan HANDLEPLAN 2018', () => {
  it('is created from the interchange document with every figure of the reference', async () => {
    const plan = await createReference();
    expect(plan).toMatchObject({
      version: 1,
      status: 'draft',
      unitId: unitA,
      title: 'Handleplan 2018',
      year: 2018,
    });
    expect(plan.totals.byMonth).toEqual(REF_BY_MONTH);
    expect(plan.totals.byArea.map((a: Json) => a.total)).toEqual(REF_BY_AREA);
    expect(plan.totals.byArea.map((a: Json) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.totals.grand).toBe(REF_GRAND);
    expect(plan.expectedOverspend).toEqual({
      atStart: 7_600_000,
      atLastUpdate: 0,
      afterThisUpdate: 0,
    });
    expect(plan.issues).toEqual([]);
    expect(plan.activationProblems).toEqual([]);

    const read = await clients.okonomi!.get(`/api/action-plans/${plan.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as Json).totals.grand).toBe(REF_GRAND);
  });

  it('exports as JSON and imports back to the same plan (lossless)', async () => {
    const plan = await createReference();
    const exported = await clients.okonomi!.get(`/api/action-plans/${plan.id}/export?format=json`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('handleplan-2018');
    const document = (await exported.json()) as Json;
    expect(document.format).toBe('overblik/action-plan@1');
    const imported = await clients.okonomi!.post('/api/action-plans', document);
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as Json;
    const again = await clients.okonomi!.get(`/api/action-plans/${copy.id}/export?format=json`);
    expect(await again.json()).toEqual(document);
    const strip = ({ id: _i, changedAt: _c, ...rest }: Json) => rest;
    expect(strip(copy)).toEqual(strip(plan));
  });

  it('lists plans with their planned total', async () => {
    const response = await clients.okonomi!.get('/api/action-plans?year=2018');
    const { items } = (await response.json()) as { items: Json[] };
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({
      year: 2018,
      grand: REF_GRAND,
      unitName: 'Myndighed, det specialiserede børneområde',
    });
  });
});

describe('the contract', () => {
  it('publishes every action plan route in the OpenAPI document', async () => {
    const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/action-plans',
        '/api/action-plans/required',
        '/api/action-plans/{id}',
        '/api/action-plans/{id}/versions',
        '/api/action-plans/{id}/compare',
        '/api/action-plans/{id}/export',
        '/api/units/{unitId}/action-plan-draft',
      ]),
    );
  });
});

describe('bad input is refused in Danish, naming the field, and nothing is stored', () => {
  const cases: [string, (d: Json) => void, string, RegExp][] = [
    [
      'thirteen months',
      (d) => d.areas[0].monthlyEffect.push(0),
      'areas.0.monthlyEffect',
      /Indsatsområde i række 1, økonomisk effekt: .*12 måneder/,
    ],
    [
      'text for a number',
      (d) => (d.areas[1].monthlyEffect[6] = '50.000'),
      'areas.1.monthlyEffect.6',
      /Indsatsområde i række 2, økonomisk effekt, juli: Skal være et tal/,
    ],
    [
      'three decimals',
      (d) => (d.areas[0].targetAmount = 5_000_000.125),
      'areas.0.targetAmount',
      /målbeløb: Må højst have to decimaler/,
    ],
    [
      '10^14 kr.',
      (d) => (d.expectedOverspend.atStart = 1e14),
      'expectedOverspend.atStart',
      /Forventet merforbrug, ved opstart: Beløbet er for stort/,
    ],
    ['a missing title', (d) => delete d.title, 'title', /Titel: Skal udfyldes/],
    [
      'a duplicated area number',
      (d) => (d.areas[3].number = 2),
      'areas.3.number',
      /Indsatsområde i række 4, nummer: Nummer 2 er brugt/,
    ],
    [
      'a wrong format',
      (d) => (d.format = 'andet'),
      'format',
      /Format: Skal være "overblik\/action-plan@1"/,
    ],
    [
      'totals above 10^13 kr.',
      (d) => (d.areas[0].monthlyEffect = Array.from({ length: 12 }, () => 9_000_000_000_000)),
      'areas.0.monthlyEffect',
      /Summen af månederne er for stor/,
    ],
    [
      'an unknown unit',
      (d) => (d.unit.name = 'Findes ikke'),
      'unit.name',
      /Enheden «Findes ikke» findes ikke/,
    ],
  ];
  it.each(cases)('%s', async (_, change, path, message) => {
    const before = await Promise.all(
      ['action_plans', 'action_plan_versions', 'audit_log'].map(countRows),
    );
    const doc = referenceDoc();
    change(doc);
    const response = await clients.okonomi!.post('/api/action-plans', doc);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Json;
    const issue = (problem.issues as Json[]).find((i) => i.path === path);
    expect(issue?.message).toMatch(message);
    expect(
      await Promise.all(['action_plans', 'action_plan_versions', 'audit_log'].map(countRows)),
    ).toEqual(before);
  });

  it('refuses a stale-less update (no version) the same way', async () => {
    const plan = await createReference();
    const rest: Json = { ...plan };
    delete rest.version;
    const response = await clients.okonomi!.put(`/api/action-plans/${plan.id}`, rest);
    expect(response.status).toBe(422);
    expect(((await response.json()) as Json).issues[0]).toMatchObject({ path: 'version' });
  });

  it('answers an unknown or malformed plan id with 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const response = await clients.okonomi!.get(`/api/action-plans/${id}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as Json).detail).toContain('findes ikke');
    }
  });
});

describe('authorisation', () => {
  it("hides another unit's plan: 404 on read, versions, export and write, and nothing changes", async () => {
    const plan = await createReference();
    const other = clients.andenleder!;
    const audits = await countRows('audit_log');
    for (const path of ['', '/versions', '/export?format=docx', '/compare?from=1&to=1']) {
      expect((await other.get(`/api/action-plans/${plan.id}${path}`)).status).toBe(404);
    }
    const put = await other.put(`/api/action-plans/${plan.id}`, {
      ...referenceDoc(),
      title: 'Overtaget',
      version: 1,
    });
    expect(put.status).toBe(404);
    const status = await other.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 1,
    });
    expect(status.status).toBe(404);
    const list = (await (await other.get('/api/action-plans')).json()) as { items: Json[] };
    expect(list.items.map((i) => i.id)).not.toContain(plan.id);
    expect(await countRows('audit_log')).toBe(audits);
    const read = (await (
      await clients.okonomi!.get(`/api/action-plans/${plan.id}`)
    ).json()) as Json;
    expect(read).toMatchObject({ title: 'Handleplan 2018', version: 1 });
  });

  it("refuses to create a plan in another unit's name without revealing it", async () => {
    const doc = referenceDoc();
    doc.unit.name = 'Ungeteam og efterværn';
    const response = await clients.okonomi!.post('/api/action-plans', doc);
    expect(response.status).toBe(422);
    expect(((await response.json()) as Json).issues[0].path).toBe('unit.name');
  });

  it.each(['laeser', 'raadgiver', 'direktion'])(
    'lets %s read but not write (403, nothing changed, no audit row)',
    async (name) => {
      const plan = await createReference();
      const client = clients[name]!;
      expect((await client.get(`/api/action-plans/${plan.id}`)).status).toBe(200);
      const audits = await countRows('audit_log');
      const put = await client.put(`/api/action-plans/${plan.id}`, {
        ...referenceDoc(),
        title: 'Ændret',
        version: 1,
      });
      expect(put.status).toBe(403);
      expect(((await put.json()) as Json).detail).toContain('rettighed');
      expect((await client.post('/api/action-plans', referenceDoc())).status).toBe(403);
      expect(await countRows('audit_log')).toBe(audits);
      const read = (await (await client.get(`/api/action-plans/${plan.id}`)).json()) as Json;
      expect(read).toMatchObject({ title: 'Handleplan 2018', version: 1 });
    },
  );

  it('lets only a role with plan.activate activate a plan', async () => {
    const plan = await createReference();
    const byEconomist = await clients.okonomi!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 1,
    });
    expect(byEconomist.status).toBe(403);
    const byLeader = await clients.leder!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 1,
      comment: 'Forelagt',
    });
    expect(byLeader.status).toBe(200);
    expect(await byLeader.json()).toMatchObject({ status: 'active', version: 2 });
  });
});

describe('updates, versions and concurrency', () => {
  it('keeps the first change and refuses the second client with who changed it and when', async () => {
    const plan = await createReference();
    const [a, b] = [clients.okonomi!, clients.leder!];
    const readA = (await (await a.get(`/api/action-plans/${plan.id}`)).json()) as Json;
    const readB = (await (await b.get(`/api/action-plans/${plan.id}`)).json()) as Json;
    ctx.setNow(new Date('2026-11-23T10:05:00Z'));
    const docA = referenceDoc();
    docA.areas[0].monthlyEffect[4] = 250_000;
    docA.areas[0].monthlyEffect[11] = 750_000;
    const first = await a.put(`/api/action-plans/${plan.id}`, {
      ...docA,
      version: readA.version,
      comment: 'Maj justeret',
    });
    expect(first.status).toBe(200);
    const docB = referenceDoc();
    docB.title = 'Handleplan 2018 (B)';
    const second = await b.put(`/api/action-plans/${plan.id}`, { ...docB, version: readB.version });
    expect(second.status).toBe(409);
    const problem = (await second.json()) as Json;
    expect(problem.code).toBe('version_conflict');
    expect(problem.detail).toContain('Ole Økonomi');
    expect(problem.detail).toContain('23.11.2026 kl. 11.05');
    expect(problem.currentVersion).toBe(2);
    const now = (await (await a.get(`/api/action-plans/${plan.id}`)).json()) as Json;
    expect(now.title).toBe('Handleplan 2018');
    expect(now.areas[0].monthlyEffect[4]).toBe(250_000);
    expect(now.totals.byMonth[4]).toBe(425_000);
    expect(now.totals.grand).toBe(REF_GRAND);
    expect(now.version).toBe(2);
  });

  it('lets exactly one of two simultaneous saves of the same version through', async () => {
    const plan = await createReference();
    const docA = referenceDoc();
    docA.title = 'Gemt af A';
    const docB = referenceDoc();
    docB.title = 'Gemt af B';
    const [a, b] = await Promise.all([
      clients.okonomi!.put(`/api/action-plans/${plan.id}`, { ...docA, version: 1 }),
      clients.leder!.put(`/api/action-plans/${plan.id}`, { ...docB, version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'Gemt af A' : 'Gemt af B';
    const now = (await (await clients.okonomi!.get(`/api/action-plans/${plan.id}`)).json()) as Json;
    expect(now).toMatchObject({ title: winner, version: 2 });
    const versions = (await (
      await clients.okonomi!.get(`/api/action-plans/${plan.id}/versions`)
    ).json()) as { items: Json[] };
    expect(versions.items).toHaveLength(2);
  });

  it('shows a save made on another app server at the next read here, to the byte', async () => {
    // A second app server over the same database: its own process state, as behind a load
    // balancer. Server 2 reads first, then server 1 saves, activates and records realised effect.
    const server2: TestContext = { ...ctx, app: createApp({ ...ctx.deps, db: { ...ctx.db } }) };
    const reader = new TestClient(server2);
    expect((await reader.login('leder')).status).toBe(200);
    const plan = await createReference();
    const before = (await (await reader.get(`/api/action-plans/${plan.id}`)).json()) as Json;
    expect(before).toMatchObject({ version: 1, status: 'draft' });

    const doc = referenceDoc();
    doc.title = 'Handleplan 2018, justeret';
    const saved = await clients.okonomi!.put(`/api/action-plans/${plan.id}`, {
      ...doc,
      version: 1,
    });
    expect(saved.status).toBe(200);
    const afterSave = await reader.get(`/api/action-plans/${plan.id}`);
    expect(await afterSave.json()).toMatchObject({
      version: 2,
      title: 'Handleplan 2018, justeret',
    });

    const activated = await clients.leder!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 2,
    });
    expect(activated.status).toBe(200);
    const realised = await clients.okonomi!.put(`/api/action-plans/${plan.id}/realisation`, {
      version: 3,
      areas: [{ number: 1, realisedEffect: [null, null, null, 0, 90_000, ...Array(7).fill(null)] }],
    });
    expect(realised.status).toBe(200);
    // Both servers answer the current version with the same text, byte for byte.
    const here = await (await reader.get(`/api/action-plans/${plan.id}`)).text();
    const there = await (await clients.leder!.get(`/api/action-plans/${plan.id}`)).text();
    expect(here).toBe(there);
    const now = JSON.parse(here) as Json;
    expect(now).toMatchObject({ version: 4, status: 'active' });
    expect(now.realisation.realisedTotal).toBe(90_000);
  });

  it('writes one audit row per change, in the same transaction', async () => {
    const plan = await createReference();
    const audit = () =>
      ctx.db.query<{ action: string; actor_username: string }>(
        `SELECT action, actor_username FROM audit_log WHERE object_type = 'action_plan' AND object_id = $1 ORDER BY id`,
        [plan.id],
      );
    expect(await audit()).toEqual([{ action: 'action_plan.create', actor_username: 'okonomi' }]);
    await clients.okonomi!.put(`/api/action-plans/${plan.id}`, { ...referenceDoc(), version: 1 });
    await clients.okonomi!.put(`/api/action-plans/${plan.id}`, { ...referenceDoc(), version: 1 }); // stale: no row
    await clients.leder!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 2,
    });
    expect((await audit()).map((r) => r.action)).toEqual([
      'action_plan.create',
      'action_plan.update',
      'action_plan.activate',
    ]);
  });

  it('takes "expected overspend at last update" from the previous version and keeps every version', async () => {
    const plan = await createReference();
    const doc = referenceDoc();
    doc.expectedOverspend = { atStart: 7_600_000, atLastUpdate: 999, afterThisUpdate: 120_000.5 };
    doc.areas[6].monthlyEffect[11] = 50_000;
    const v2 = (await (
      await clients.okonomi!.put(`/api/action-plans/${plan.id}`, {
        ...doc,
        version: 1,
        comment: 'Opfølgning pr. 31.08.',
      })
    ).json()) as Json;
    expect(v2.expectedOverspend).toEqual({
      atStart: 7_600_000,
      atLastUpdate: 0,
      afterThisUpdate: 120_000.5,
    });
    expect(v2.totals.grand).toBe(7_550_000);
    expect(v2.issues.map((i: Json) => [i.code, i.path])).toEqual([
      ['area_months_mismatch', 'areas.6.monthlyEffect'],
      ['effect_below_overspend', 'expectedOverspend.atStart'],
    ]);
    expect(v2.issues[0].message).toBe(
      'Indsatsområde 7: månederne giver 750.000 kr., men målet er 800.000 kr. (difference -50.000 kr.).',
    );
    expect(v2.issues[1].message).toBe(
      'Den planlagte effekt på 7.550.000 kr. er mindre end det forventede merforbrug ved opstart på 7.600.000 kr.',
    );
    const v3 = (await (
      await clients.okonomi!.put(`/api/action-plans/${plan.id}`, { ...doc, version: 2 })
    ).json()) as Json;
    expect(v3.expectedOverspend.atLastUpdate).toBe(120_000.5);

    const versions = (await (
      await clients.okonomi!.get(`/api/action-plans/${plan.id}/versions`)
    ).json()) as { items: Json[] };
    expect(versions.items.map((v) => [v.version, v.savedBy, v.comment])).toEqual([
      [3, 'Ole Økonomi', null],
      [2, 'Ole Økonomi', 'Opfølgning pr. 31.08.'],
      [1, 'Ole Økonomi', null],
    ]);
    const compare = (await (
      await clients.okonomi!.get(`/api/action-plans/${plan.id}/compare?from=1&to=2`)
    ).json()) as Json;
    expect(compare.from.document.expectedOverspend.afterThisUpdate).toBe(0);
    expect(compare.to.document.expectedOverspend.afterThisUpdate).toBe(120_000.5);
    expect(compare.changes.map((c: Json) => [c.path, c.before, c.after])).toEqual([
      ['expectedOverspend.afterThisUpdate', 0, 120_000.5],
      ['areas[7].monthlyEffect.11', 100_000, 50_000],
    ]);
    expect(compare.changes[1].label).toBe('Indsatsområde 7, økonomisk effekt, december');
  });

  it('refuses activation while months do not add up to a target, naming the area', async () => {
    const doc = referenceDoc();
    doc.areas[1].monthlyEffect[11] = 0;
    const plan = (await (await clients.leder!.post('/api/action-plans', doc)).json()) as Json;
    const response = await clients.leder!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 1,
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Json;
    expect(problem.code).toBe('action_plan_not_ready');
    expect(problem.issues).toEqual([
      expect.objectContaining({ path: 'areas.1.monthlyEffect', code: 'area_months_mismatch' }),
    ]);
    expect(
      ((await (await clients.leder!.get(`/api/action-plans/${plan.id}`)).json()) as Json).status,
    ).toBe('draft');
  });

  it('closes an active plan, after which it cannot be edited', async () => {
    const plan = await createReference(clients.leder);
    await clients.leder!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'active',
      version: 1,
    });
    const closed = await clients.leder!.post(`/api/action-plans/${plan.id}/status`, {
      status: 'closed',
      version: 2,
    });
    expect(await closed.json()).toMatchObject({ status: 'closed', version: 3 });
    const edit = await clients.leder!.put(`/api/action-plans/${plan.id}`, {
      ...referenceDoc(),
      version: 3,
    });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as Json).code).toBe('action_plan_closed');
  });
});

describe('benefits realisation', () => {
  it('sets realised effect beside the planned, per month and cumulatively, with what remains', async () => {
    const plan = await createReference();
    const response = await clients.okonomi!.put(`/api/action-plans/${plan.id}/realisation`, {
      version: 1,
      comment: 'April og maj',
      areas: [
        {
          number: 1,
          realisedEffect: [
            null,
            null,
            null,
            null,
            280_000,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
          ],
        },
        {
          number: 3,
          realisedEffect: [
            null,
            null,
            null,
            10_000,
            20_000.5,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    const r = ((await response.json()) as Json).realisation as Json;
    expect(r.months[3]).toEqual({
      month: 3,
      planned: 20_000,
      realised: 10_000,
      cumulativePlanned: 20_000,
      cumulativeRealised: 10_000,
    });
    expect(r.months[4]).toEqual({
      month: 4,
      planned: 475_000,
      realised: 300_000.5,
      cumulativePlanned: 495_000,
      cumulativeRealised: 310_000.5,
    });
    expect(r.months[5].realised).toBeNull();
    expect(r.realisedTotal).toBe(310_000.5);
    // What remains of the overspend is one figure, against the forecast (GET …/forecast).
    expect(r).not.toHaveProperty('remainingOverspend');
    expect(r.byArea[0]).toEqual({ number: 1, planned: 5_000_000, realised: 280_000 });
  });
});

describe('the trigger: handleplan påkrævet', () => {
  it('lists a unit strictly above the threshold and creates a prefilled draft on one call', async () => {
    await ctx.db.query(
      `UPDATE units SET responsible = 'Funktionsleder Mette Friis' WHERE id = $1`,
      [unitA],
    );
    await ctx.db.query(`UPDATE centers SET responsible = 'Centerchef Birgitte Holm'`);
    const atThreshold = await clients.okonomi!.put(`/api/units/${unitA}/expected-overspend`, {
      year: 2027,
      amount: 100_000,
    });
    expect(atThreshold.status).toBe(204);
    let required = (await (
      await clients.okonomi!.get('/api/action-plans/required?year=2027')
    ).json()) as Json;
    expect(required.threshold).toBe(100_000);
    expect(required.items).toEqual([]);

    await clients.okonomi!.put(`/api/units/${unitA}/expected-overspend`, {
      year: 2027,
      amount: 100_000.01,
    });
    // a new estimate replaces the previous one; the audit trail keeps what it replaced
    const [audit] = await ctx.db.query<{ before: { amountOre: number; enteredBy: string } }>(
      `SELECT before FROM audit_log WHERE action = 'unit_expected_overspend.set'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.before).toMatchObject({ amountOre: 10_000_000 });
    expect(audit?.before.enteredBy).toBeTruthy();
    required = (await (
      await clients.okonomi!.get('/api/action-plans/required?year=2027')
    ).json()) as Json;
    expect(required.items).toEqual([
      expect.objectContaining({
        unit: { id: unitA, name: 'Myndighed, det specialiserede børneområde' },
        expectedOverspend: 100_000.01,
        source: 'manual',
        asOf: null,
        plan: null,
      }),
    ]);

    const draft = await clients.okonomi!.post(`/api/units/${unitA}/action-plan-draft`, {
      year: 2027,
      expectedOverspend: 1_234_567.5,
      causes: ['Tilgang i anbringelser'],
    });
    expect(draft.status).toBe(201);
    const plan = (await draft.json()) as Json;
    expect(plan).toMatchObject({
      status: 'draft',
      year: 2027,
      title: 'Handleplan 2027',
      center: { name: 'Center for Børn og Unge', responsible: 'Centerchef Birgitte Holm' },
      unit: {
        name: 'Myndighed, det specialiserede børneområde',
        responsible: 'Funktionsleder Mette Friis',
      },
      startedOn: '2026-11-23',
      causes: ['Tilgang i anbringelser'],
      expectedOverspend: { atStart: 1_234_567.5 },
      areas: [],
    });
    required = (await (
      await clients.okonomi!.get('/api/action-plans/required?year=2027')
    ).json()) as Json;
    expect(required.items[0]).toMatchObject({
      expectedOverspend: 1_234_567.5,
      plan: { id: plan.id, status: 'draft' },
    });

    const again = await clients.okonomi!.post(`/api/units/${unitA}/action-plan-draft`, {
      year: 2027,
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Json).id).toBe(plan.id);
  });

  it("hides another unit's trigger and refuses readers", async () => {
    expect(
      (await clients.andenleder!.post(`/api/units/${unitA}/action-plan-draft`, { year: 2027 }))
        .status,
    ).toBe(404);
    expect(
      (await clients.laeser!.post(`/api/units/${unitA}/action-plan-draft`, { year: 2027 })).status,
    ).toBe(403);
    const required = (await (
      await clients.andenleder!.get('/api/action-plans/required?year=2027')
    ).json()) as Json;
    expect(required.items).toEqual([]);
    const bad = await clients.okonomi!.post(`/api/units/${unitA}/action-plan-draft`, {
      year: 2027,
      expectedOverspend: 'mange',
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Json).issues[0].path).toBe('expectedOverspend');
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call,
   @typescript-eslint/no-unsafe-return --
   Answers are read as the loose JSON a client gets; the assertions check their shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { insertMonthlyPostings } from '../postings';

type Json = Record<string, any>;

let ctx: TestContext;
let over: string;
let under: string;
let client: TestClient;

/** Postings as a finished import: one posting per month with the given kroner amounts. */
const post = (unit: string, year: number, monthly: number[]) =>
  insertMonthlyPostings(ctx.db, unit, year, monthly);

/** The forecast's overspend for a unit as of a date, as the budget page shows it. */
async function forecastOverspend(unitId: string, asOf: string): Promise<number> {
  const f = (await (
    await client.get(`/api/forecast?year=2026&asOf=${asOf}&unitId=${unitId}`)
  ).json()) as Json;
  return f.units[0].overspend as number;
}

const draft = async (unitId: string) =>
  (await (
    await client.post(`/api/units/${unitId}/action-plan-draft`, { year: 2026 })
  ).json()) as Json;

beforeAll(async () => {
  ctx = await createTestApp();
  over = await createUnit(ctx.db, 'Ungeteam og efterværn');
  under = await createUnit(ctx.db, 'Slagelse Familie Center');
  await createUser(ctx.db, {
    username: 'okonomi',
    displayName: 'Ole Økonomi',
    roles: ['okonomikonsulent'],
    unitIds: [over, under],
  });
  for (const unit of [over, under]) {
    for (const year of [2023, 2024, 2025]) await post(unit, year, Array<number>(12).fill(100_000));
    await post(unit, 2026, Array<number>(10).fill(120_000));
  }
  client = new TestClient(ctx);
  expect((await client.login('okonomi')).status).toBe(200);
  const saved = await client.put('/api/budgets/2026', {
    lines: [
      { unitId: over, accountFunction: '5.28.21', original: 1_000_000 },
      { unitId: under, accountFunction: '5.28.21', original: 3_000_000 },
    ],
  });
  expect(saved.status).toBe(200);
});
afterAll(() => ctx.close());

describe('a plan filled from the forecast', () => {
  it('starts a draft at the forecast as of the trigger date, and says so', async () => {
    // The clock says 23.11.2026: the last closed month ends 31.10.2026.
    const expected = await forecastOverspend(over, '2026-10-31');
    expect(expected).toBeGreaterThan(100_000);
    const plan = await draft(over);
    expect(plan.expectedOverspend).toEqual({
      atStart: expected,
      atLastUpdate: null,
      afterThisUpdate: expected,
    });
    expect(plan.overspendSources).toEqual({
      atStart: { kind: 'forecast', asOf: '2026-10-31', forecast: expected, reason: null },
      afterThisUpdate: { kind: 'forecast', asOf: '2026-10-31', forecast: expected, reason: null },
    });
    expect(plan.issues.map((i: Json) => i.code)).not.toContain('no_overspend_forecast');
    const required = (await (
      await client.get('/api/action-plans/required?year=2026')
    ).json()) as Json;
    expect(required.items[0]).toMatchObject({ expectedOverspend: expected });
  });

  it('warns in Danish when a draft is made for a unit that is not over budget', async () => {
    const expected = await forecastOverspend(under, '2026-10-31');
    expect(expected).toBeLessThan(0);
    const plan = await draft(under);
    expect(plan.expectedOverspend.atStart).toBe(expected);
    const warning = plan.issues.find((i: Json) => i.code === 'no_overspend_forecast');
    expect(warning).toMatchObject({ severity: 'warning', path: 'expectedOverspend.atStart' });
    expect(warning.message).toMatch(/^Enheden er ikke over budget: prognosen pr\. 31\.10\.2026/);
    expect(warning.message).toContain('et mindreforbrug på');
  });

  it('subtracts the effect still to come after the update, and shows one remaining figure against the forecast now', async () => {
    const plan = (await (
      await client.get(
        `/api/action-plans/${((await (await client.get('/api/action-plans?year=2026')).json()) as Json).items.find((p: Json) => p.unitId === over).id}`,
      )
    ).json()) as Json;
    const forecast = plan.expectedOverspend.atStart as number;
    const area = {
      number: 1,
      title: 'Genforhandling af aftaler',
      targetAmount: 90_000,
      monthlyEffect: [0, 0, 0, 0, 0, 0, 0, 0, 0, 30_000, 30_000, 30_000],
    };
    const saved = await client.put(`/api/action-plans/${plan.id}`, {
      ...plan,
      areas: [area],
      version: plan.version,
    });
    expect(saved.status).toBe(200);
    const after = (await saved.json()) as Json;
    // October is in the forecast as of 31.10; November and December are still to come.
    expect(after.expectedOverspend.atStart).toBe(forecast);
    expect(after.expectedOverspend.afterThisUpdate).toBe(forecast - 60_000);
    expect(after.overspendSources.afterThisUpdate).toMatchObject({
      kind: 'forecast',
      asOf: '2026-10-31',
      forecast,
    });

    const now = (await (await client.get(`/api/action-plans/${plan.id}/forecast`)).json()) as Json;
    expect(now).toEqual({
      asOf: '2026-10-31',
      source: 'forecast',
      forecastOverspend: forecast,
      plannedEffectAfter: 60_000,
      remaining: forecast - 60_000,
    });
  });

  it('keeps a figure taken for a date when the forecast moves later; the current forecast follows', async () => {
    const list = (await (await client.get('/api/action-plans?year=2026')).json()) as Json;
    const id = list.items.find((p: Json) => p.unitId === over).id as string;
    const before = (await (await client.get(`/api/action-plans/${id}`)).json()) as Json;
    const adjusted = await client.post('/api/forecast/adjustments', {
      unitId: over,
      accountFunction: '5.28.21',
      year: 2026,
      amount: 250_000,
      reason: 'Kendt anbringelse fra december',
    });
    expect(adjusted.status).toBe(201);
    const saved = (await (
      await client.put(`/api/action-plans/${id}`, { ...before, version: before.version })
    ).json()) as Json;
    expect(saved.expectedOverspend.atStart).toBe(before.expectedOverspend.atStart);
    expect(saved.expectedOverspend.afterThisUpdate).toBe(before.expectedOverspend.afterThisUpdate);
    const now = (await (await client.get(`/api/action-plans/${id}/forecast`)).json()) as Json;
    expect(now.forecastOverspend).toBe(before.expectedOverspend.atStart + 250_000);
    expect(now.remaining).toBe(before.expectedOverspend.atStart + 250_000 - 60_000);
  });

  it('may be overridden with a reason, which is kept, shown and audited; not without an amount', async () => {
    const list = (await (await client.get('/api/action-plans?year=2026')).json()) as Json;
    const id = list.items.find((p: Json) => p.unitId === over).id as string;
    const plan = (await (await client.get(`/api/action-plans/${id}`)).json()) as Json;
    const forecast = plan.overspendSources.atStart.forecast as number;
    const refused = await client.put(`/api/action-plans/${id}`, {
      ...plan,
      expectedOverspend: { ...plan.expectedOverspend, atStart: null },
      overspendSources: { atStart: { reason: 'Kendt efterregulering' } },
      version: plan.version,
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain(
      'Forventet merforbrug, ved opstart: Angiv beløbet',
    );

    const saved = await client.put(`/api/action-plans/${id}`, {
      ...plan,
      expectedOverspend: { ...plan.expectedOverspend, atStart: 500_000 },
      overspendSources: { atStart: { reason: 'Kendt efterregulering' } },
      version: plan.version,
    });
    expect(saved.status).toBe(200);
    const overridden = (await saved.json()) as Json;
    expect(overridden.expectedOverspend.atStart).toBe(500_000);
    expect(overridden.overspendSources.atStart).toEqual({
      kind: 'override',
      asOf: '2026-10-31',
      forecast,
      reason: 'Kendt efterregulering',
    });
    const [audit] = await ctx.db.query<{ after: Json }>(
      `SELECT after FROM audit_log WHERE action = 'action_plan.update' ORDER BY id DESC LIMIT 1`,
    );
    // the trail says it was overridden; the reason lives in the plan's version, not the trail
    expect(audit?.after.overspendSources.atStart).toBe('override');
    expect(JSON.stringify(audit?.after)).not.toContain('Kendt efterregulering');

    // Asking for the forecast again ends the override.
    const back = (await (
      await client.put(`/api/action-plans/${id}`, {
        ...overridden,
        overspendSources: { atStart: { kind: 'forecast' } },
        version: overridden.version,
      })
    ).json()) as Json;
    expect(back.expectedOverspend.atStart).toBe(forecast);
    expect(back.overspendSources.atStart.kind).toBe('forecast');
  });
});

describe('the day a draft is dated', () => {
  it('is the day in Copenhagen: a draft made at 00.30 on 1 December is dated 01.12.2026', async () => {
    const late = await createUnit(ctx.db, 'Børnehandicap');
    await ctx.db.query('INSERT INTO user_units (user_id, unit_id) SELECT id, $1 FROM users', [
      late,
    ]);
    ctx.setNow(new Date('2026-11-30T23:30:00Z')); // 00.30 on 1 December in Copenhagen
    try {
      expect((await client.login('okonomi')).status).toBe(200);
      const plan = await draft(late);
      expect(plan.startedOn).toBe('2026-12-01');
      expect(plan.updatedOn).toBe('2026-12-01');
    } finally {
      ctx.setNow(new Date('2026-11-23T10:00:00Z'));
    }
  });
});

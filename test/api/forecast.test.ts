import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { insertMonthlyPostings } from '../postings';

let ctx: TestContext;
let unitId: string;
let otherId: string;

/** Postings as a finished import: one posting per month with the given kroner amounts. */
const post = (unit: string, year: number, monthly: number[]) =>
  insertMonthlyPostings(ctx.db, unit, year, monthly);

const seasonal = [...Array<number>(11).fill(100_000), 400_000];

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  otherId = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [unitId, otherId],
  });
  await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [otherId] });
  for (const year of [2023, 2024, 2025]) await post(unitId, year, seasonal);
  await post(unitId, 2026, [120_000, 120_000, 120_000, 120_000, 120_000]);
  const c = new TestClient(ctx);
  await c.login('okonomi');
  const saved = await c.put('/api/budgets/2026', {
    lines: [{ unitId, accountFunction: '5.28.21', original: 1_600_000 }],
  });
  expect(saved.status).toBe(200);
});
afterAll(() => ctx.close());

interface Parts {
  budget: number;
  actuals: number;
  committed: number;
  intake: number;
  adjustments: number;
  forecast: number;
  overspend: number;
}
type Forecast = {
  units: (Parts & {
    unitId: string;
    actionPlanRequired: boolean;
    months: { month: number; actual: number | null; forecast: number; budget: number }[];
  })[];
  area: Parts;
  method: { method: string; years: number };
};

describe('forecast', () => {
  it('shows actuals, intake from earlier years and the expected overspend, strictly above the threshold', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const response = await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}`);
    expect(response.status).toBe(200);
    const f = (await response.json()) as Forecast;
    const unit = f.units[0];
    // Intake after May in 2023–2025: 6 × 100.000 + 400.000 each year, nothing committed.
    expect(unit).toMatchObject({
      budget: 1_600_000,
      actuals: 600_000,
      intake: 1_000_000,
      forecast: 1_600_000 + unit!.committed,
    });
    expect(f.method).toMatchObject({ method: 'mean', years: 3 });
    expect(unit?.months[4]).toMatchObject({ month: 5, actual: 600_000 });
    expect(unit?.months[11]?.forecast).toBe(unit?.forecast);
    expect(unit?.months[11]?.budget).toBe(1_600_000);
  });

  it('takes a manual adjustment with a reason and then requires a plan', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const noReason = await c.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.21',
      year: 2026,
      amount: 100_000,
      reason: '',
    });
    expect(noReason.status).toBe(422);
    const at = await c.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.21',
      year: 2026,
      amount: 100_000,
      reason: 'Kendt dyr anbringelse fra september',
    });
    expect(at.status).toBe(201);
    const f = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}`)
    ).json()) as Forecast;
    expect(f.units[0]).toMatchObject({ adjustments: 100_000, actionPlanRequired: false });
    // Exactly the threshold is not above it; one more krone is.
    await c.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.21',
      year: 2026,
      amount: 1,
      reason: 'Øre',
    });
    const g = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}`)
    ).json()) as Forecast;
    const expected = g.units[0]!.committed + 100_001;
    expect(g.units[0]).toMatchObject({
      overspend: expected,
      actionPlanRequired: expected > 100_000,
    });
  });

  it('lets the method and its parameters be changed', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const f = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}&method=none`)
    ).json()) as Forecast;
    expect(f.units[0]?.intake).toBe(0);
    const half = (await (
      await c.get(
        `/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}&factorPercent=50&years=1`,
      )
    ).json()) as Forecast;
    expect(half.units[0]?.intake).toBe(500_000);
    // The ratio method follows growth: each year's intake relative to its spending to date
    // (500.000), applied to this year's 600.000 to date.
    const ratio = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}&method=ratio`)
    ).json()) as Forecast;
    expect(ratio.method.method).toBe('ratio');
    expect(ratio.units[0]?.intake).toBe(1_200_000);
  });

  it('backtests against final accounts and beats run-rate on a seasonal history', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const response = await c.get(
      `/api/forecast/backtest?beforeYear=2026&backtestYears=2&unitId=${unitId}`,
    );
    expect(response.status).toBe(200);
    const b = (await response.json()) as {
      years: number[];
      overall: { best: string; methods: Record<string, { mae: number; maePercent: number }> };
      units: { points: { final: number }[] }[];
    };
    expect(b.years).toEqual([2025, 2024]);
    expect(b.units[0]?.points).toHaveLength(8);
    expect(b.units[0]?.points[0]?.final).toBe(1_500_000);
    expect(b.overall.methods.forecast?.mae).toBeLessThan(b.overall.methods.runRate?.mae ?? 0);
    expect(b.overall.methods.forecast?.mae).toBeLessThan(
      b.overall.methods.commitmentsOnly?.mae ?? 0,
    );
    expect(b.overall.best).toBe('forecast');
  });

  it("hides another unit's forecast", async () => {
    const c = new TestClient(ctx);
    await c.login('leder');
    expect((await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}`)).status).toBe(
      404,
    );
    const own = (await (await c.get('/api/forecast?year=2026&asOf=2026-05-31')).json()) as Forecast;
    expect(own.units.map((u) => u.unitId)).toEqual([otherId]);
  });
});

describe('one truth for "handleplan påkrævet"', () => {
  type Required = {
    asOf: string;
    items: {
      unit: { id: string; name: string };
      expectedOverspend: number;
      source: 'forecast' | 'manual';
      asOf: string | null;
    }[];
  };

  it('takes the forecast for a unit with a budget and the hand-entered figure for one without', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    // A figure entered by hand for a unit that has a budget is not the truth: the forecast is.
    for (const [unit, amount] of [
      [unitId, 9_000_000],
      [otherId, 250_000],
    ] as const) {
      const put = await c.put(`/api/units/${unit}/expected-overspend`, { year: 2026, amount });
      expect(put.status).toBe(204);
    }
    const f = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-05-31&unitId=${unitId}`)
    ).json()) as Forecast;
    expect(f.units[0]?.actionPlanRequired).toBe(true);
    const response = await c.get('/api/action-plans/required?year=2026&asOf=2026-05-31');
    expect(response.status).toBe(200);
    const required = (await response.json()) as Required;
    expect(required.asOf).toBe('2026-05-31');
    expect(required.items).toEqual([
      expect.objectContaining({
        unit: { id: otherId, name: 'Børnehandicap' },
        expectedOverspend: 250_000,
        source: 'manual',
        asOf: null,
      }),
      expect.objectContaining({
        unit: { id: unitId, name: 'Myndighed, det specialiserede børneområde' },
        expectedOverspend: f.units[0]?.overspend,
        source: 'forecast',
        asOf: '2026-05-31',
      }),
    ]);
    expect(f.units[0]?.overspend).not.toBe(9_000_000);
  });

  it('reads the forecast at the end of the last closed month by default, as the budget page does', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    // The test clock says 23.11.2026: the last closed month ends 31.10.2026.
    const f = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-10-31&unitId=${unitId}`)
    ).json()) as Forecast;
    const required = (await (
      await c.get('/api/action-plans/required?year=2026')
    ).json()) as Required;
    expect(required.asOf).toBe('2026-10-31');
    // As of October the intake is mostly in: under budget, so no plan, whatever was typed in.
    expect(f.units[0]?.actionPlanRequired).toBe(false);
    expect(required.items.find((i) => i.unit.id === unitId)).toBeUndefined();
    expect(required.items.find((i) => i.unit.id === otherId)).toMatchObject({
      expectedOverspend: 250_000,
      source: 'manual',
    });
    const outside = await c.get('/api/action-plans/required?year=2026&asOf=2025-12-31');
    expect(outside.status).toBe(422);
  });

  it('prefills a draft with the same figure when none is given', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const f = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-10-31&unitId=${unitId}`)
    ).json()) as Forecast;
    const draft = await c.post(`/api/units/${unitId}/action-plan-draft`, { year: 2026 });
    expect(draft.status).toBe(201);
    const plan = (await draft.json()) as { expectedOverspend: { atStart: number | null } };
    expect(plan.expectedOverspend.atStart).toBe(f.units[0]?.overspend);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_PARAMS } from '../../src/domain/forecast/forecast';
import { DEMO_PRICE_WAGE_PERMILLE } from '../../src/server/demo/budget';
import { loadDemo } from '../../src/server/demo/load-demo';
import { computeForecastLines, ForecastData } from '../../src/server/services/forecast-service';
import { createTestApp, TestClient, type TestContext } from '../app';

/**
 * The demo's budget figures emerge from ordinary records: budgets adopted before their year by
 * one rule, postings of the cases and of the spending outside them, no corrections and no
 * balancing postings; the plans' figures are the forecast's at their dates.
 */
let ctx: TestContext;
let c: TestClient;

beforeAll(async () => {
  ctx = await createTestApp();
  ctx.setNow(new Date('2026-12-06T09:00:00Z'));
  await loadDemo(ctx.db, new Date('2026-12-06T09:00:00+01:00'));
  c = new TestClient(ctx);
  await c.login('okonomi', 'demo');
}, 180_000);
afterAll(() => ctx.close());

interface Forecast {
  units: { unitName: string; overspend: number; actionPlanRequired: boolean }[];
}
const forecast = async (asOf: string) =>
  (await (await c.get(`/api/forecast?year=${asOf.slice(0, 4)}&asOf=${asOf}`)).json()) as Forecast;

interface Plan {
  status: string;
  startedOn: string;
  updatedOn: string;
  expectedOverspend: { atStart: number; atLastUpdate: number | null; afterThisUpdate: number };
  overspendSources: {
    atStart: { kind: string; asOf: string | null } | null;
    afterThisUpdate: { kind: string; asOf: string | null } | null;
  };
  areas: { monthlyEffect: number[] }[];
}
async function plan(title: string): Promise<Plan> {
  const [row] = await ctx.db.query<{ id: string }>('SELECT id FROM action_plans WHERE title = $1', [
    title,
  ]);
  const response = await c.get(`/api/action-plans/${row?.id ?? ''}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Plan;
}

describe('the demo’s budgets and postings', () => {
  it('has no budget corrections and no transfers: no decision is invented to reach a figure', async () => {
    const [corrections] = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM budget_corrections',
    );
    expect(corrections?.n).toBe(0);
    const [transfers] = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM budget_lines WHERE transfer_ore <> 0',
    );
    expect(transfers?.n).toBe(0);
  });

  it('has no balancing postings: no "efterregulering", "korrektion" or "regulering" in the ledger', async () => {
    const texts = await ctx.db.query<{ text: string }>(
      `SELECT DISTINCT text FROM ledger_postings
        WHERE text ILIKE '%regulering%' OR text ILIKE '%korrektion%' OR text ILIKE '%tillæg%'`,
    );
    expect(texts).toEqual([]);
  });

  it('adopts each budget before its year, in whole thousands: the follow-up as of 31 August the year before, plus price and wage adjustment', async () => {
    const lines = await ctx.db.query<{
      unit_id: string;
      account_function: string;
      original_ore: string;
    }>('SELECT unit_id, account_function, original_ore::text FROM budget_lines WHERE year = 2026');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const l of lines) expect(Number(l.original_ore) % 100_000).toBe(0);
    // recomputed from what was known on 31.08.2025: the same figures
    const base = await computeForecastLines(new ForecastData(ctx.db, null), ctx.db, {
      year: 2025,
      asOf: '2025-08-31',
      unitIds: null,
      intake: DEFAULT_INTAKE_PARAMS,
    });
    for (const l of lines) {
      const then = base.find(
        (b) => b.unitId === l.unit_id && b.accountFunction === l.account_function,
      );
      const expected =
        Math.round(
          ((then?.forecastOre ?? 0) * (1000 + DEMO_PRICE_WAGE_PERMILLE)) / 1000 / 100_000,
        ) * 100_000;
      expect(Number(l.original_ore)).toBe(expected);
    }
  });

  it('tells this year’s story from ordinary data: one unit needs a plan, one is just under the threshold', async () => {
    const october = await forecast('2026-10-31');
    const by = (name: string) => october.units.find((u) => u.unitName === name);
    expect(by('Ungeteam og efterværn')).toMatchObject({
      overspend: 2_315_368.43,
      actionPlanRequired: true,
    });
    // one late invoice of 50.000 kr. more and a plan is required
    expect(by('Slagelse Familie Center')).toMatchObject({
      overspend: 53_609.69,
      actionPlanRequired: false,
    });
    expect(by('Børnehandicap')?.actionPlanRequired).toBe(false);
    expect(by('Myndighed, det specialiserede børneområde')?.actionPlanRequired).toBe(false);
    // the follow-up as of 31 August already showed the overspend the plan answers
    const august = await forecast('2026-08-31');
    expect(august.units.find((u) => u.unitName === 'Ungeteam og efterværn')).toMatchObject({
      actionPlanRequired: true,
    });
  });
});

describe('the demo’s plans', () => {
  it('the 2026 plan takes its figures from the forecast at its dates', async () => {
    const p = await plan('Handleplan 2026');
    expect(p.status).toBe('active');
    expect(p.startedOn).toBe('2026-09-10');
    const unge = (f: Forecast) =>
      f.units.find((u) => u.unitName === 'Ungeteam og efterværn')?.overspend ?? 0;
    const atStart = unge(await forecast('2026-08-31'));
    const now = unge(await forecast('2026-10-31'));
    expect(p.overspendSources.atStart).toMatchObject({ kind: 'forecast', asOf: '2026-08-31' });
    expect(p.expectedOverspend.atStart).toBe(atStart);
    // after this update (6.11, the October close): the forecast as of 31.10 minus the effect still to come
    const comingEffect = p.areas.reduce(
      (s, a) => s + (a.monthlyEffect[10] ?? 0) + (a.monthlyEffect[11] ?? 0),
      0,
    );
    expect(p.overspendSources.afterThisUpdate).toMatchObject({
      kind: 'forecast',
      asOf: '2026-10-31',
    });
    expect(p.expectedOverspend.afterThisUpdate).toBeCloseTo(now - comingEffect, 2);
    expect(p.expectedOverspend.atStart).toBeGreaterThan(100_000);
  });

  it('the reference HANDLEPLAN 2018 agrees with the forecast at its start: its unit is 7,6 mio. kr. over as of 31.03.2018, in the frozen round too', async () => {
    const p = await plan('Handleplan 2018');
    const [unit] = await ctx.db.query<{ name: string }>(
      'SELECT u.name FROM action_plans p JOIN units u ON u.id = p.unit_id WHERE p.title = $1',
      ['Handleplan 2018'],
    );
    const name = unit?.name ?? '';
    expect(name).toBe('Myndighed, det specialiserede børneområde');
    // the document states its figures in whole 100.000 kr.
    const toPlanPrecision = (kroner: number) => Math.round(kroner / 100_000) * 100_000;
    const march = await forecast('2018-03-31');
    const live = march.units.find((u) => u.unitName === name);
    expect(toPlanPrecision(live?.overspend ?? 0)).toBe(p.expectedOverspend.atStart);
    expect(live?.actionPlanRequired).toBe(true);
    const rounds = (await (await c.get('/api/follow-up/rounds?year=2018')).json()) as {
      rounds: { name: string; asOf: string; units: { unitName: string; overspend: number }[] }[];
    };
    const round = rounds.rounds.find((r) => r.name === 'Budgetopfølgning 1, 2018');
    expect(round?.asOf).toBe('2018-03-31');
    const frozen = round?.units.find((u) => u.unitName === name);
    expect(frozen?.overspend).toBeCloseTo(live?.overspend ?? 0, 2);
    expect(toPlanPrecision(frozen?.overspend ?? 0)).toBe(7_600_000);
  });

  it('the reference HANDLEPLAN 2018 keeps the figures the document states', async () => {
    const p = await plan('Handleplan 2018');
    expect(p.expectedOverspend).toEqual({
      atStart: 7_600_000,
      atLastUpdate: 0,
      afterThisUpdate: 0,
    });
    expect(p.overspendSources.atStart?.kind ?? 'manual').toBe('manual');
  });
});

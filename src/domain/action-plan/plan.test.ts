import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore, oreFromKroner as kr, type Ore } from '../money';
import {
  activationProblems,
  computeRealisation,
  computeTotals,
  diffPlans,
  emptyRealised,
  firstOpenMonth,
  NO_SOURCES,
  planIssues,
  spreadRemainder,
  type ActionPlan,
} from './index';

const row = (...kroner: number[]) => kroner.map(kr);

// The monthly table of HANDLEPLAN 2018, typed in from the reference document.
const REFERENCE_ROWS: [number, number, Ore[]][] = [
  [
    1,
    5_000_000,
    row(0, 0, 0, 0, 300_000, 500_000, 700_000, 700_000, 700_000, 700_000, 700_000, 700_000),
  ],
  [2, 300_000, row(0, 0, 0, 0, 0, 0, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000)],
  [
    3,
    300_000,
    row(0, 0, 0, 10_000, 20_000, 30_000, 40_000, 40_000, 40_000, 40_000, 40_000, 40_000),
  ],
  [
    4,
    700_000,
    row(0, 0, 0, 10_000, 30_000, 40_000, 70_000, 120_000, 120_000, 120_000, 120_000, 70_000),
  ],
  [5, 400_000, row(0, 0, 0, 0, 25_000, 35_000, 50_000, 50_000, 50_000, 50_000, 70_000, 70_000)],
  [6, 100_000, row(0, 0, 0, 0, 0, 0, 0, 20_000, 20_000, 20_000, 20_000, 20_000)],
  [
    7,
    800_000,
    row(0, 0, 0, 0, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000),
  ],
];

function referencePlan(): ActionPlan {
  return {
    title: 'Handleplan 2018',
    year: 2018,
    center: { name: 'Center for Børn og Unge', responsible: 'Centerchef' },
    unit: { name: 'Myndighed', responsible: 'Funktionsleder' },
    startedOn: '2018-04-01',
    updatedOn: '2018-05-15',
    cause: 'Udfordringen er relateret til forventet merforbrug i 2017.',
    causes: ['Tilgang i indsatser'],
    areas: REFERENCE_ROWS.map(([number, target, months]) => ({
      number,
      title: `Område ${number}`,
      goal: null,
      targetAmount: kr(target),
      action: null,
      consequences: null,
      monthlyEffect: [...months],
      realisedEffect: emptyRealised(),
    })),
    expectedOverspend: { atStart: kr(7_600_000), atLastUpdate: kr(0), afterThisUpdate: kr(0) },
    overspendSources: NO_SOURCES,
  };
}

describe('computeTotals', () => {
  it('reproduces the I alt row and the grand total of HANDLEPLAN 2018', () => {
    const totals = computeTotals(referencePlan().areas);
    expect(totals.byMonth).toEqual(
      row(
        0,
        0,
        0,
        20_000,
        475_000,
        705_000,
        1_010_000,
        1_080_000,
        1_080_000,
        1_080_000,
        1_100_000,
        1_050_000,
      ),
    );
    expect(totals.byArea.map((a) => a.total)).toEqual(
      row(5_000_000, 300_000, 300_000, 700_000, 400_000, 100_000, 800_000),
    );
    expect(totals.grand).toBe(kr(7_600_000));
  });

  it('gives zero totals for a plan without areas', () => {
    expect(computeTotals([])).toEqual({
      byMonth: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      byArea: [],
      grand: 0,
    });
  });

  it('row totals and column totals always add up to the same grand total', () => {
    const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(ore);
    fc.assert(
      fc.property(
        fc.array(fc.array(amount, { minLength: 12, maxLength: 12 }), { maxLength: 10 }),
        (rows) => {
          const totals = computeTotals(
            rows.map((monthlyEffect, i) => ({ number: i + 1, monthlyEffect })),
          );
          const byMonthSum = totals.byMonth.reduce<number>((s, v) => s + v, 0);
          const byAreaSum = totals.byArea.reduce<number>((s, v) => s + v.total, 0);
          expect(byMonthSum).toBe(totals.grand);
          expect(byAreaSum).toBe(totals.grand);
        },
      ),
    );
  });
});

describe('planIssues and activationProblems', () => {
  it('finds nothing wrong with the reference plan', () => {
    expect(planIssues(referencePlan())).toEqual([]);
    expect(activationProblems(referencePlan())).toEqual([]);
  });

  it('marks an area whose months do not add up to its target, with the difference', () => {
    const plan = referencePlan();
    plan.areas[1]!.monthlyEffect[11] = kr(40_000);
    const issues = planIssues(plan);
    expect(issues.map((i) => [i.code, i.path, i.amounts.difference])).toEqual([
      ['area_months_mismatch', 'areas.1.monthlyEffect', kr(-10_000)],
      ['effect_below_overspend', 'expectedOverspend.atStart', undefined],
    ]);
    expect(issues[1]?.amounts).toEqual({ planned: kr(7_590_000), overspend: kr(7_600_000) });
    expect(issues[1]?.severity).toBe('warning');
  });

  it.each([
    ['no areas', (p: ActionPlan) => void (p.areas = []), ['areas']],
    ['no centre', (p: ActionPlan) => void (p.center.name = null), ['center.name']],
    [
      'blank unit responsible',
      (p: ActionPlan) => void (p.unit.responsible = ' '),
      ['unit.responsible'],
    ],
    [
      'no target',
      (p: ActionPlan) => void (p.areas[0]!.targetAmount = null),
      ['areas.0.targetAmount'],
    ],
    ['no start date', (p: ActionPlan) => void (p.startedOn = null), ['startedOn']],
  ])('blocks activation with %s', (_, change, paths) => {
    const plan = referencePlan();
    change(plan);
    expect(activationProblems(plan).map((i) => i.path)).toEqual(paths);
  });

  it('lets an uncovered overspend through activation as a warning only', () => {
    const plan = referencePlan();
    plan.expectedOverspend.atStart = kr(8_000_000);
    expect(activationProblems(plan)).toEqual([]);
    expect(planIssues(plan).map((i) => i.code)).toEqual(['effect_below_overspend']);
  });
});

describe('spreadRemainder', () => {
  it.each([
    // months, target, from, expected
    [
      row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      1_200,
      0,
      row(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100),
    ],
    [
      row(0, 0, 0, 0, 300_000, 0, 0, 0, 0, 0, 0, 0),
      1_000_000,
      5,
      row(0, 0, 0, 0, 300_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000),
    ],
    [
      row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      100_000,
      7,
      row(0, 0, 0, 0, 0, 0, 0, 20_000, 20_000, 20_000, 20_000, 20_000),
    ],
    [
      row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      100,
      5,
      row(0, 0, 0, 0, 0, 14, 14, 14, 14, 14, 15, 15),
    ],
  ])('spreads %j to %i from month %i', (months, target, from, expected) => {
    expect(spreadRemainder(months, kr(target), from)).toEqual(expected);
  });

  it('spreads øre exactly when the rest has øre', () => {
    const result = spreadRemainder(row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ore(1_001), 9);
    expect(result.slice(9)).toEqual([333, 334, 334]);
  });

  it('always adds up to the target, keeps earlier months, and spreads within one unit', () => {
    const amount = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }).map(ore);
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: 12, maxLength: 12 }),
        amount,
        fc.integer({ min: 0, max: 11 }),
        (months, target, from) => {
          const result = spreadRemainder(months, target, from);
          expect(result).toHaveLength(12);
          expect(result.reduce<number>((s, v) => s + v, 0)).toBe(target);
          expect(result.slice(0, from)).toEqual(months.slice(0, from));
          const spread = result.slice(from);
          expect(Math.max(...spread) - Math.min(...spread)).toBeLessThanOrEqual(100);
        },
      ),
    );
  });

  it('starts after the last filled month', () => {
    expect(firstOpenMonth(row(0, 0, 0, 10, 20, 0, 0, 0, 0, 0, 0, 0))).toBe(5);
    expect(firstOpenMonth(row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 3)).toBe(3);
    expect(firstOpenMonth(row(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))).toBe(11);
  });
});

describe('diffPlans', () => {
  it('names each changed month, added area and reordering', () => {
    const a = referencePlan();
    const b = referencePlan();
    b.areas[0]!.monthlyEffect[4] = kr(250_000);
    b.expectedOverspend.afterThisUpdate = kr(50_000);
    b.areas.push({ ...b.areas[6]!, number: 8 });
    [b.areas[1], b.areas[2]] = [b.areas[2]!, b.areas[1]!];
    const changes = diffPlans(a, b);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['expectedOverspend.afterThisUpdate', 'changed'],
      ['areas[1].monthlyEffect.4', 'changed'],
      ['areas[8]', 'added'],
      ['areas.order', 'changed'],
    ]);
    expect(changes[1]).toMatchObject({ before: kr(300_000), after: kr(250_000) });
  });

  it('finds no change between a plan and itself', () => {
    expect(diffPlans(referencePlan(), referencePlan())).toEqual([]);
  });
});

describe('computeRealisation', () => {
  it('sets realised against planned per month and cumulatively, and what remains', () => {
    const plan = referencePlan();
    plan.areas[0]!.realisedEffect[4] = kr(250_000);
    plan.areas[2]!.realisedEffect[3] = kr(10_000);
    plan.areas[2]!.realisedEffect[4] = kr(25_000);
    const r = computeRealisation(plan);
    expect(r.months[3]).toMatchObject({
      planned: kr(20_000),
      realised: kr(10_000),
      cumulativeRealised: kr(10_000),
    });
    expect(r.months[4]).toMatchObject({
      planned: kr(475_000),
      realised: kr(275_000),
      cumulativePlanned: kr(495_000),
      cumulativeRealised: kr(285_000),
    });
    expect(r.months[5]?.cumulativeRealised).toBeNull();
    expect(r.months[0]?.realised).toBeNull();
    expect(r.realisedTotal).toBe(kr(285_000));
    expect(r.lastRecordedMonth).toBe(4);
    expect(r.byArea[0]).toEqual({ number: 1, planned: kr(5_000_000), realised: kr(250_000) });
  });
});

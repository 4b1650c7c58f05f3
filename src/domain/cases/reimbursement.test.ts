import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oreFromKroner } from '../money';
import type { IsoDate } from '../months';
import {
  allocateReimbursement,
  DEFAULT_REIMBURSEMENT_THRESHOLDS,
  monthlyReimbursement,
  reimbursementForYear,
  spreadOverYear,
  thresholdsForYear,
} from './reimbursement';
import { caseOf, intervention, rateMap } from '../../../test/cases-support';

const d = (s: string) => s as IsoDate;
const t2022 = DEFAULT_REIMBURSEMENT_THRESHOLDS[1]!;

describe('thresholds as dated rates', () => {
  it.each([
    [2019, null],
    // L 197 (2019-20): the 2020-level thresholds and the 75 % tier from 1 January 2021
    [2020, null],
    [2021, 83_000_000],
    [2022, 86_000_000],
    [2024, 86_000_000],
  ])('%i uses the first threshold %s', (year, t25) => {
    expect(thresholdsForYear(DEFAULT_REIMBURSEMENT_THRESHOLDS, year)?.t25Ore ?? null).toBe(t25);
  });
});

describe('monthly reimbursement', () => {
  it.each([
    // 1/12 of 860.000 = 71.666,67 kr.; nothing at or below it
    [7_166_666, 0],
    [7_166_667, 0],
    // 100.000 kr. in a month: 25 % of (100.000 − 71.666,67) = 7.083,33 kr.
    [10_000_000, 708_333],
    // 150.000 kr.: 25 % of (140.000 − 71.666,67) + 50 % of (150.000 − 140.000) = 17.083,33 + 5.000
    [15_000_000, 1_708_333 + 500_000],
    // 200.000 kr.: 17.083,33 + 18.333,33 + 75 % of (200.000 − 176.666,67) = 52.916,67 (rounded once)
    [20_000_000, 5_291_667],
    [-5_000_000, 0],
  ])('%i øre in a month gives %i øre', (cost, expected) => {
    expect(monthlyReimbursement(cost, t2022)).toBe(expected);
  });

  it('spreads one-offs over 12 months exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
        const months = spreadOverYear(amount);
        expect(months.reduce((s, v) => s + v, 0)).toBe(amount);
        expect(Math.max(...months) - Math.min(...months)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('reimbursement per household', () => {
  it('adds siblings together, deducts income first and spreads one-offs', () => {
    const monthly = (ref: string, kroner: number) =>
      intervention({
        ref,
        startDate: d('2022-01-01'),
        endDate: d('2022-12-31'),
        payment: {
          type: 'running',
          frequency: 'monthly',
          dayOfMonth: 1,
          amountOre: oreFromKroner(kroner),
        },
      });
    const cases = [
      caseOf('S1', [monthly('A', 60_000), monthly('INC', -5_000)], { household: 'H' }),
      caseOf(
        'S2',
        [
          monthly('A', 45_000),
          intervention({
            ref: 'O',
            startDate: d('2022-03-01'),
            payment: { type: 'one-time', amountOre: 1_200_000 as never },
          }),
        ],
        { household: 'H', person: { ref: 'P2', birthDate: d('2010-01-01') } },
      ),
      caseOf('S3', [monthly('A', 10_000)], { household: 'OTHER' }),
    ];
    const groups = reimbursementForYear(cases, rateMap(), t2022, { year: 2022, asOf: null });
    const h = groups.find((g) => g.household === 'H')!;
    // 100.000 + 1.000 (12.000 spread) = 101.000 kr. a month
    expect(h.netByMonth).toEqual(new Array(12).fill(10_100_000));
    expect(h.grossOre).toBe(12 * 10_500_000 + 1_200_000);
    expect(h.netOre).toBe(12 * 10_000_000 + 1_200_000);
    expect(h.reimbursementByMonth[0]).toBe(monthlyReimbursement(10_100_000, t2022));
    expect(h.reimbursementOre).toBe(12 * monthlyReimbursement(10_100_000, t2022));
    expect(h.isAboveFirstThreshold).toBe(true);
    expect(groups.find((g) => g.household === 'OTHER')?.reimbursementOre).toBe(0);
  });
});

describe('a household across units, allocated by share', () => {
  const monthly = (ref: string, kroner: number, accountFunction = '5.28.23') =>
    intervention({
      ref,
      accountFunction,
      startDate: d('2022-01-01'),
      endDate: d('2022-12-31'),
      payment: {
        type: 'running',
        frequency: 'monthly',
        dayOfMonth: 1,
        amountOre: oreFromKroner(kroner),
      },
    });
  // two siblings: one placed by Myndighed (60.000 kr. a month, 5.28.23), the other supported
  // by Ungeteam (30.000 kr. on 5.28.21 and 10.000 kr. on 5.28.20) — each below 1/12 of
  // 860.000 kr. alone, 100.000 kr. a month together
  const cases = [
    caseOf('A', [monthly('A1', 60_000)], { household: 'H', unit: 'Myndighed' }),
    caseOf('B', [monthly('B1', 30_000, '5.28.21'), monthly('B2', 10_000, '5.28.20')], {
      household: 'H',
      unit: 'Ungeteam',
      person: { ref: 'P-B', birthDate: d('2009-05-01') },
    }),
  ];

  it('computes the household across the units and allocates it to the øre', () => {
    const groups = reimbursementForYear(cases, rateMap(), t2022, { year: 2022, asOf: null });
    const h = groups.find((g) => g.household === 'H')!;
    // 25 % of (100.000 − 71.666,67) = 7.083,33 kr. a month: 84.999,96 kr. a year
    expect(h.reimbursementOre).toBe(12 * 708_333);
    expect(h.shares).toEqual([
      { unit: 'Myndighed', accountFunction: '5.28.23', netOre: 72_000_000, grossOre: 72_000_000 },
      { unit: 'Ungeteam', accountFunction: '5.28.20', netOre: 12_000_000, grossOre: 12_000_000 },
      { unit: 'Ungeteam', accountFunction: '5.28.21', netOre: 36_000_000, grossOre: 36_000_000 },
    ]);
    const allocated = allocateReimbursement(groups);
    // 8.499.996 øre: 60 % to Myndighed (5.099.997,6 → the øre left over goes to the larger
    // remainder: 5.099.998), 40 % to Ungeteam (3.399.998); Ungeteam's by 1:3 is 849.999,5 and
    // 2.549.998,5, the tie going to the first function
    expect(allocated).toEqual([
      { unit: 'Myndighed', accountFunction: '5.28.23', reimbursementOre: 5_099_998 },
      { unit: 'Ungeteam', accountFunction: '5.28.20', reimbursementOre: 850_000 },
      { unit: 'Ungeteam', accountFunction: '5.28.21', reimbursementOre: 2_549_998 },
    ]);
    expect(allocated.reduce((a, r) => a + r.reimbursementOre, 0)).toBe(h.reimbursementOre);
    // each unit alone is below the first threshold: nothing would be reimbursed
    const alone = reimbursementForYear([cases[0]!], rateMap(), t2022, { year: 2022, asOf: null });
    expect(alone[0]?.reimbursementOre).toBe(0);
  });

  it('allocates by the cost net of income, and leaves out a unit with income only', () => {
    const withIncome = [
      ...cases,
      caseOf('C', [monthly('C1', -2_000, '5.28.23')], {
        household: 'H',
        unit: 'Opkrævning',
        person: { ref: 'P-C', birthDate: d('2011-01-01') },
      }),
    ];
    const groups = reimbursementForYear(withIncome, rateMap(), t2022, {
      year: 2022,
      asOf: null,
    });
    const h = groups.find((g) => g.household === 'H')!;
    const allocated = allocateReimbursement(groups);
    expect(allocated.map((r) => r.unit)).not.toContain('Opkrævning');
    expect(allocated.reduce((a, r) => a + r.reimbursementOre, 0)).toBe(h.reimbursementOre);
  });

  it("property: the parts always sum to the households' reimbursement exactly", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unit: fc.constantFrom('U1', 'U2', 'U3'),
            fn: fc.constantFrom('5.28.20', '5.28.21', '5.28.23'),
            household: fc.constantFrom('H1', 'H2'),
            kroner: fc.integer({ min: -5_000, max: 150_000 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (rows) => {
          const set = rows.map((r, i) =>
            caseOf(`K${i}`, [monthly(`I${i}`, r.kroner, r.fn)], {
              household: r.household,
              unit: r.unit,
            }),
          );
          const groups = reimbursementForYear(set, rateMap(), t2022, { year: 2022, asOf: null });
          const total = groups.reduce((a, g) => a + g.reimbursementOre, 0);
          const parts = allocateReimbursement(groups);
          expect(parts.reduce((a, r) => a + r.reimbursementOre, 0)).toBe(total);
        },
      ),
      { numRuns: 60 },
    );
  });
});

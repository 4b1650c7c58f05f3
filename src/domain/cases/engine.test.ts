import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../server/demo/generator/generator';
import { ore } from '../money';
import { fromDayNumber, toDayNumber, type IsoDate } from '../months';
import { committedByKey, computeYear, totalsByMonth, yearTotals } from './commitments';
import { compileCases } from './engine';
import { fastDayNumber } from './engine';
import { fullYearPersons } from './families';
import {
  caseOf,
  computeYearByPayments,
  fullYearPersonsByAnalysis,
  intervention,
  rateMap,
} from '../../../test/cases-support';
import type { CaseRecord, Intervention, PaymentPlan, Rate } from './types';

/**
 * The statements count payments by arithmetic over stretches of days (engine.ts); these
 * properties hold them to the rules applied payment by payment (`test/cases-support.ts`), to the øre:
 * every figure by intervention, month and age band, the issues, the totals, several years in
 * one pass, and full-year persons.
 */

const d = (s: string) => s as IsoDate;
const day = (s: string) => toDayNumber(d(s));

/** A rate with dated periods and a gap (no rate in force 2019-07-01 – 2019-08-31). */
const RATE: Rate = {
  code: 'enhed',
  name: 'Enhed',
  source: null,
  periods: [
    { from: d('2016-01-01'), to: d('2019-03-15'), amountOre: ore(123_457) },
    { from: d('2019-03-15'), to: d('2019-07-01'), amountOre: ore(-98_765) },
    { from: d('2019-09-01'), to: d('2020-02-29'), amountOre: ore(200_001) },
    { from: d('2020-02-29'), to: null, amountOre: ore(211_111) },
  ],
};
const RATES = rateMap([RATE]);

const arbDay = (from: string, to: string) =>
  fc.integer({ min: day(from), max: day(to) }).map((n) => fromDayNumber(n));

const arbAmount = fc.oneof(
  fc.record({ amountOre: fc.integer({ min: -200_000, max: 900_000 }).map(ore) }),
  fc.record({
    units: fc.integer({ min: -300, max: 900 }).map((n) => n / 100),
    rate: fc.constantFrom('enhed', 'enhed', 'findes-ikke'),
  }),
);

const arbPlan: fc.Arbitrary<PaymentPlan> = fc.oneof(
  fc
    .tuple(fc.constantFrom('daily' as const, 'weekly' as const, 'biweekly' as const), arbAmount)
    .map(([frequency, amount]) => ({ type: 'running' as const, frequency, ...amount })),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), arbAmount, fc.boolean())
    .map(([dayOfMonth, amount, proRata]) => ({
      type: 'running' as const,
      frequency: 'monthly' as const,
      dayOfMonth,
      ...amount,
      ...(proRata ? { proRata } : {}),
    })),
  fc
    .tuple(fc.option(arbDay('2018-06-01', '2020-06-30')), arbAmount)
    .map(([date, amount]) => ({ type: 'one-time' as const, date, ...amount })),
  fc
    .array(
      fc.record({
        date: arbDay('2018-10-01', '2020-03-31'),
        amountOre: fc.integer({ min: -50_000, max: 500_000 }).map(ore),
      }),
      { maxLength: 6 },
    )
    .map((payments) => ({ type: 'individual' as const, payments })),
);

const arbIntervention = (ref: string, modifies: string | null): fc.Arbitrary<Intervention> =>
  fc
    .record({
      plan: arbPlan,
      start: arbDay('2018-03-01', '2020-03-31'),
      length: fc.integer({ min: -3, max: 500 }),
      open: fc.boolean(),
      status: fc.constantFrom('draft' as const, 'expected' as const, 'granted' as const),
      decided: arbDay('2018-01-01', '2020-12-31'),
      followOn: fc.boolean(),
      fn: fc.constantFrom('5.28.20', '5.28.21'),
      // facts decided later: a grant after the decision, endings (some removing it)
      grantedAfter: fc.option(fc.integer({ min: 1, max: 300 })),
      endings: fc.array(
        fc.record({
          after: fc.integer({ min: 0, max: 400 }),
          end: fc.integer({ min: -40, max: 400 }),
          removed: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
    })
    .map((x) =>
      intervention({
        ref,
        modifies,
        status: x.status,
        decidedOn: x.decided,
        startDate: x.start,
        endDate: x.open ? null : fromDayNumber(toDayNumber(x.start) + x.length),
        followOn: x.followOn,
        accountFunction: x.fn,
        payment: x.plan,
        ...(x.status === 'granted' && x.grantedAfter !== null
          ? { grantedOn: fromDayNumber(toDayNumber(x.decided) + x.grantedAfter) }
          : {}),
        ...(x.endings.length
          ? {
              endings: x.endings.map((e) => ({
                endDate: fromDayNumber(toDayNumber(x.start) + e.end),
                decidedOn: fromDayNumber(toDayNumber(x.decided) + e.after),
                by: null,
                removed: e.removed,
              })),
            }
          : {}),
      }),
    );

/** A case with up to four interventions, some adjusting others (chains and branches). */
const arbCase = (ref: string): fc.Arbitrary<CaseRecord> =>
  fc
    .tuple(
      arbIntervention('A', null),
      fc.option(arbIntervention('B', 'A')),
      fc.option(arbIntervention('C', 'B')),
      fc.option(arbIntervention('D', 'A')),
      fc.option(arbDay('1996-01-01', '2010-12-31')),
      fc.constantFrom('P1', 'P2', 'P3'),
    )
    .map(([a, b, c, e, birthDate, person]) => {
      const list = [a, b, c, e].filter((i): i is Intervention => i !== null);
      // an adjustment of a missing intervention adjusts nothing
      return caseOf(ref, list, { person: { ref: person, birthDate } });
    });

const arbCases = fc
  .array(arbCase('S'), { minLength: 1, maxLength: 4 })
  .map((cases) => cases.map((c, k) => ({ ...c, ref: `S${k}`, unit: k % 2 === 0 ? 'U1' : 'U2' })));
const arbStatement = fc.record({
  year: fc.integer({ min: 2018, max: 2020 }),
  asOf: fc.option(arbDay('2018-01-01', '2020-12-31')),
});

describe('day numbers', () => {
  it('equal the Date-based conversion for every day from 1899 to 2101', () => {
    for (let n = day('1899-01-01'); n <= day('2101-12-31'); n += 1) {
      const date = fromDayNumber(n);
      if (fastDayNumber(date) !== n) expect(fastDayNumber(date)).toBe(n);
    }
  });
});

describe('statements by stretches of days equal the rules applied payment by payment', () => {
  it('every intervention, month, age band and issue of a year as of a date', () => {
    fc.assert(
      fc.property(arbCases, arbStatement, (cases, s) => {
        expect(computeYear(cases, RATES, s)).toEqual(computeYearByPayments(cases, RATES, s));
      }),
      { numRuns: 400 },
    );
  });

  it('the year totals, several statements in one pass and full-year persons', () => {
    fc.assert(
      fc.property(arbCases, fc.array(arbStatement, { minLength: 1, maxLength: 4 }), (cases, ss) => {
        const compiled = compileCases(cases);
        const many = committedByKey(
          compiled,
          RATES,
          ss,
          (r, i) => `${r.unit}|${i.accountFunction}`,
        );
        ss.forEach((s, k) => {
          const reference = computeYearByPayments(cases, RATES, s);
          const t = totalsByMonth(reference.interventions);
          expect(yearTotals(compiled, RATES, s)).toEqual(t);
          // one pass for several statements: each one's sums by unit, function and month
          const expected = new Map<string, { expected: number[]; granted: number[] }>();
          for (const item of reference.interventions) {
            if (item.cells.length === 0) continue;
            const key = `${item.unit}|${item.intervention.accountFunction}`;
            const row = expected.get(key) ?? {
              expected: new Array<number>(12).fill(0),
              granted: new Array<number>(12).fill(0),
            };
            for (const c of item.cells) {
              row.expected[c.month - 1] = (row.expected[c.month - 1] ?? 0) + c.expectedOre;
              row.granted[c.month - 1] = (row.granted[c.month - 1] ?? 0) + c.grantedOre;
            }
            expected.set(key, row);
          }
          expect(many[k]).toEqual(expected);
          expect(fullYearPersons(compiled, s)).toEqual(fullYearPersonsByAnalysis(cases, s));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the generated municipality, every year 2016–2025 as of several dates', () => {
    const generated = generateCases({
      seed: 7,
      cases: 400,
      fromYear: 2016,
      toYear: 2025,
      units: { children: 'B', youth: 'U', disability: 'H' },
      measureWeights: [2, 3, 3, 2],
    });
    const rates = rateMap(generated.rates);
    const compiled = compileCases(generated.cases);
    for (let year = 2016; year <= 2025; year += 1) {
      for (const asOf of [null, d(`${year}-02-28`), d(`${year}-10-31`)]) {
        const s = { year, asOf };
        const reference = computeYearByPayments(generated.cases, rates, s);
        expect(reference.interventions.some((i) => i.expectedOre !== 0)).toBe(true);
        expect(computeYear(compiled, rates, s)).toEqual(reference);
        expect(fullYearPersons(compiled, s)).toEqual(fullYearPersonsByAnalysis(generated.cases, s));
      }
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ore } from '../money';
import { fromDayNumber, toDayNumber, type IsoDate } from '../months';
import { computeYear, totalsByMonth } from './commitments';
import { dayOf, paymentDays, paymentsBetween, proRataAmount, unitsTimesRate } from './payments';
import { caseOf, daily, intervention, rateMap } from '../../../test/cases-support';
import type { Frequency, PaymentPlan, Rate } from './types';

const d = (s: string) => s as IsoDate;
const dates = (plan: PaymentPlan, start: string, end: string | null, from: string, to: string) =>
  paymentDays(plan, d(start), end === null ? null : d(end), dayOf(d(from)), dayOf(d(to))).map(
    fromDayNumber,
  );

describe('rule 1: payment dates', () => {
  it('monthly on day 31 falls on the last day of each month (format example)', () => {
    const plan: PaymentPlan = {
      type: 'running',
      frequency: 'monthly',
      dayOfMonth: 31,
      amountOre: 10_000 as never,
    };
    const got = dates(plan, '2019-01-01', '2020-01-01', '2019-01-01', '2020-12-31');
    expect(got).toEqual([
      '2019-01-31',
      '2019-02-28',
      '2019-03-31',
      '2019-04-30',
      '2019-05-31',
      '2019-06-30',
      '2019-07-31',
      '2019-08-31',
      '2019-09-30',
      '2019-10-31',
      '2019-11-30',
      '2019-12-31',
    ]);
  });

  it.each<[Frequency, string[]]>([
    ['weekly', ['2019-01-01', '2019-01-08', '2019-01-15', '2019-01-22', '2019-01-29']],
    ['biweekly', ['2019-01-01', '2019-01-15', '2019-01-29']],
  ])('%s 2019-01-01..2019-02-01 (format example)', (frequency, expected) => {
    expect(
      dates(
        { type: 'running', frequency, amountOre: 50_000 as never },
        '2019-01-01',
        '2019-02-01',
        '2019-01-01',
        '2019-12-31',
      ),
    ).toEqual(expected);
  });

  it.each([
    ['2019-02-15', 31, '2019-02-28'],
    ['2020-02-15', 31, '2020-02-29'],
    ['2019-04-01', 31, '2019-04-30'],
    ['2019-01-20', 10, '2019-02-10'],
    ['2019-01-10', 10, '2019-01-10'],
  ])('monthly from %s on day %i first pays on %s', (start, dom, first) => {
    expect(
      dates(
        { type: 'running', frequency: 'monthly', dayOfMonth: dom, amountOre: 1 as never },
        start,
        null,
        '2019-01-01',
        '2020-12-31',
      )[0],
    ).toBe(first);
  });

  it('counts weekly payments from the start date even when the window starts later', () => {
    expect(
      dates(
        { type: 'running', frequency: 'weekly', amountOre: 1 as never },
        '2019-12-25',
        null,
        '2020-01-01',
        '2020-01-20',
      ),
    ).toEqual(['2020-01-01', '2020-01-08', '2020-01-15']);
  });

  it('puts a one-time payment on its date, default the start date', () => {
    expect(
      dates(
        { type: 'one-time', amountOre: 1 as never },
        '2019-05-03',
        null,
        '2019-01-01',
        '2019-12-31',
      ),
    ).toEqual(['2019-05-03']);
    expect(
      dates(
        { type: 'one-time', date: d('2019-06-01'), amountOre: 1 as never },
        '2019-05-03',
        null,
        '2019-01-01',
        '2019-12-31',
      ),
    ).toEqual(['2019-06-01']);
  });
});

describe('amounts', () => {
  it('daily 500 kr 2019-12-01..2020-01-01: December 15.500 kr, January 500 kr (format example)', () => {
    const c = caseOf('S', [
      intervention({ ref: 'A', startDate: d('2019-12-01'), endDate: d('2020-01-01') }),
    ]);
    const y2019 = totalsByMonth(
      computeYear([c], rateMap(), { year: 2019, asOf: null }).interventions,
    );
    const y2020 = totalsByMonth(
      computeYear([c], rateMap(), { year: 2020, asOf: null }).interventions,
    );
    expect(y2019.expected.byMonth[11]).toBe(1_550_000);
    expect(y2019.granted.total).toBe(1_550_000);
    expect(y2020.expected.byMonth[0]).toBe(50_000);
    expect(y2020.expected.total).toBe(50_000);
  });

  it('uses the rate in force on each payment date, [from, to) periods, and reports a gap', () => {
    const rate: Rate = {
      code: 'vederlag',
      name: 'Plejefamilievederlag',
      source: 'KL',
      periods: [
        { from: d('2022-01-01'), to: d('2023-01-01'), amountOre: 450_000 as never },
        { from: d('2023-01-01'), to: null, amountOre: 469_400 as never },
      ],
    };
    const c = caseOf('S', [
      intervention({
        ref: 'A',
        startDate: d('2021-12-01'),
        payment: {
          type: 'running',
          frequency: 'monthly',
          dayOfMonth: 1,
          units: 3,
          rate: 'vederlag',
        },
      }),
    ]);
    const y2022 = computeYear([c], rateMap([rate]), { year: 2022, asOf: null });
    expect(totalsByMonth(y2022.interventions).expected.total).toBe(12 * 3 * 450_000);
    const y2023 = computeYear([c], rateMap([rate]), { year: 2023, asOf: null });
    expect(totalsByMonth(y2023.interventions).expected.byMonth[0]).toBe(3 * 469_400);
    const y2021 = computeYear([c], rateMap([rate]), { year: 2021, asOf: null });
    expect(totalsByMonth(y2021.interventions).expected.total).toBe(0);
    expect(y2021.issues).toEqual([
      {
        caseRef: 'S',
        interventionRef: 'A',
        code: 'rate_missing',
        date: '2021-12-01',
        rate: 'vederlag',
      },
    ]);
  });

  it.each([
    [3, 469_400, 1_408_200],
    [1.5, 15_431, 23_147],
    [0.33, 100, 33],
    [-2, 1_001, -2_002],
    [0.5, -1, -1],
  ])('%d units × %i øre = %i øre (half away from zero)', (units, rate, expected) => {
    expect(unitsTimesRate(units, rate)).toBe(expected);
  });

  it('counts negative amounts (income, corrections)', () => {
    const c = caseOf('S', [
      intervention({
        ref: 'A',
        startDate: d('2019-01-01'),
        endDate: d('2019-01-31'),
        payment: daily(-10.5),
      }),
    ]);
    expect(
      totalsByMonth(computeYear([c], rateMap(), { year: 2019, asOf: null }).interventions).expected
        .total,
    ).toBe(-31 * 1_050);
  });
});

const arbPlan = fc.oneof(
  fc.record({
    type: fc.constant('running' as const),
    frequency: fc.constantFrom<Frequency>('daily', 'weekly', 'biweekly'),
    amountOre: fc.integer({ min: -100_000, max: 1_000_000 }),
  }),
  fc.record({
    type: fc.constant('running' as const),
    frequency: fc.constant<Frequency>('monthly'),
    dayOfMonth: fc.integer({ min: 1, max: 31 }),
    amountOre: fc.integer({ min: -100_000, max: 1_000_000 }),
  }),
) as fc.Arbitrary<PaymentPlan>;
const arbDay = fc.integer({ min: dayOf(d('2017-01-01')), max: dayOf(d('2022-12-31')) });

describe('properties', () => {
  it("a year's months sum to its total, and the years sum to the whole plan", () => {
    fc.assert(
      fc.property(arbPlan, arbDay, fc.integer({ min: 0, max: 900 }), (plan, start, length) => {
        const c = caseOf('S', [
          intervention({
            ref: 'A',
            startDate: fromDayNumber(start),
            endDate: fromDayNumber(start + length),
            payment: plan,
          }),
        ]);
        let all = 0;
        for (const year of [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
          const t = totalsByMonth(computeYear([c], rateMap(), { year, asOf: null }).interventions);
          expect(t.expected.byMonth.reduce((s, v) => s + v, 0)).toBe(t.expected.total);
          all += t.expected.total;
        }
        const count = paymentDays(
          plan,
          fromDayNumber(start),
          fromDayNumber(start + length),
          start,
          start + length,
        ).length;
        expect(all).toBe(count * (plan.amountOre ?? 0) + 0);
      }),
    );
  });

  it('moving a split date never changes a total', () => {
    fc.assert(
      fc.property(
        arbPlan,
        arbDay,
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 0, max: 700 }),
        (plan, start, length, splitAt) => {
          const end = start + length;
          const split = start + Math.min(splitAt, length);
          const whole = paymentDays(
            plan,
            fromDayNumber(start),
            fromDayNumber(end),
            start,
            end,
          ).length;
          const left = paymentDays(
            plan,
            fromDayNumber(start),
            fromDayNumber(end),
            start,
            split - 1,
          ).length;
          const right = paymentDays(
            plan,
            fromDayNumber(start),
            fromDayNumber(end),
            split,
            end,
          ).length;
          expect(left + right).toBe(whole);
        },
      ),
    );
  });
});

describe('pro rata monthly plans', () => {
  const plan = (over: Partial<PaymentPlan> = {}): PaymentPlan => ({
    type: 'running',
    frequency: 'monthly',
    dayOfMonth: 1,
    amountOre: 310_000 as Ore,
    proRata: true,
    ...over,
  });
  const pays = (p: PaymentPlan, start: string, end: string | null) =>
    paymentsBetween(
      p,
      start as IsoDate,
      end as IsoDate | null,
      toDayNumber('2024-01-01' as IsoDate),
      toDayNumber('2024-12-31' as IsoDate),
      new Map(),
    ).map((x) => [fromDayNumber(x.day), x.amountOre]);

  it('the first and last month pay for the days covered; whole months pay the amount', () => {
    // 3.100 kr. × 17/31 = 1.700 kr.; × 10/30 = 1.033,333… → 1.033,33 kr.
    expect(pays(plan(), '2024-03-15', '2024-06-10')).toEqual([
      ['2024-03-15', 170_000],
      ['2024-04-01', 310_000],
      ['2024-05-01', 310_000],
      ['2024-06-01', 103_333],
    ]);
  });

  it('a payment day outside the covered days moves to the start or the end', () => {
    expect(pays(plan({ dayOfMonth: 20 }), '2024-03-25', '2024-05-10')).toEqual([
      ['2024-03-25', 70_000],
      ['2024-04-20', 310_000],
      ['2024-05-10', 100_000],
    ]);
  });

  it('without the option a part month pays in full, as the contract says', () => {
    expect(pays(plan({ proRata: null }), '2024-03-15', '2024-06-10')).toEqual([
      ['2024-04-01', 310_000],
      ['2024-05-01', 310_000],
      ['2024-06-01', 310_000],
    ]);
  });

  it('rounds half away from zero to whole øre', () => {
    expect(proRataAmount(1, 15, 30)).toBe(1);
    expect(proRataAmount(-1, 15, 30)).toBe(-1);
    expect(proRataAmount(3, 15, 30)).toBe(2);
    expect(proRataAmount(-3, 15, 30)).toBe(-2);
    expect(proRataAmount(310_000, 30, 30)).toBe(310_000);
  });
});

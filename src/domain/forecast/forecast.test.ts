import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeForecast,
  sumForecasts,
  estimateIntake,
  intakeOfYear,
  requiresActionPlan,
  restOfYear,
  roundDiv,
  runRate,
  yearToDate,
} from './forecast';

const months = (values: number[]) => [...values, ...Array<number>(12 - values.length).fill(0)];

describe('forecast arithmetic', () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 3, 1],
    [7, 2, 4],
    [1, 3, 0],
  ])('roundDiv(%i, %i) = %i (half away from zero)', (n, d, q) => {
    expect(roundDiv(n, d)).toBe(q);
  });

  it('splits a year at the as-of month', () => {
    const series = Array.from({ length: 12 }, (_, i) => (i + 1) * 100);
    expect(yearToDate(series, 4)).toBe(1000);
    expect(restOfYear(series, 4)).toBe(7800 - 1000);
    expect(restOfYear(series, 12)).toBe(0);
  });

  it('takes intake of an earlier year as actual minus committed after the as-of month', () => {
    expect(intakeOfYear(months([0, 0, 0, 500, 700]), months([0, 0, 0, 400, 400]), 3)).toBe(400);
    expect(intakeOfYear(months([0, 0, 0, 100]), months([0, 0, 0, 400]), 3)).toBe(-300);
  });

  it.each([
    [[100, 200, 400], { method: 'mean', years: 3, factorPercent: 100 }, 233],
    [[100, 200, 400], { method: 'mean', years: 2, factorPercent: 100 }, 150],
    [[100, 200, 400], { method: 'median', years: 3, factorPercent: 100 }, 200],
    [[100, 200, 400, 50], { method: 'median', years: 4, factorPercent: 100 }, 150],
    [[100, 200, 400], { method: 'mean', years: 3, factorPercent: 50 }, 117],
    [[100, 200, 400], { method: 'none', years: 3, factorPercent: 100 }, 0],
    [[], { method: 'mean', years: 3, factorPercent: 100 }, 0],
  ] as const)('estimates intake from %j with %j = %i', (history, params, expected) => {
    const years = history.map((intakeOre) => ({ intakeOre, actualsToDateOre: 1000 }));
    expect(estimateIntake(years, params)).toBe(expected);
  });

  it('scales earlier years by spending to date with the ratio method', () => {
    const history = [
      { intakeOre: 1000, actualsToDateOre: 500 },
      { intakeOre: 900, actualsToDateOre: 300 },
      { intakeOre: 5, actualsToDateOre: 0 },
    ];
    // 1000 × 600 / 500 = 1200 and 900 × 600 / 300 = 1800: mean 1500; the year without spending is left out.
    expect(estimateIntake(history, { method: 'ratio', years: 3, factorPercent: 100 }, 600)).toBe(
      1500,
    );
  });

  it('computes the reference plan: overspend 7.600.000 kr. requires a plan above 100.000 kr.', () => {
    const r = computeForecast({
      budgetOre: 100_000_000_00,
      actualsOre: 40_000_000_00,
      committedOre: 55_000_000_00,
      intakeOre: 12_000_000_00,
      adjustmentsOre: 600_000_00,
      refusionOre: 0,
    });
    expect(r.forecastOre).toBe(107_600_000_00);
    expect(r.overspendOre).toBe(7_600_000_00);
    expect(requiresActionPlan(r.overspendOre, 100_000_00)).toBe(true);
    expect(requiresActionPlan(100_000_00, 100_000_00)).toBe(false);
  });

  it('extrapolates run-rate from months elapsed', () => {
    expect(runRate(300_00, 3)).toBe(1200_00);
    expect(runRate(100, 7)).toBe(171);
    expect(runRate(500, 0)).toBe(0);
  });

  it('compares like with like: the expected refusion comes off the forecast before the threshold', () => {
    // 180.000 kr. over gross, 90.000 kr. of refusion expected: 90.000 kr. over, no plan
    const r = computeForecast({
      budgetOre: 10_000_000_00,
      actualsOre: 8_000_000_00,
      committedOre: 2_180_000_00,
      intakeOre: 0,
      adjustmentsOre: 0,
      refusionOre: 90_000_00,
    });
    expect(r.grossForecastOre).toBe(10_180_000_00);
    expect(r.forecastOre).toBe(10_090_000_00);
    expect(r.overspendOre).toBe(90_000_00);
    expect(requiresActionPlan(r.overspendOre, 100_000_00)).toBe(false);
  });

  it('property: gross − refusion = forecast, forecast − budget = overspend, and sums add up', () => {
    const amount = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(amount, amount, amount, amount, amount, amount, (b, a, c, i, adj, ref) => {
        const r = computeForecast({
          budgetOre: b,
          actualsOre: a,
          committedOre: c,
          intakeOre: i,
          adjustmentsOre: adj,
          refusionOre: ref,
        });
        expect(r.grossForecastOre).toBe(a + c + i + adj);
        expect(r.forecastOre).toBe(r.grossForecastOre - ref);
        expect(r.overspendOre).toBe(r.forecastOre - b);
        const twice = sumForecasts([r, r]);
        expect(twice.refusionOre).toBe(2 * ref);
        expect(twice.forecastOre).toBe(2 * r.forecastOre);
      }),
    );
  });

  it('property: year to date plus rest of year is the whole year', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e10, max: 1e10 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (series, m) => {
          expect(yearToDate(series, m) + restOfYear(series, m)).toBe(
            series.reduce((a, b) => a + b, 0),
          );
        },
      ),
    );
  });

  it('property: the mean estimate lies between the smallest and largest year', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e10, max: 1e10 }), { minLength: 1, maxLength: 10 }),
        (history) => {
          const est = estimateIntake(
            history.map((intakeOre) => ({ intakeOre, actualsToDateOre: 1 })),
            { method: 'mean', years: 10, factorPercent: 100 },
          );
          expect(est).toBeGreaterThanOrEqual(Math.min(...history));
          expect(est).toBeLessThanOrEqual(Math.max(...history));
        },
      ),
    );
  });
});

describe('the forecast path', () => {
  it('follows actuals to the as-of month, then commitments plus the spread', async () => {
    const { forecastMonthlyPath } = await import('./forecast');
    const path = forecastMonthlyPath(Array(12).fill(100), Array(12).fill(50), 25, 9);
    expect(path).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 59, 58, 58]);
  });

  it('property: the path adds up to actuals to date + committed rest + spread', async () => {
    const { forecastMonthlyPath } = await import('./forecast');
    const series = fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(
        series,
        series,
        fc.integer({ min: -1e10, max: 1e10 }),
        fc.integer({ min: 0, max: 11 }),
        (a, c, s, m) => {
          const sum = forecastMonthlyPath(a, c, s, m).reduce((x, y) => x + y, 0);
          expect(sum).toBe(yearToDate(a, m) + restOfYear(c, m) + s);
        },
      ),
    );
  });
});

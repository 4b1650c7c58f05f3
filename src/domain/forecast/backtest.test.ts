import { describe, expect, it } from 'vitest';
import { accuracy, bestMethod, type BacktestPoint } from './backtest';

const point = (finalOre: number, forecast: number, runRate: number, commitmentsOnly: number) =>
  ({
    year: 2019,
    asOf: '2019-05-31',
    finalOre,
    predictions: { forecast, runRate, commitmentsOnly },
  }) satisfies BacktestPoint;

describe('backtest accuracy', () => {
  it('computes MAE in øre and percent of the final accounts per method', () => {
    const acc = accuracy([point(1000, 1100, 700, 800), point(2000, 1900, 2600, 1500)]);
    expect(acc.forecast).toEqual({ maeOre: 100, maePercent: 6.7 });
    expect(acc.runRate).toEqual({ maeOre: 450, maePercent: 30 });
    expect(acc.commitmentsOnly).toEqual({ maeOre: 350, maePercent: 23.3 });
    expect(bestMethod(acc)).toBe('forecast');
  });

  it('has no percent without final accounts', () => {
    expect(accuracy([]).forecast).toEqual({ maeOre: 0, maePercent: null });
  });
});

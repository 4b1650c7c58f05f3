import { ore, type Ore } from '../money';
import { roundDiv } from './forecast';

export const BACKTEST_METHODS = ['forecast', 'runRate', 'commitmentsOnly'] as const;
export type BacktestMethod = (typeof BACKTEST_METHODS)[number];

/** One forecast made at one follow-up date of an earlier year, with the year's final accounts. */
export interface BacktestPoint {
  year: number;
  asOf: string;
  finalOre: number;
  predictions: Record<BacktestMethod, number>;
}

export interface MethodAccuracy {
  /** Mean absolute error in øre, rounded half away from zero. */
  maeOre: Ore;
  /** Mean absolute error as a percentage of the mean absolute final accounts, one decimal. */
  maePercent: number | null;
}

/**
 * Mean absolute error per method over the points: MAE = Σ|prediction − final| / n (øre,
 * rounded half away from zero); percent = Σ|error| / Σ|final| × 100 rounded to one decimal,
 * null when the finals are all zero. No points gives MAE 0 and percent null.
 */
export function accuracy(points: readonly BacktestPoint[]): Record<BacktestMethod, MethodAccuracy> {
  const out = {} as Record<BacktestMethod, MethodAccuracy>;
  const finalSum = points.reduce((a, p) => a + Math.abs(p.finalOre), 0);
  for (const method of BACKTEST_METHODS) {
    const errSum = points.reduce((a, p) => a + Math.abs(p.predictions[method] - p.finalOre), 0);
    out[method] = {
      maeOre: ore(points.length ? roundDiv(errSum, points.length) : 0),
      maePercent: finalSum === 0 ? null : roundDiv(errSum * 1000, finalSum) / 10,
    };
  }
  return out;
}

/** The method with the smallest MAE; the product's forecast wins ties. */
export function bestMethod(acc: Record<BacktestMethod, MethodAccuracy>): BacktestMethod {
  let best: BacktestMethod = 'forecast';
  for (const m of BACKTEST_METHODS) if (acc[m].maeOre < acc[best].maeOre) best = m;
  return best;
}

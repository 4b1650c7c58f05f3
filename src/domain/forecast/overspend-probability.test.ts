import { describe, expect, it } from 'vitest';
import { overspendProbability, probabilityBand } from './overspend-probability';

const unit = {
  grossForecastOre: 10_000_000_00,
  netForecastOre: 9_500_000_00,
  thresholdOre: 100_000_00,
};
const year = (forecastOre: number, finalOre: number) => ({ forecastOre, finalOre });

describe('overspend probability from the backtested errors', () => {
  it('counts the earlier years whose error, laid on this year’s gross forecast, ends more than the threshold over', () => {
    // net overspend now 50.000 kr.; errors +1 % (+100.000 kr.), +0,5 % (+50.000 kr.), −1 %, +2 %
    const p = overspendProbability({
      ...unit,
      budgetOre: 9_450_000_00,
      history: [
        year(1_000_00, 1_010_00),
        year(2_000_00, 2_010_00),
        year(1_000_00, 990_00),
        year(1_000_00, 1_020_00),
      ],
    });
    expect(p).toEqual({ exceeding: 2, years: 4, band: { from: 50, to: 75 } });
  });

  it('is strictly more than the threshold, as the action-plan rule', () => {
    // overspend now 100.000 kr. exactly and no error: not above the threshold
    const p = overspendProbability({
      ...unit,
      budgetOre: 9_400_000_00,
      history: [year(1_000_00, 1_000_00), year(1_000_00, 1_000_00), year(1_000_00, 1_000_00)],
    });
    expect(p?.exceeding).toBe(0);
    expect(p?.band).toEqual({ from: 0, to: 10 });
  });

  it('gives no probability with fewer than three usable years', () => {
    const p = overspendProbability({
      ...unit,
      budgetOre: 0,
      history: [year(1_000_00, 1_100_00), year(0, 500_00), year(1_000_00, 900_00)],
    });
    expect(p).toBeNull();
  });

  it('puts a share in the band that holds it, the last band including 100 %', () => {
    expect(probabilityBand(0, 8)).toEqual({ from: 0, to: 10 });
    expect(probabilityBand(1, 8)).toEqual({ from: 10, to: 25 });
    expect(probabilityBand(2, 8)).toEqual({ from: 25, to: 50 });
    expect(probabilityBand(4, 8)).toEqual({ from: 50, to: 75 });
    expect(probabilityBand(7, 8)).toEqual({ from: 75, to: 90 });
    expect(probabilityBand(8, 8)).toEqual({ from: 90, to: 100 });
  });
});

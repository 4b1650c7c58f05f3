/** A forecast made at the same point of an earlier year, with that year's final accounts (øre). */
export interface HistoricForecast {
  forecastOre: number;
  finalOre: number;
}

/** The probability bands shown, in percent: a handful of years supports no finer figure. */
export const PROBABILITY_BANDS = [
  { from: 0, to: 10 },
  { from: 10, to: 25 },
  { from: 25, to: 50 },
  { from: 50, to: 75 },
  { from: 75, to: 90 },
  { from: 90, to: 100 },
] as const;
export type ProbabilityBand = (typeof PROBABILITY_BANDS)[number];

/** Fewer earlier years than this give no probability at all. */
export const MIN_HISTORIC_YEARS = 3;

export interface OverspendProbability {
  /** earlier years whose forecast error, laid on this year's forecast, ends above the threshold */
  exceeding: number;
  years: number;
  band: ProbabilityBand;
}

/** The band that holds `exceeding / years`; a band holds its lower bound, the last also 100 %. */
export function probabilityBand(exceeding: number, years: number): ProbabilityBand {
  const percent = (exceeding / years) * 100;
  return PROBABILITY_BANDS.find((b) => percent < b.to) ?? PROBABILITY_BANDS[5];
}

/**
 * The probability that a unit ends the year more than `thresholdOre` over its budget, from the
 * forecast's own errors at the same point of earlier years: each year's relative error
 * (final − forecast) / forecast is laid on this year's gross forecast (spending before refusion,
 * as the backtest measures it), and the year counts when the net forecast so moved exceeds the
 * budget by strictly more than the threshold (the action-plan rule). Null with fewer than
 * `MIN_HISTORIC_YEARS` usable years (a year with a zero forecast has no relative error).
 * Floating point is fine here: the result is a count, and no amount is shown from it.
 */
export function overspendProbability(input: {
  grossForecastOre: number;
  netForecastOre: number;
  budgetOre: number;
  thresholdOre: number;
  history: readonly HistoricForecast[];
}): OverspendProbability | null {
  const usable = input.history.filter((h) => h.forecastOre !== 0);
  if (usable.length < MIN_HISTORIC_YEARS) return null;
  const overspend = input.netForecastOre - input.budgetOre;
  const exceeding = usable.filter((h) => {
    const error = (h.finalOre - h.forecastOre) / h.forecastOre;
    return overspend + input.grossForecastOre * error > input.thresholdOre;
  }).length;
  return { exceeding, years: usable.length, band: probabilityBand(exceeding, usable.length) };
}

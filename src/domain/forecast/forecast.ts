import { ore, type Ore } from '../money';

/** How expected intake of new cases is estimated from earlier years (visible and adjustable). */
export interface IntakeParams {
  /**
   * `mean` or `median` of the earlier years' intake in the same months (kroner as they were);
   * `ratio`: each earlier year's intake relative to its spending to date, applied to this
   * year's spending to date (follows growth); `none` = no intake.
   */
  method: 'mean' | 'median' | 'ratio' | 'none';
  /** How many earlier years to look back (1–10). */
  years: number;
  /** Scales the estimate, in percent (100 = as history says). */
  factorPercent: number;
}

/** One earlier year for the intake estimate: its intake after the as-of month and its spending to date. */
export interface IntakeYear {
  intakeOre: number;
  actualsToDateOre: number;
}

export const DEFAULT_INTAKE_PARAMS: IntakeParams = { method: 'mean', years: 3, factorPercent: 100 };

/** Integer division rounded half away from zero (exact for any safe integers). */
export function roundDiv(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return Number(sign * q);
}

/** Sum of months after `asOfMonth` (1–12) of a twelve-month series: the rest of the year. */
export function restOfYear(byMonth: readonly number[], asOfMonth: number): Ore {
  let sum = 0;
  for (let m = asOfMonth + 1; m <= 12; m++) sum += byMonth[m - 1] ?? 0;
  return ore(sum);
}

/** Sum of months 1…`asOfMonth` of a twelve-month series: the year to date. */
export function yearToDate(byMonth: readonly number[], asOfMonth: number): Ore {
  let sum = 0;
  for (let m = 1; m <= Math.min(asOfMonth, 12); m++) sum += byMonth[m - 1] ?? 0;
  return ore(sum);
}

/**
 * Net intake of an earlier year after `asOfMonth`: what the rest of that year actually cost
 * minus what was committed for it as of the same date that year. Not clamped at zero: ended
 * or cheaper interventions make it negative, and the estimate must stay unbiased.
 */
export function intakeOfYear(
  actualByMonth: readonly number[],
  committedAsOfByMonth: readonly number[],
  asOfMonth: number,
): Ore {
  return ore(restOfYear(actualByMonth, asOfMonth) - restOfYear(committedAsOfByMonth, asOfMonth));
}

/**
 * Expected intake for the rest of the year from earlier years' intake in the same months
 * (`history`, most recent year first; only the first `params.years` count). `mean`/`median`
 * take the years' intake as it was (an even count's median is the mean of the middle two);
 * `ratio` takes each year's intake × this year's spending to date / that year's spending to
 * date (years without spending to date are left out) and then their mean. The result is
 * × factorPercent / 100; each step rounds half away from zero to whole øre. No history or
 * method `none` gives 0.
 */
export function estimateIntake(
  history: readonly IntakeYear[],
  params: IntakeParams,
  actualsToDateOre = 0,
): Ore {
  if (params.method === 'none') return ore(0);
  let used = history.slice(0, Math.max(0, params.years)).map((h) => h.intakeOre);
  if (params.method === 'ratio') {
    used = history
      .slice(0, Math.max(0, params.years))
      .filter((h) => h.actualsToDateOre !== 0)
      .map((h) => roundDiv(h.intakeOre * actualsToDateOre, h.actualsToDateOre));
  }
  if (used.length === 0) return ore(0);
  let central: number;
  if (params.method === 'median') {
    const sorted = [...used].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    central =
      sorted.length % 2 === 1
        ? (sorted[mid] ?? 0)
        : roundDiv((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0), 2);
  } else {
    central = roundDiv(
      used.reduce((a, b) => a + b, 0),
      used.length,
    );
  }
  return ore(roundDiv(central * params.factorPercent, 100));
}

/** The three parts of a forecast, the manual adjustments and the expected refusion, all øre. */
export interface ForecastParts {
  budgetOre: number;
  /** spending posted to date, state refusion (dranst 2) left out */
  actualsOre: number;
  committedOre: number;
  intakeOre: number;
  adjustmentsOre: number;
  /**
   * Forventet refusion: the year's expected reimbursement for very expensive cases (positive
   * lowers the forecast); it includes any refusion already posted.
   */
  refusionOre: number;
}

export interface ForecastResult extends ForecastParts {
  /** Spending before refusion: actuals + committed + intake + adjustments. */
  grossForecastOre: Ore;
  /** Forventet regnskab, net: gross forecast − expected refusion. */
  forecastOre: Ore;
  /** Forventet merforbrug: net forecast − corrected budget; negative is an expected underspend. */
  overspendOre: Ore;
}

/**
 * Forecast (forventet regnskab) = actuals to date + committed cost for the rest of the year
 * + expected intake + manual adjustments (the gross forecast) − the year's expected refusion;
 * expected overspend = forecast − corrected budget. Exact øre, no rounding.
 */
export function computeForecast(parts: ForecastParts): ForecastResult {
  const grossForecastOre = ore(
    parts.actualsOre + parts.committedOre + parts.intakeOre + parts.adjustmentsOre,
  );
  const forecastOre = ore(grossForecastOre - parts.refusionOre);
  return {
    ...parts,
    grossForecastOre,
    forecastOre,
    overspendOre: ore(forecastOre - parts.budgetOre),
  };
}

/** Sums forecast results (a unit from its account functions, the area from its units). */
export function sumForecasts(results: readonly ForecastResult[]): ForecastResult {
  const parts: ForecastParts = {
    budgetOre: 0,
    actualsOre: 0,
    committedOre: 0,
    intakeOre: 0,
    adjustmentsOre: 0,
    refusionOre: 0,
  };
  for (const r of results) {
    parts.budgetOre += r.budgetOre;
    parts.actualsOre += r.actualsOre;
    parts.committedOre += r.committedOre;
    parts.intakeOre += r.intakeOre;
    parts.adjustmentsOre += r.adjustmentsOre;
    parts.refusionOre += r.refusionOre;
  }
  return computeForecast(parts);
}

/** "Handleplan påkrævet": the expected overspend is strictly greater than the threshold (øre). */
export function requiresActionPlan(overspendOre: number, thresholdOre: number): boolean {
  return overspendOre > thresholdOre;
}

/**
 * Run-rate, the simple method: actuals to date × 12 / months elapsed, rounded half away from
 * zero to øre. With no month elapsed there is nothing to extrapolate: 0.
 */
export function runRate(actualsToDateOre: number, monthsElapsed: number): Ore {
  if (monthsElapsed <= 0) return ore(0);
  return ore(roundDiv(actualsToDateOre * 12, monthsElapsed));
}

/** The month (1–12) of an ISO date `YYYY-MM-DD`. */
export function monthOfIsoDate(date: string): number {
  return Number(date.slice(5, 7));
}

/**
 * The forecast's monthly path for the chart: actual spending in months 1…asOfMonth; after it,
 * each month's committed cost plus the intake and adjustments spread evenly over the
 * remaining months (largest remainder to the earliest months, whole øre). The path adds up
 * to the forecast exactly.
 */
export function forecastMonthlyPath(
  actualByMonth: readonly number[],
  committedByMonth: readonly number[],
  spreadOre: number,
  asOfMonth: number,
): Ore[] {
  const remaining = 12 - asOfMonth;
  const base = remaining > 0 ? Math.trunc(spreadOre / remaining) : 0;
  let rest = remaining > 0 ? spreadOre - base * remaining : 0;
  const path: Ore[] = [];
  for (let m = 1; m <= 12; m++) {
    if (m <= asOfMonth) {
      path.push(ore(actualByMonth[m - 1] ?? 0));
    } else {
      const extra = rest !== 0 ? Math.sign(rest) : 0;
      rest -= extra;
      path.push(ore((committedByMonth[m - 1] ?? 0) + base + extra));
    }
  }
  return path;
}

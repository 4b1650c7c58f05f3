import { ore, sumOre, type Ore } from '../money';
import { MONTHS_IN_PLAN, type ActionPlan, type PlanArea } from './plan';

/**
 * Where a "forventet merforbrug" figure of a plan comes from:
 * - 'forecast': filled from the forecast as of `asOf`; `forecast` is the overspend the forecast
 *   gave as of that date (forecast − corrected budget), kept as it was then;
 * - 'override': typed by hand over the forecast, with a `reason`; `forecast` and `asOf` still
 *   say what the forecast gave, so both are shown;
 * - 'manual': typed by hand because the unit had no forecast for the year (no budget).
 */
export interface OverspendSource {
  kind: 'forecast' | 'override' | 'manual';
  asOf: string | null;
  forecast: Ore | null;
  reason: string | null;
}

/** The sources of the two figures a plan fills (the third, "at last update", is copied). */
export interface OverspendSources {
  atStart: OverspendSource | null;
  afterThisUpdate: OverspendSource | null;
}

export const NO_SOURCES: OverspendSources = { atStart: null, afterThisUpdate: null };

/**
 * The months of the plan year after the as-of date's month, as indexes 0–11: the months whose
 * effect the forecast as of that date cannot contain yet. All twelve for an as-of date before
 * the plan year, none after it.
 */
export function monthsAfter(year: number, asOf: string): number[] {
  const asOfYear = Number(asOf.slice(0, 4));
  const from = asOfYear < year ? 0 : asOfYear > year ? MONTHS_IN_PLAN : Number(asOf.slice(5, 7));
  return Array.from({ length: MONTHS_IN_PLAN - from }, (_, i) => from + i);
}

/** The planned effect (øre, all areas) of the months after the as-of date's month. */
export function plannedEffectAfter(
  areas: readonly Pick<PlanArea, 'monthlyEffect'>[],
  year: number,
  asOf: string,
): Ore {
  const months = monthsAfter(year, asOf);
  return sumOre(areas.flatMap((a) => months.map((m) => a.monthlyEffect[m] ?? ore(0))));
}

/**
 * The one "remaining" figure of a plan ("Forventet merforbrug efter planens resterende
 * effekt"): the forecast's overspend as of a date minus the plan's planned effect for the
 * months after that date's month. Effect already realised is in the forecast (lower spending
 * and commitments), so it is not subtracted again. Positive: what the plan leaves uncovered
 * even if carried out as planned; zero or negative: the plan covers the overspend. Exact øre.
 * With the forecast at the plan's update date it is the plan's own "after this update" figure.
 */
export function overspendAfterPlan(
  forecastOverspend: Ore,
  areas: readonly Pick<PlanArea, 'monthlyEffect'>[],
  year: number,
  asOf: string,
): Ore {
  // A difference of two accepted amounts may exceed their range but stays exact (< 2^53).
  return (forecastOverspend - plannedEffectAfter(areas, year, asOf)) as Ore;
}

/** What the forecast gave for the plan's unit and year as of a date (null: no forecast). */
export interface ForecastAt {
  asOf: string;
  overspend: Ore;
}

export type SettledFigure =
  | { ok: true; amount: Ore | null; source: OverspendSource | null }
  | { ok: false; problem: 'override_needs_amount' };

/**
 * Settles one "forventet merforbrug" figure of a plan being saved, from the amount given and
 * the source asked for (only its kind and reason count):
 * - a reason: the given amount overrides the forecast ('override', the forecast kept beside),
 *   or is typed by hand with that reason when there is no forecast ('manual');
 * - 'forecast' asked for, or nothing asked for and no amount given: the forecast's figure,
 *   `derive(overspend)` ('forecast'), when the unit has a forecast for the year;
 * - otherwise the amount as typed ('manual'; no source when there is no amount).
 */
export function settleFigure(
  amount: Ore | null,
  requested: OverspendSource | null,
  forecast: ForecastAt | null,
  derive: (overspend: Ore) => Ore,
): SettledFigure {
  const reason = requested?.reason?.trim() ? requested.reason.trim() : null;
  if (reason !== null) {
    if (amount === null) return { ok: false, problem: 'override_needs_amount' };
    return {
      ok: true,
      amount,
      source: forecast
        ? { kind: 'override', asOf: forecast.asOf, forecast: forecast.overspend, reason }
        : { kind: 'manual', asOf: null, forecast: null, reason },
    };
  }
  const wantsForecast = requested?.kind === 'forecast' || (requested === null && amount === null);
  if (wantsForecast && forecast) {
    return {
      ok: true,
      amount: derive(forecast.overspend),
      source: { kind: 'forecast', asOf: forecast.asOf, forecast: forecast.overspend, reason: null },
    };
  }
  if (amount === null) return { ok: true, amount: null, source: null };
  return { ok: true, amount, source: { kind: 'manual', asOf: null, forecast: null, reason: null } };
}

/**
 * The forecast a stored figure was filled from, when it still answers for `asOf`: a figure as
 * of a date is taken from the forecast once and then kept, so later corrections of the data
 * never move a plan's figure for an earlier date.
 */
export function keptForecast(source: OverspendSource | null, asOf: string): ForecastAt | null {
  if (!source || source.kind === 'manual' || source.asOf !== asOf || source.forecast === null)
    return null;
  return { asOf, overspend: source.forecast };
}

/** Whether a plan's expected overspend at start shows no overspend (zero or an underspend). */
export function startsWithoutOverspend(plan: Pick<ActionPlan, 'expectedOverspend'>): boolean {
  const atStart = plan.expectedOverspend.atStart;
  return atStart !== null && atStart <= 0;
}

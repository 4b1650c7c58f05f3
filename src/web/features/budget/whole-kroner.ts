import {
  kronerFromJsonNumber,
  ore,
  roundToWholeKroner,
  wholeKronerAddingUp,
  type Ore,
} from '../../../domain/money';
import type { Parts } from './types';

/** The columns of a forecast row, in the order they are shown. */
export const PART_KEYS = [
  'budget',
  'actuals',
  'committed',
  'intake',
  'adjustments',
  'grossForecast',
  'refusion',
  'forecast',
  'overspend',
] as const;

/** Øre of an amount the API sends in kroner (at most two decimals). */
function oreOf(kroner: number): Ore {
  const parsed = kronerFromJsonNumber(kroner);
  return parsed.ok ? parsed.value : ore(0);
}

/**
 * A row in whole kroner that adds up on screen: the budget, the gross forecast and the net
 * forecast are each rounded; the four parts are rounded to add up to the gross forecast, and
 * the refusion and the overspend are the differences of what is shown.
 */
export function rowInWholeKroner(p: Parts): Record<(typeof PART_KEYS)[number], number> {
  const whole = (kroner: number) => roundToWholeKroner(oreOf(kroner));
  const gross = oreOf(p.grossForecast);
  const [actuals = 0, committed = 0, intake = 0, adjustments = 0] = wholeKronerAddingUp(
    [oreOf(p.actuals), oreOf(p.committed), oreOf(p.intake), oreOf(p.adjustments)],
    gross,
  );
  const budget = whole(p.budget);
  const grossForecast = whole(p.grossForecast);
  const forecast = whole(p.forecast);
  return {
    budget,
    actuals,
    committed,
    intake,
    adjustments,
    grossForecast,
    refusion: grossForecast - forecast,
    forecast,
    overspend: forecast - budget,
  };
}

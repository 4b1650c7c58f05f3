import { ore, oreFromKroner, roundToWholeKroner, wholeKronerAddingUp } from '../../../domain/money';
import { wholeKroner as whole } from '../../format';
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

/**
 * A row in whole kroner that adds up on screen: the budget, the gross forecast and the net
 * forecast are each rounded; the four parts are rounded to add up to the gross forecast, and
 * the refusion and the overspend are the differences of what is shown.
 */
export function rowInWholeKroner(p: Parts): Record<(typeof PART_KEYS)[number], number> {
  const gross = oreFromKroner(p.grossForecast);
  const [actuals = 0, committed = 0, intake = 0, adjustments = 0] = wholeKronerAddingUp(
    [
      oreFromKroner(p.actuals),
      oreFromKroner(p.committed),
      oreFromKroner(p.intake),
      oreFromKroner(p.adjustments),
    ],
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

/**
 * A column of amounts (kroner from the API) in whole kroner with its total, so the column adds
 * up on screen: the total is the rounded exact sum, and the parts are rounded to add up to it.
 */
export function columnInWholeKroner(amounts: readonly number[]): {
  parts: number[];
  total: number;
} {
  const exact = amounts.map(oreFromKroner);
  const sum = ore(exact.reduce((a, b) => a + b, 0));
  return { parts: wholeKronerAddingUp(exact, sum), total: roundToWholeKroner(sum) };
}

/**
 * Units' budget, net forecast and expected overspend in whole kroner with a total row, adding
 * up both ways on screen: the budget and forecast columns each add up to their total, and each
 * overspend (the total's too) is the shown forecast less the shown budget.
 */
export function unitsInWholeKroner(units: readonly { budget: number; forecast: number }[]): {
  rows: { budget: number; forecast: number; overspend: number }[];
  total: { budget: number; forecast: number; overspend: number };
} {
  const budget = columnInWholeKroner(units.map((u) => u.budget));
  const forecast = columnInWholeKroner(units.map((u) => u.forecast));
  return {
    rows: units.map((_, i) => {
      const b = budget.parts[i] ?? 0;
      const f = forecast.parts[i] ?? 0;
      return { budget: b, forecast: f, overspend: f - b };
    }),
    total: {
      budget: budget.total,
      forecast: forecast.total,
      overspend: forecast.total - budget.total,
    },
  };
}

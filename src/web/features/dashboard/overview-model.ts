import {
  overspendProbability,
  type OverspendProbability,
} from '../../../domain/forecast/overspend-probability';
import { ore, oreFromKroner, wholeKronerAddingUp } from '../../../domain/money';
import type { Backtest, FollowUpRounds, ForecastView } from '../budget/types';
import { unitsInWholeKroner } from '../budget/whole-kroner';

type Round = FollowUpRounds['rounds'][number];

/** A unit on the front page: whole kroner that add up on screen. */
export interface OverviewRow {
  unitId: string;
  unitName: string;
  budget: number;
  forecast: number;
  overspend: number;
  /** the change in expected overspend since the round; null when the unit was not in it */
  change: number | null;
  actionPlanRequired: boolean;
  /** null while the backtest loads or when it has too few years */
  probability: OverspendProbability | null;
}

export interface Overview {
  rows: OverviewRow[];
  total: { budget: number; forecast: number; overspend: number; change: number | null };
  /** the round the change is measured from */
  round: Round | null;
}

/** The latest frozen round taken as of the forecast's date or earlier. */
export function lastRoundBefore(rounds: FollowUpRounds | undefined, asOf: string): Round | null {
  const earlier = (rounds?.rounds ?? []).filter((r) => r.asOf <= asOf);
  return earlier.reduce<Round | null>((a, r) => (a === null || r.asOf >= a.asOf ? r : a), null);
}

/**
 * Each unit's budget, net forecast, expected overspend, the change since the last round and the
 * probability of ending more than the threshold over. The change is exact øre (now less the
 * round's) rounded to whole kroner that add up to the total's change.
 */
export function buildOverview(
  forecast: ForecastView,
  rounds: FollowUpRounds | undefined,
  backtest: Backtest | undefined,
): Overview {
  const round = lastRoundBefore(rounds, forecast.asOf);
  const shown = unitsInWholeKroner(forecast.units);
  const exactChange = forecast.units.map((u) => {
    const then = round?.units.find((r) => r.unitId === u.unitId);
    return then ? oreFromKroner(u.overspend) - oreFromKroner(then.overspend) : null;
  });
  const known = exactChange.filter((c): c is number => c !== null);
  const changeSum = ore(known.reduce((a, b) => a + b, 0));
  const changeShown = wholeKronerAddingUp(known.map(ore), changeSum);
  let next = 0;
  const thresholdOre = oreFromKroner(forecast.actionPlanThreshold);
  const rows = forecast.units.map((u, i): OverviewRow => {
    const history = backtest?.units.find((b) => b.unitId === u.unitId)?.points ?? [];
    const row = shown.rows[i] ?? { budget: 0, forecast: 0, overspend: 0 };
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      ...row,
      change: exactChange[i] === null ? null : (changeShown[next++] ?? 0),
      actionPlanRequired: u.actionPlanRequired,
      probability: backtest
        ? overspendProbability({
            grossForecastOre: oreFromKroner(u.grossForecast),
            netForecastOre: oreFromKroner(u.forecast),
            budgetOre: oreFromKroner(u.budget),
            thresholdOre,
            history: history.map((p) => ({
              forecastOre: oreFromKroner(p.forecast),
              finalOre: oreFromKroner(p.final),
            })),
          })
        : null,
    };
  });
  return {
    rows,
    total: {
      ...shown.total,
      change: known.length === 0 ? null : changeShown.reduce((a, b) => a + b, 0),
    },
    round,
  };
}

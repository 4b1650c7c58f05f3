import { ore, type Ore } from '../money';
import { MONTHS_IN_PLAN, type ActionPlan } from './plan';

export interface RealisationMonth {
  /** 0–11 */
  month: number;
  planned: Ore;
  /** null when no area has a realised figure for the month. */
  realised: Ore | null;
  cumulativePlanned: Ore;
  /** Realised so far (months without figures count as 0); null before the first recorded month. */
  cumulativeRealised: Ore | null;
}

export interface Realisation {
  months: RealisationMonth[];
  byArea: { number: number; planned: Ore; realised: Ore }[];
  plannedTotal: Ore;
  realisedTotal: Ore;
  /** The last month with a realised figure (0–11), or null. */
  lastRecordedMonth: number | null;
}

/**
 * Gevinstrealisering: planned against realised effect per month, cumulatively and per area.
 * What remains of the overspend is one figure, `overspendAfterPlan`, measured against the
 * forecast (the realised effect is already in it).
 * Exact øre sums; a month with no realised figure in any area is "not recorded", not zero.
 */
export function computeRealisation(plan: ActionPlan): Realisation {
  let cumPlanned = 0;
  let cumRealised = 0;
  let lastRecordedMonth: number | null = null;
  const months: RealisationMonth[] = [];
  for (let m = 0; m < MONTHS_IN_PLAN; m++) {
    let planned = 0;
    let realised: number | null = null;
    for (const area of plan.areas) {
      planned += area.monthlyEffect[m] ?? 0;
      const r = area.realisedEffect[m];
      if (r !== null && r !== undefined) realised = (realised ?? 0) + r;
    }
    cumPlanned += planned;
    if (realised !== null) {
      cumRealised += realised;
      lastRecordedMonth = m;
    }
    months.push({
      month: m,
      planned: ore(planned),
      realised: realised === null ? null : ore(realised),
      cumulativePlanned: ore(cumPlanned),
      cumulativeRealised: lastRecordedMonth === null ? null : ore(cumRealised),
    });
  }
  // After the last recorded month nothing is realised yet: no cumulative figure to show.
  for (const month of months) {
    if (lastRecordedMonth === null || month.month > lastRecordedMonth)
      month.cumulativeRealised = null;
  }
  const byArea = plan.areas.map((a) => ({
    number: a.number,
    planned: ore(a.monthlyEffect.reduce<number>((s, v) => s + v, 0)),
    realised: ore(a.realisedEffect.reduce<number>((s, v) => s + (v ?? 0), 0)),
  }));
  return {
    months,
    byArea,
    plannedTotal: ore(cumPlanned),
    realisedTotal: ore(cumRealised),
    lastRecordedMonth,
  };
}

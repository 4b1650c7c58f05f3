import { formatMillions, type Ore } from '../money';
import { lastDayOf, type IsoDate } from '../months';

/** Category groups a focus area's cost can be read from (as in the commitment statements). */
export const COST_GROUPS = [
  'anbringelse',
  'forebyggende',
  'eftervaern',
  'handicapkompensation',
  'andet',
] as const;
export type CostGroup = (typeof COST_GROUPS)[number];
export const PROVIDERS = ['ekstern', 'intern'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const AGE_BANDS = ['0-12', '13-17', '18-22', '23+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** What a focus area's figures are computed from; both parts are optional. */
export interface FocusAreaSpec {
  title: string;
  /** the action decided (handling), free text */
  action: string;
  /** the judgement of the status (e.g. "målet forventes indfriet"), free text */
  judgement: string;
  /** cost of one category group, optionally only one kind of provider */
  cost: { group: CostGroup; provider: Provider | null } | null;
  /** families with more than one intervention in one age band */
  families: { band: AgeBand } | null;
}

export interface CostFigures {
  baseline: { year: number; asOf: IsoDate; amountOre: Ore };
  current: { year: number; asOf: IsoDate; amountOre: Ore };
}

export interface FamilyFigures {
  band: AgeBand;
  baseline: { date: IsoDate; families: number; perFamily: number };
  current: { date: IsoDate; families: number; perFamily: number };
}

export interface FocusAreaFigures {
  cost: CostFigures | null;
  families: FamilyFigures | null;
}

/**
 * The baseline of a report for `year`: the whole previous year, read as of its last day
 * (31 December), which is also the date the count indicators are compared with.
 */
export function baselineOf(year: number): { year: number; asOf: IsoDate } {
  return { year: year - 1, asOf: lastDayOf(year - 1) };
}

/**
 * Millions of kroner as the report states them: one decimal, Danish, rounded half away
 * from zero at 0,1 mio. kr. (`8,5 mio. kr.`).
 */
export function reportMillions(amount: Ore): string {
  const tenths = Math.sign(amount) * Math.round(Math.abs(amount) / 10_000_000);
  return formatMillions((tenths * 10_000_000) as Ore);
}

/**
 * Change from baseline to current in whole per cent of the baseline, rounded half away from
 * zero; null when the baseline is 0.
 */
export function changePercent(baseline: Ore, current: Ore): number | null {
  if (baseline === 0) return null;
  const ratio = ((current - baseline) / baseline) * 100;
  return Math.sign(ratio) * Math.round(Math.abs(ratio));
}

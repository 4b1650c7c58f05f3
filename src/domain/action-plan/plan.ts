import { ore, sumOre, type Ore } from '../money';
import type { ActsOn } from './acts-on';
import type { OverspendSources } from './forecast-link';

/** A handleplan as the domain sees it: every amount in øre, months January–December of `year`. */
export type PlanStatus = 'draft' | 'active' | 'closed';
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'active', 'closed'];
export const MONTHS_IN_PLAN = 12;

export interface PersonRef {
  name: string | null;
  responsible: string | null;
}

export interface PlanArea {
  number: number;
  title: string | null;
  goal: string | null;
  targetAmount: Ore | null;
  action: string | null;
  consequences: string | null;
  /** Expected economic effect, exactly 12 amounts (January–December). */
  monthlyEffect: Ore[];
  /**
   * Realised effect per month entered by hand; null where nothing is recorded yet. For an area
   * that names what it acts on, the manual addition to the measured effect (what data cannot show).
   */
  realisedEffect: (Ore | null)[];
  /** What the area acts on; its realised effect is then measured from the commitments. Absent or null: nothing. */
  actsOn?: ActsOn | null;
}

export interface ExpectedOverspend {
  atStart: Ore | null;
  atLastUpdate: Ore | null;
  afterThisUpdate: Ore | null;
}

export interface ActionPlan {
  title: string;
  year: number;
  center: PersonRef;
  unit: PersonRef;
  startedOn: string | null;
  updatedOn: string | null;
  cause: string | null;
  causes: string[];
  areas: PlanArea[];
  expectedOverspend: ExpectedOverspend;
  /** Where `atStart` and `afterThisUpdate` come from (null: typed by hand before sources were kept). */
  overspendSources: OverspendSources;
}

export interface PlanTotals {
  byMonth: Ore[];
  byArea: { number: number; total: Ore }[];
  grand: Ore;
}

/**
 * Row, column and grand totals of the monthly effect table: exact sums in øre, no rounding.
 * The grand total is the sum of the row totals (and equals the sum of the column totals).
 */
export function computeTotals(
  areas: readonly Pick<PlanArea, 'number' | 'monthlyEffect'>[],
): PlanTotals {
  const byMonth = Array.from({ length: MONTHS_IN_PLAN }, (_, m) =>
    sumOre(areas.map((a) => a.monthlyEffect[m] ?? ore(0))),
  );
  const byArea = areas.map((a) => ({ number: a.number, total: sumOre(a.monthlyEffect) }));
  return { byMonth, byArea, grand: sumOre(byArea.map((a) => a.total)) };
}

/** An area's months minus its target (øre); positive when the months exceed it, null without a target. */
export function areaDifference(area: Pick<PlanArea, 'targetAmount' | 'monthlyEffect'>): Ore | null {
  if (area.targetAmount === null) return null;
  // The difference of two accepted amounts may exceed their range; it stays exact (< 2^53).
  return (sumOre(area.monthlyEffect) - area.targetAmount) as Ore;
}

/** Twelve zero amounts: an area's empty month row. */
export function emptyMonths(): Ore[] {
  return Array.from({ length: MONTHS_IN_PLAN }, () => ore(0));
}

/** Twelve empty realised months. */
export function emptyRealised(): (Ore | null)[] {
  return Array.from({ length: MONTHS_IN_PLAN }, () => null);
}

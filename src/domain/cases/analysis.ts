import type { IsoDate } from '../months';
import { interventionAsOf } from './history';
import { dayOf, firstPaymentDay, type DayNumber } from './payments';
import type { CaseRecord, Intervention } from './types';

/** How the interventions of one case relate as of a date: what is visible, cut off, and its root. */
export interface CaseAnalysis {
  /**
   * interventions decided on or before the date (drafts included; they never count), each as
   * decided by then: its status and end date then (`interventionAsOf`)
   */
  visible: Intervention[];
  /** refs of visible interventions withdrawn by then (an adjustment replaced them): they count nothing */
  withdrawn: Set<string>;
  /**
   * Rule 3: for a granted intervention that others modify, the earliest payment day of any
   * non-draft intervention in its adjustment chain (null when none of them ever pays).
   */
  cutoff: Map<string, DayNumber | null>;
  /** refs of granted interventions that a visible non-draft adjustment modifies */
  modified: Set<string>;
  /** the first intervention of each one's adjustment chain (A for A ← B ← C) */
  root: Map<string, string>;
}

/**
 * Analyses one case as of `asOf` (null = everything): an intervention is visible when decided
 * on or before the date, as decided by then. Cycles (rejected on input) are cut where they close.
 */
export function analyseCase(record: CaseRecord, asOf: IsoDate | null): CaseAnalysis {
  const limit = asOf === null ? Number.POSITIVE_INFINITY : dayOf(asOf);
  const visible: Intervention[] = [];
  const withdrawn = new Set<string>();
  for (const i of record.interventions) {
    if (dayOf(i.decidedOn) > limit) continue;
    const state = interventionAsOf(i, limit);
    visible.push(state.intervention);
    if (state.withdrawn) withdrawn.add(i.ref);
  }
  const byRef = new Map(visible.map((i) => [i.ref, i]));
  const cutoff = new Map<string, DayNumber | null>();
  const modified = new Set<string>();
  const root = new Map<string, string>();
  for (const i of visible) {
    const seen = new Set<string>([i.ref]);
    let current = i;
    while (current.modifies !== null) {
      const parent = byRef.get(current.modifies);
      if (!parent || seen.has(parent.ref)) break;
      seen.add(parent.ref);
      current = parent;
    }
    root.set(i.ref, current.ref);
  }
  for (const adjustment of visible) {
    if (adjustment.status === 'draft' || adjustment.modifies === null) continue;
    const first = firstPaymentDay(adjustment.payment, adjustment.startDate, adjustment.endDate);
    const seen = new Set<string>([adjustment.ref]);
    let parentRef: string | null = adjustment.modifies;
    while (parentRef !== null) {
      const parent = byRef.get(parentRef);
      if (!parent || seen.has(parent.ref)) break;
      seen.add(parent.ref);
      if (parent.status === 'granted') {
        modified.add(parent.ref);
        const previous = cutoff.get(parent.ref);
        if (first !== null && (previous === undefined || previous === null || first < previous)) {
          cutoff.set(parent.ref, first);
        } else if (previous === undefined) {
          cutoff.set(parent.ref, null);
        }
      }
      parentRef = parent.modifies;
    }
  }
  return { visible, withdrawn, cutoff, modified, root };
}

/**
 * Rule 3 for one payment day: does this intervention's payment count in the expected cost
 * (the disponering)? Drafts and withdrawn interventions never count; a modified granted intervention loses payments on or
 * after its cutoff, and a modified one-time granted intervention counts nothing.
 */
export function countsExpected(
  intervention: Intervention,
  analysis: CaseAnalysis,
  day: DayNumber,
): boolean {
  if (intervention.status === 'draft' || analysis.withdrawn.has(intervention.ref)) return false;
  if (intervention.status === 'expected') return true;
  if (!analysis.modified.has(intervention.ref)) return true;
  if (intervention.payment.type === 'one-time') return false;
  const cut = analysis.cutoff.get(intervention.ref);
  return cut === null || cut === undefined || day < cut;
}

/** The last day before which an intervention's expected payments count (exclusive), or null. */
export function expectedCutoff(
  intervention: Intervention,
  analysis: CaseAnalysis,
): DayNumber | null {
  if (intervention.status !== 'granted' || !analysis.modified.has(intervention.ref)) return null;
  return analysis.cutoff.get(intervention.ref) ?? null;
}

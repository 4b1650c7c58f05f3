import type { IsoDate } from '../months';
import { CompiledCase, fastDayNumber, viewCase } from './engine';
import type { DayNumber } from './payments';
import type { CaseRecord, Intervention } from './types';

/**
 * How the interventions of one case relate as of a date: what is visible, withdrawn, its chain's
 * root and rule 3's cut. One record's reading of the engine's analysis (`viewCase`), for the
 * rules that look at one case at a time (families, approvals).
 */
export interface CaseAnalysis {
  /**
   * interventions decided on or before the date (drafts included; they never count), each as
   * decided by then: its status and end date then (`interventionAsOf`)
   */
  visible: Intervention[];
  /** refs of visible interventions withdrawn by then (an adjustment replaced them): they count nothing */
  withdrawn: Set<string>;
  /** the first intervention of each one's adjustment chain (A for A ← B ← C) */
  root: Map<string, string>;
  /** per visible ref: its expected cost counts the payments on days before this (rule 3) */
  expectedBefore: Map<string, number>;
  /** per visible ref: the cut of a modified granted intervention (null when none) */
  cutoff: Map<string, DayNumber | null>;
}

/**
 * Analyses one case as of `asOf` (null = everything): an intervention is visible when decided
 * on or before the date, as decided by then. Cycles (rejected on input) are cut where they close.
 */
export function analyseCase(record: CaseRecord, asOf: IsoDate | null): CaseAnalysis {
  const limit = asOf === null ? Number.POSITIVE_INFINITY : fastDayNumber(asOf);
  const view = viewCase(new CompiledCase(record), limit, true);
  const visible = view.visible.map((ci) => ci.intervention);
  const refs = visible.map((i) => i.ref);
  return {
    visible,
    withdrawn: new Set(view.visible.filter((ci) => ci.withdrawn).map((ci) => ci.intervention.ref)),
    root: new Map(refs.map((ref, k) => [ref, view.rootRefs?.[k] ?? ref])),
    expectedBefore: new Map(refs.map((ref, k) => [ref, view.expectedBefore[k] ?? Infinity])),
    cutoff: new Map(refs.map((ref, k) => [ref, view.cutoffs[k] ?? null])),
  };
}

/**
 * Rule 3 for one payment day: does this intervention's payment count in the expected cost
 * (the disponering)? Drafts and withdrawn interventions never count; a modified granted
 * intervention loses payments on or after its cutoff, and a modified one-time granted
 * intervention counts nothing.
 */
export function countsExpected(
  intervention: Intervention,
  analysis: CaseAnalysis,
  day: DayNumber,
): boolean {
  if (intervention.status === 'draft' || analysis.withdrawn.has(intervention.ref)) return false;
  return day < (analysis.expectedBefore.get(intervention.ref) ?? Number.POSITIVE_INFINITY);
}

/** The last day before which an intervention's expected payments count (exclusive), or null. */
export function expectedCutoff(
  intervention: Intervention,
  analysis: CaseAnalysis,
): DayNumber | null {
  return analysis.cutoff.get(intervention.ref) ?? null;
}

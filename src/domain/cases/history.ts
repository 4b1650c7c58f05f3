import type { IsoDate } from '../months';
import { dayOf, type DayNumber } from './payments';
import type { CostIntervention } from './types';

/**
 * Decisions are dated facts (bitemporal): a statement as of a day sees an intervention as it was
 * decided by that day, whatever was decided later. An intervention's stored fields are what was
 * decided on `decidedOn`; the grant of an expected intervention (`grantedOn`) and every later
 * ending (`endings`) are separate facts with their own decision dates. Corrections of wrong data
 * are a different act: they change the stored fields for every date (see `corrections.ts`).
 */

/** Does the intervention carry a fact decided after `decidedOn` (a later grant or an ending)? */
export function hasHistory(i: CostIntervention): boolean {
  return (
    (i.endings !== undefined && i.endings !== null && i.endings.length > 0) ||
    (i.grantedOn !== undefined && i.grantedOn !== null && i.grantedOn > i.decidedOn)
  );
}

/** The last day on which a fact about the intervention was decided (its decision, grant, endings). */
export function lastFactDay(i: CostIntervention): DayNumber {
  let last = dayOf(i.decidedOn);
  if (i.grantedOn) last = Math.max(last, dayOf(i.grantedOn));
  for (const e of i.endings ?? []) last = Math.max(last, dayOf(e.decidedOn));
  return last;
}

/** An intervention as decided by a day: its status and end then, and whether it was withdrawn. */
export interface InterventionState<I extends CostIntervention> {
  intervention: I;
  /** an adjustment that replaced it from its start was granted by then: it counts nothing */
  withdrawn: boolean;
}

/**
 * The intervention as decided by the day `limit` (inclusive; +∞ = everything decided): granted
 * only from `grantedOn` (expected before), ended at the earliest `endDate` of the endings decided
 * by then, withdrawn when such an ending removed it. Without history it is returned as it is.
 */
export function interventionAsOf<I extends CostIntervention>(
  i: I,
  limit: DayNumber,
): InterventionState<I> {
  if (!hasHistory(i)) return { intervention: i, withdrawn: false };
  const status =
    i.status === 'granted' && i.grantedOn && dayOf(i.grantedOn) > limit ? 'expected' : i.status;
  let endDate: IsoDate | null = i.endDate;
  let withdrawn = false;
  for (const e of i.endings ?? []) {
    if (dayOf(e.decidedOn) > limit) continue;
    if (e.removed) withdrawn = true;
    if (endDate === null || e.endDate < endDate) endDate = e.endDate;
  }
  if (status === i.status && endDate === i.endDate) return { intervention: i, withdrawn };
  return { intervention: { ...i, status, endDate }, withdrawn };
}

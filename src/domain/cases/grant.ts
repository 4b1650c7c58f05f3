import { addDays, type IsoDate } from '../months';
import { lastFactDay } from './history';
import { dayOf } from './payments';
import type { CaseRecord, Intervention, InterventionEnding } from './types';

export type GrantResult =
  | { ok: true; record: CaseRecord; endedRef: string | null; removedRef: string | null }
  | { ok: false; reason: 'not_found' | 'not_expected' | 'before_decided' };

/**
 * Rule 4: granting an expected intervention on the day `grantedOn` makes it `granted` from that
 * day (`grantedOn`; before it, statements still see it expected). When it adjusts another, the
 * original ends the day before the adjustment starts, recorded as an ending decided on
 * `grantedOn` (the original's own fields are never edited); if the adjustment starts on or before
 * the original's start, the ending removes the original (from `grantedOn` it counts nothing). The
 * grant cannot be dated before the intervention was decided ('before_decided'). No other
 * intervention changes.
 */
export function grantIntervention(
  record: CaseRecord,
  ref: string,
  grantedOn: IsoDate,
): GrantResult {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) return { ok: false, reason: 'not_found' };
  if (target.status !== 'expected' || isRefused(target))
    return { ok: false, reason: 'not_expected' };
  if (grantedOn < target.decidedOn) return { ok: false, reason: 'before_decided' };
  const original =
    target.modifies === null
      ? undefined
      : record.interventions.find((i) => i.ref === target.modifies);
  let endedRef: string | null = null;
  let removedRef: string | null = null;
  let ending: InterventionEnding | null = null;
  if (original) {
    const endDate: IsoDate = addDays(target.startDate, -1);
    if (dayOf(target.startDate) <= dayOf(original.startDate)) {
      removedRef = original.ref;
      ending = { endDate, decidedOn: grantedOn, by: ref, removed: true };
    } else if (original.endDate === null || original.endDate > endDate) {
      endedRef = original.ref;
      ending = { endDate, decidedOn: grantedOn, by: ref, removed: false };
    }
  }
  const interventions = record.interventions.map((i): Intervention => {
    if (i.ref === ref) return { ...i, status: 'granted', grantedOn };
    if (ending && i.ref === original?.ref) return { ...i, endings: [...(i.endings ?? []), ending] };
    return i;
  });
  return { ok: true, record: { ...record, interventions }, endedRef, removedRef };
}

/** Was the expected intervention refused (its grant rejected): withdrawn by an ending of its own. */
export function isRefused(i: Pick<Intervention, 'status' | 'endings'>): boolean {
  return i.status === 'expected' && (i.endings ?? []).some((e) => e.removed && e.by === null);
}

export type RefuseResult =
  | { ok: true; record: CaseRecord }
  | { ok: false; reason: 'not_found' | 'not_expected' | 'before_decided' };

/**
 * Refusing the grant of an expected intervention on `decidedOn` (an approval rejected): recorded
 * as an ending that removes it from that day, so statements as of earlier dates still see it
 * expected and later ones see nothing. It cannot be granted afterwards (`grantIntervention`).
 */
export function refuseIntervention(
  record: CaseRecord,
  ref: string,
  decidedOn: IsoDate,
): RefuseResult {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) return { ok: false, reason: 'not_found' };
  if (target.status !== 'expected' || isRefused(target))
    return { ok: false, reason: 'not_expected' };
  if (dayOf(decidedOn) < lastFactDay(target)) return { ok: false, reason: 'before_decided' };
  const ending: InterventionEnding = {
    endDate: addDays(target.startDate, -1),
    decidedOn,
    by: null,
    removed: true,
  };
  const interventions = record.interventions.map((i) =>
    i.ref === ref ? { ...i, endings: [...(i.endings ?? []), ending] } : i,
  );
  return { ok: true, record: { ...record, interventions } };
}

export type EndResult =
  | { ok: true; record: CaseRecord }
  | { ok: false; reason: 'not_found' | 'not_granted' | 'before_decided' | 'end_date' };

/**
 * Ends a granted intervention on `endDate` (inclusive) by a decision of `decidedOn`: recorded as
 * an ending, so statements as of earlier dates still see it running. The end must lie on or
 * after the start and before the end in force ('end_date'); the decision cannot be dated before
 * any fact already recorded about the intervention ('before_decided').
 */
export function endIntervention(
  record: CaseRecord,
  ref: string,
  endDate: IsoDate,
  decidedOn: IsoDate,
): EndResult {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) return { ok: false, reason: 'not_found' };
  if (target.status !== 'granted') return { ok: false, reason: 'not_granted' };
  if (dayOf(decidedOn) < lastFactDay(target)) return { ok: false, reason: 'before_decided' };
  let current = target.endDate;
  for (const e of target.endings ?? [])
    if (current === null || e.endDate < current) current = e.endDate;
  if (endDate < target.startDate || (current !== null && endDate >= current))
    return { ok: false, reason: 'end_date' };
  const ending: InterventionEnding = { endDate, decidedOn, by: null, removed: false };
  const interventions = record.interventions.map((i) =>
    i.ref === ref ? { ...i, endings: [...(i.endings ?? []), ending] } : i,
  );
  return { ok: true, record: { ...record, interventions } };
}

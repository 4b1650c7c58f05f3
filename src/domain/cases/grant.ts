import { addDays, type IsoDate } from '../months';
import { dayOf } from './payments';
import type { CaseRecord } from './types';

export type GrantResult =
  | { ok: true; record: CaseRecord; endedRef: string | null; removedRef: string | null }
  | { ok: false; reason: 'not_found' | 'not_expected' };

/**
 * Rule 4: granting an expected intervention makes it `granted`. When it adjusts another, the
 * original ends the day before the adjustment starts; if the adjustment starts on or before the
 * original's start, the original is removed and the adjustment takes over what it modified
 * (its `modifies` becomes the original's). No other intervention changes.
 */
export function grantIntervention(record: CaseRecord, ref: string): GrantResult {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) return { ok: false, reason: 'not_found' };
  if (target.status !== 'expected') return { ok: false, reason: 'not_expected' };
  const original =
    target.modifies === null
      ? undefined
      : record.interventions.find((i) => i.ref === target.modifies);
  let interventions = record.interventions.map((i) =>
    i.ref === ref ? { ...i, status: 'granted' as const } : i,
  );
  let endedRef: string | null = null;
  let removedRef: string | null = null;
  if (original) {
    if (dayOf(target.startDate) <= dayOf(original.startDate)) {
      removedRef = original.ref;
      interventions = interventions
        .filter((i) => i.ref !== original.ref)
        .map((i) => (i.modifies === original.ref ? { ...i, modifies: original.modifies } : i));
    } else {
      endedRef = original.ref;
      const end: IsoDate = addDays(target.startDate, -1);
      interventions = interventions.map((i) =>
        i.ref === original.ref && (i.endDate === null || dayOf(i.endDate) > dayOf(end))
          ? { ...i, endDate: end }
          : i,
      );
    }
  }
  return { ok: true, record: { ...record, interventions }, endedRef, removedRef };
}

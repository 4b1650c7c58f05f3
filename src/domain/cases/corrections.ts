import type { IsoDate } from '../months';
import type { CaseRecord, Intervention } from './types';

/**
 * Corrections of wrong data (bitemporal: record time beside decision time). A decision is a
 * dated fact that statements as of earlier dates do not see (`history.ts`); a correction fixes a
 * granted intervention's own fields that were typed wrong (an amount, a date, the rate, the
 * category, the provider…). It is an explicit act with a reason, dated by the day it was made
 * (`correctedOn`), and it changes the stored fields for every as-of date: a statement read today
 * sees the corrected record. What a statement said on the day it was taken stays reproducible:
 * `asRecordedOn` undoes the corrections made after that day, and movement shows the difference
 * as corrections (`movement.ts`).
 */

/** The fields of an intervention a correction may change: what was decided, as typed. */
export const CORRECTABLE_FIELDS = [
  'kind',
  'decidedOn',
  'category',
  'paragraph',
  'provider',
  'accountFunction',
  'startDate',
  'endDate',
  'followOn',
  'payment',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type CorrectedFields = Pick<Intervention, CorrectableField>;

/** One correction as recorded: the intervention's fields before and after, who, when, why. */
export interface InterventionCorrection {
  caseRef: string;
  interventionRef: string;
  /** the day the correction was made (Copenhagen) */
  correctedOn: IsoDate;
  reason: string;
  /** the username of who made it */
  by: string;
  before: CorrectedFields;
  after: CorrectedFields;
}

export type CorrectionResult =
  | { ok: true; record: CaseRecord; before: Intervention; after: Intervention }
  | { ok: false; reason: 'not_found' | 'not_granted' | 'unchanged' };

/** The correctable fields of an intervention, in one order (for storing and comparing). */
export function correctedFields(i: CorrectedFields): CorrectedFields {
  return {
    kind: i.kind,
    decidedOn: i.decidedOn,
    category: i.category,
    paragraph: i.paragraph,
    provider: { name: i.provider.name, external: i.provider.external },
    accountFunction: i.accountFunction,
    startDate: i.startDate,
    endDate: i.endDate,
    followOn: i.followOn,
    payment: i.payment,
  };
}

/** The names of the correctable fields whose values differ between `a` and `b`. */
export function changedFields(a: CorrectedFields, b: CorrectedFields): CorrectableField[] {
  return CORRECTABLE_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/**
 * Corrects the granted intervention `ref` to `fields`: only its correctable fields change; its
 * ref, status, the intervention it adjusts and the facts decided about it later (`grantedOn`,
 * `endings`) stay. Drafts and expected interventions are edited, not corrected
 * ('not_granted'); a correction that changes nothing is refused ('unchanged'). Whether the
 * corrected case is valid is the format's rules' question (`readCasesDocument`).
 */
export function correctIntervention(
  record: CaseRecord,
  ref: string,
  fields: CorrectedFields,
): CorrectionResult {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) return { ok: false, reason: 'not_found' };
  if (target.status !== 'granted') return { ok: false, reason: 'not_granted' };
  const after: Intervention = { ...target, ...correctedFields(fields) };
  if (changedFields(target, after).length === 0) return { ok: false, reason: 'unchanged' };
  const interventions = record.interventions.map((i) => (i.ref === ref ? after : i));
  return { ok: true, record: { ...record, interventions }, before: target, after };
}

/**
 * The cases as they were recorded at the end of `day`: every intervention corrected after that
 * day gets the fields it had before the first such correction (`corrections` in the order they
 * were made). Decisions are untouched: they are dated facts of their own. Cases and
 * interventions without a later correction are returned as they are (same objects).
 */
export function asRecordedOn<C extends CaseRecord>(
  cases: readonly C[],
  corrections: readonly InterventionCorrection[],
  day: IsoDate,
): C[] {
  const undo = new Map<string, CorrectedFields>();
  for (const c of corrections) {
    if (c.correctedOn <= day) continue;
    const key = `${c.caseRef}\u0000${c.interventionRef}`;
    if (!undo.has(key)) undo.set(key, c.before);
  }
  if (undo.size === 0) return [...cases];
  return cases.map((c) => {
    let touched = false;
    const interventions = c.interventions.map((i) => {
      const before = undo.get(`${c.ref}\u0000${i.ref}`);
      if (!before) return i;
      touched = true;
      return { ...i, ...correctedFields(before) };
    });
    return touched ? { ...c, interventions } : c;
  });
}

/**
 * The corrections a replacement of a case makes (the import replaces a case's interventions
 * whole): every intervention granted both before and after, under the same ref, whose
 * correctable fields differ. Interventions added, removed or not granted on both sides are
 * not corrections (they are decisions, or drafts and expected ones that are edited freely).
 */
export function correctionsBetween(
  before: CaseRecord,
  after: CaseRecord,
): { interventionRef: string; before: CorrectedFields; after: CorrectedFields }[] {
  const old = new Map(before.interventions.map((i) => [i.ref, i]));
  return after.interventions.flatMap((i) => {
    const o = old.get(i.ref);
    if (!o || o.status !== 'granted' || i.status !== 'granted') return [];
    if (changedFields(o, i).length === 0) return [];
    return [{ interventionRef: i.ref, before: correctedFields(o), after: correctedFields(i) }];
  });
}

import type { Queryable } from '../../db/database';
import { commitmentsFingerprint } from '../../db/repositories/forecast';
import { committedByUnitFunctionMonth } from './commitment-service';

/** The committed cost per unit, function and month (disponering) as the cases capability states it. */
export interface CommittedRow {
  unitId: string;
  accountFunction: string;
  month: number;
  expectedOre: number;
  grantedOre: number;
}

const MAX_CACHED = 64;
const cache = new WeakMap<Queryable, Map<string, Promise<CommittedRow[]>>>();

/**
 * Committed cost for a year as of a date from the cases' payment plans. A forecast needs it
 * for its year and for each earlier year it estimates intake from; those are reused while the
 * cases, interventions and rates are unchanged (same fingerprint), per database connection.
 * `available` stays in the answer so a forecast can say when its committed part is missing.
 */
export async function committedByUnitFunctionMonthIfAvailable(
  db: Queryable,
  params: { year: number; asOf: string; unitIds: string[] | null },
  /** The fingerprint when the caller has read it already (once per computation). */
  knownFingerprint?: Promise<string>,
): Promise<{ available: boolean; rows: CommittedRow[] }> {
  const fingerprint = await (knownFingerprint ?? commitmentsFingerprint(db));
  const key = JSON.stringify([fingerprint, params.year, params.asOf, params.unitIds]);
  let entries = cache.get(db);
  if (!entries) {
    entries = new Map();
    cache.set(db, entries);
  }
  let rows = entries.get(key);
  if (!rows) {
    rows = committedByUnitFunctionMonth(db, params);
    entries.set(key, rows);
    rows.catch(() => entries.delete(key));
    if (entries.size > MAX_CACHED) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  }
  return { available: true, rows: await rows };
}

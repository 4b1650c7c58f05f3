import type { Queryable } from '../../db/database';
import { listReimbursementThresholds } from '../../db/repositories/commitments';
import { commitmentsFingerprint } from '../../db/repositories/forecast';
import {
  committedByUnitFunctionMonthMany,
  reimbursementByUnitFunction,
} from './commitment-service';

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
 * Committed cost for (year, as-of) statements from the cases' payment plans. A forecast needs
 * it for its year and for each earlier year it estimates intake from; those not cached for the
 * current fingerprint of the cases, interventions and rates are computed together, loading the
 * cases once, and kept per database connection while the fingerprint is unchanged (so another
 * app server's change to the cases is seen at once). `available` stays in the answer so a
 * forecast can say when its committed part is missing.
 */
export async function committedManyIfAvailable(
  db: Queryable,
  params: { statements: readonly { year: number; asOf: string }[]; unitIds: string[] | null },
  knownFingerprint?: Promise<string>,
): Promise<{ available: boolean; rows: CommittedRow[] }[]> {
  const fingerprint = await (knownFingerprint ?? commitmentsFingerprint(db));
  let entries = cache.get(db);
  if (!entries) {
    entries = new Map();
    cache.set(db, entries);
  }
  const store = entries;
  const keyOf = (s: { year: number; asOf: string }) =>
    JSON.stringify([fingerprint, s.year, s.asOf, params.unitIds]);
  const missing = params.statements.filter(
    (s, k, all) => !store.has(keyOf(s)) && all.findIndex((x) => keyOf(x) === keyOf(s)) === k,
  );
  if (missing.length > 0) {
    const computed = committedByUnitFunctionMonthMany(db, {
      statements: missing,
      unitIds: params.unitIds,
    });
    missing.forEach((s, k) => {
      const key = keyOf(s);
      const rows = computed.then((all) => all[k] ?? []);
      store.set(key, rows);
      rows.catch(() => store.delete(key));
    });
    while (store.size > MAX_CACHED) {
      const oldest = store.keys().next().value;
      if (oldest === undefined) break;
      store.delete(oldest);
    }
  }
  return Promise.all(
    params.statements.map(async (s) => {
      const rows =
        store.get(keyOf(s)) ??
        committedByUnitFunctionMonthMany(db, {
          statements: [s],
          unitIds: params.unitIds,
        }).then((all) => all[0] ?? []);
      return { available: true, rows: await rows };
    }),
  );
}

type Refusion = Awaited<ReturnType<typeof reimbursementByUnitFunction>>;
const refusionCache = new WeakMap<Queryable, Map<string, Promise<Refusion>>>();

/**
 * The year's expected refusion as of a date per unit and account function
 * (`reimbursementByUnitFunction`: every unit's cases, whoever asks), kept per database
 * connection while the cases' fingerprint and the thresholds are unchanged.
 */
export async function refusionCached(
  db: Queryable,
  q: { year: number; asOf: string },
  knownFingerprint?: Promise<string>,
): Promise<Refusion> {
  const [fingerprint, thresholds] = await Promise.all([
    knownFingerprint ?? commitmentsFingerprint(db),
    listReimbursementThresholds(db),
  ]);
  const key = JSON.stringify([fingerprint, thresholds, q.year, q.asOf]);
  let store = refusionCache.get(db);
  if (!store) {
    store = new Map();
    refusionCache.set(db, store);
  }
  let p = store.get(key);
  if (!p) {
    const entries = store;
    p = reimbursementByUnitFunction(db, q);
    entries.set(key, p);
    p.catch(() => entries.delete(key));
    while (entries.size > MAX_CACHED) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }
  return p;
}

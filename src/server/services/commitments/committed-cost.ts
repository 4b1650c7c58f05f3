/**
 * The committed cost other features use: the forecast's committed part and expected refusion
 * (kept per connection while the cases are unchanged), a draft plan's expected income, and the
 * status reports' group costs and family counts. Server figures: no read is logged.
 */
import type { Actor } from '../../../domain/access';
import {
  allocateReimbursement,
  committedByKey,
  compileCases,
  computeYear,
  familiesWithSeveral,
  reimbursementForYear,
  statementBy,
  thresholdsForYear,
  totalsByMonth,
  type CompiledCases,
} from '../../../domain/cases';
import { monthOfIsoDate } from '../../../domain/forecast/forecast';
import { yearSpan, type IsoDate } from '../../../domain/months';
import type { Queryable } from '../../../db/database';
import { loadCostCases, listRates } from '../../../db/repositories/cases';
import { listReimbursementThresholds } from '../../../db/repositories/commitments';
import { commitmentsVersion } from '../../../db/repositories/forecast';
import type { AppDeps } from '../../context';
import { inGroup, internalScope, loadYear, rateMapOf, records, resolveScope } from './scope';

/** One row of committed cost per unit, account function and month (1–12), in øre. */
export interface CommittedByUnitFunctionMonthRow {
  unitId: string;
  accountFunction: string;
  month: number;
  expectedOre: number;
  grantedOre: number;
}

/**
 * For the budget forecast: the committed cost (disponering, rule 5) of a year as of `asOf`,
 * per unit, account function and month (1–12), in øre. `expectedOre` is the expected cost over
 * the interventions decided on or before `asOf`; `grantedOre` the granted cost over the same.
 * `unitIds` null = every unit. Rows with both amounts 0 are left out.
 */
export async function committedByUnitFunctionMonth(
  db: Queryable,
  params: { year: number; asOf: string; unitIds?: string[] | null },
): Promise<CommittedByUnitFunctionMonthRow[]> {
  const [rows] = await committedByUnitFunctionMonthMany(db, {
    statements: [{ year: params.year, asOf: params.asOf }],
    unitIds: params.unitIds ?? null,
  });
  return rows ?? [];
}

/**
 * `committedByUnitFunctionMonth` for several (year, as-of) statements at once: the cases that
 * pay in any of the years are loaded once and computed in one pass; each statement's rows are
 * exactly those of its own call.
 */
export async function committedByUnitFunctionMonthMany(
  db: Queryable,
  params: { statements: readonly { year: number; asOf: string }[]; unitIds: string[] | null },
): Promise<CommittedByUnitFunctionMonthRow[][]> {
  const { statements, unitIds } = params;
  if (statements.length === 0) return [];
  if (unitIds && unitIds.length === 0) return statements.map(() => []);
  const years = statements.map((s) => s.year);
  const [cases, rateList] = await Promise.all([
    loadCostCases(db, {
      unitIds,
      paysBetween: {
        from: yearSpan(Math.min(...years)).from,
        to: yearSpan(Math.max(...years)).to,
      },
    }),
    listRates(db),
  ]);
  const rates = rateMapOf(rateList);
  const byKey = committedByKey(
    cases,
    rates,
    statements.map((s) => ({ year: s.year, asOf: s.asOf as IsoDate })),
    (record, intervention) => `${record.unit}|${intervention.accountFunction}`,
  );
  return byKey.map((keyed) => {
    const rows: CommittedByUnitFunctionMonthRow[] = [];
    for (const [key, months] of keyed) {
      const bar = key.indexOf('|');
      const unitId = key.slice(0, bar);
      const accountFunction = key.slice(bar + 1);
      for (let m = 0; m < 12; m += 1) {
        const expectedOre = months.expected[m] ?? 0;
        const grantedOre = months.granted[m] ?? 0;
        if (expectedOre === 0 && grantedOre === 0) continue;
        rows.push({ unitId, accountFunction, month: m + 1, expectedOre, grantedOre });
      }
    }
    return rows.sort((a, b) =>
      a.unitId !== b.unitId
        ? a.unitId < b.unitId
          ? -1
          : 1
        : a.accountFunction !== b.accountFunction
          ? a.accountFunction < b.accountFunction
            ? -1
            : 1
          : a.month - b.month,
    );
  });
}

const MAX_CACHED = 64;
const cache = new WeakMap<Queryable, Map<string, Promise<CommittedByUnitFunctionMonthRow[]>>>();

/**
 * Committed cost for (year, as-of) statements from the cases' payment plans. A forecast needs
 * it for its year and for each earlier year it estimates intake from; those not kept for the
 * current version of the cases, interventions and rates (`commitmentsVersion`, one row read)
 * are computed together, loading the cases once, and kept per database connection while the
 * version is unchanged (so another app server's committed change to the cases is seen at
 * once). `available` stays in the answer so a forecast can say when its committed part is
 * missing.
 */
export async function committedManyIfAvailable(
  db: Queryable,
  params: { statements: readonly { year: number; asOf: string }[]; unitIds: string[] | null },
  knownVersion?: Promise<string>,
): Promise<{ available: boolean; rows: CommittedByUnitFunctionMonthRow[] }[]> {
  const version = await (knownVersion ?? commitmentsVersion(db));
  const compute = (statements: readonly { year: number; asOf: string }[]) =>
    committedByUnitFunctionMonthMany(db, { statements, unitIds: params.unitIds });
  let entries = cache.get(db);
  if (!entries) {
    entries = new Map();
    cache.set(db, entries);
  }
  const store = entries;
  const keyOf = (s: { year: number; asOf: string }) =>
    JSON.stringify([version, s.year, s.asOf, params.unitIds]);
  const missing = params.statements.filter(
    (s, k, all) => !store.has(keyOf(s)) && all.findIndex((x) => keyOf(x) === keyOf(s)) === k,
  );
  if (missing.length > 0) {
    const computed = compute(missing);
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
      const rows = store.get(keyOf(s)) ?? compute([s]).then((all) => all[0] ?? []);
      return { available: true, rows: await rows };
    }),
  );
}

type Refusion = Awaited<ReturnType<typeof reimbursementByUnitFunction>>;
const refusionCache = new WeakMap<Queryable, Map<string, Promise<Refusion>>>();

/**
 * The year's expected refusion as of a date per unit and account function
 * (`reimbursementByUnitFunction`: every unit's cases, whoever asks), kept per database
 * connection while the version of the cases and thresholds (`commitmentsVersion`) is unchanged.
 */
export async function refusionCached(
  db: Queryable,
  q: { year: number; asOf: string },
  knownVersion?: Promise<string>,
): Promise<Refusion> {
  const version = await (knownVersion ?? commitmentsVersion(db));
  const key = JSON.stringify([version, q.year, q.asOf]);
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

/**
 * Expected cost of category groups, in total and by provider (external/internal), for several
 * (year, as-of, group) at once: the cases are loaded once for all the years and each figure is
 * computed as `statement` computes it (the group's interventions only). For the status reports'
 * focus areas; amounts in øre.
 */
export async function groupCosts(
  deps: AppDeps,
  actor: Actor,
  requests: readonly { year: number; asOf: IsoDate; group: string }[],
): Promise<{ totalOre: number; byProviderOre: Map<string, number> }[]> {
  if (requests.length === 0) return [];
  const scope = await resolveScope(deps.db, actor, {});
  const years = requests.map((r) => r.year);
  const { stored, rates } = await loadYear(deps.db, scope, Math.max(...years), Math.min(...years));
  const compiled = new Map<string, CompiledCases>();
  return requests.map((r) => {
    let cases = compiled.get(r.group);
    if (!cases) {
      cases = compileCases(records(inGroup(stored, r.group)));
      compiled.set(r.group, cases);
    }
    const items = computeYear(cases, rates, { year: r.year, asOf: r.asOf }).interventions;
    return {
      totalOre: totalsByMonth(items).expected.total,
      byProviderOre: new Map(statementBy(items, 'provider').map((x) => [x.key, x.expectedOre])),
    };
  });
}

/**
 * The families with more than one intervention on a date, per age band, in every unit: counts
 * only, for the status report's figures (no households, so no read of case-level data).
 */
export async function familyCountsOn(
  deps: AppDeps,
  date: IsoDate,
): Promise<{ band: string; families: number; perFamily: number }[]> {
  const { stored } = await loadYear(deps.db, internalScope(null), Number(date.slice(0, 4)));
  return familiesWithSeveral(records(stored), date).map((b) => ({
    band: b.band,
    families: b.families,
    perFamily: b.perFamily,
  }));
}

/**
 * The income a unit's cases (as committed on `asOf`) expect in the months up to the as-of
 * month — payments with negative amounts on their payment plans, e.g. parental payment — as a
 * positive amount in øre, for a draft plan's causes.
 */
export async function expectedIncomeToDate(
  db: Queryable,
  q: { unitId: string; year: number; asOf: string },
): Promise<number> {
  const { stored, rates } = await loadYear(db, internalScope([q.unitId]), q.year);
  const asOfMonth = monthOfIsoDate(q.asOf);
  let incomeToDateOre = 0;
  for (const item of computeYear(records(stored), rates, { year: q.year, asOf: q.asOf as IsoDate })
    .interventions) {
    for (const cell of item.cells)
      if (cell.month <= asOfMonth && cell.expectedOre < 0) incomeToDateOre -= cell.expectedOre;
  }
  return incomeToDateOre;
}

/**
 * For the budget forecast: the year's expected reimbursement for very expensive cases as
 * committed on `asOf` (decisions made by then), computed per household across every unit (the
 * thresholds apply to the household, wherever its cases are), and allocated to units and
 * account functions by their share of the household's cost (`allocateReimbursement`). Keys are
 * `unitId|accountFunction`, øre. `thresholds` is null when the year has none (then nothing is
 * computed).
 */
export async function reimbursementByUnitFunction(
  db: Queryable,
  q: { year: number; asOf: string },
): Promise<{
  thresholds: { validFrom: string; source: string } | null;
  byKey: Map<string, number>;
  /** per unit id: the households with a part of their refusion allocated to it */
  householdsByUnit: Map<string, number>;
}> {
  const thresholds = thresholdsForYear(await listReimbursementThresholds(db), q.year);
  if (!thresholds) return { thresholds: null, byKey: new Map(), householdsByUnit: new Map() };
  const { stored, rates } = await loadYear(db, internalScope(null), q.year);
  const groups = reimbursementForYear(records(stored), rates, thresholds, {
    year: q.year,
    asOf: q.asOf as IsoDate,
  });
  const byKey = new Map<string, number>();
  const householdsByUnit = new Map<string, number>();
  for (const g of groups) {
    if (g.reimbursementOre === 0) continue;
    const parts = allocateReimbursement([g]);
    for (const r of parts) {
      const k = `${r.unit}|${r.accountFunction}`;
      byKey.set(k, (byKey.get(k) ?? 0) + r.reimbursementOre);
    }
    for (const unit of new Set(parts.map((r) => r.unit)))
      householdsByUnit.set(unit, (householdsByUnit.get(unit) ?? 0) + 1);
  }
  return {
    thresholds: { validFrom: thresholds.validFrom, source: thresholds.source },
    byKey,
    householdsByUnit,
  };
}

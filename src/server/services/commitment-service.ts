import type { Actor } from '../../domain/access';
import {
  allocateReimbursement,
  asRecordedOn,
  CATEGORY_GROUPS,
  committedByKey,
  compileCases,
  computeYear,
  familiesWithSeveral,
  fullYearPersons,
  movementBetween,
  reimbursementForYear,
  statementBy,
  thresholdsForYear,
  totalsByMonth,
  yearTotals,
  type CaseRecord,
  type CompiledCases,
  type InterventionYear,
  type MonthTotals,
  type Rate,
} from '../../domain/cases';
import { monthOfIsoDate } from '../../domain/forecast/forecast';
import { kronerFromJsonNumber, toKroner, type Ore } from '../../domain/money';
import { formatDanishDate, parseIsoDate, sameDateIn, type IsoDate } from '../../domain/months';
import type { Queryable } from '../../db/database';
import {
  listCaseSummaryIdsByRef,
  loadCases,
  loadCostCases,
  listRates,
  type StoredCase,
} from '../../db/repositories/cases';
import { recordAudit, recordRead } from '../../db/repositories/audit';
import { listCorrections } from '../../db/repositories/case-corrections';
import {
  listReimbursementThresholds,
  saveReimbursementThresholds,
} from '../../db/repositories/commitments';
import { listUnits } from '../../db/repositories/organisation';
import { correctionJson } from '../presenters/case-correction';
import type {
  CommitmentsJson,
  FamiliesJson,
  MonthTotalsJson,
  MovementJson,
  ReimbursementJson,
  StatementDimensionName,
  StatementJson,
} from '../../shared/schemas/cases';
import { translate } from '../../shared/i18n/translate';
import { todayIn, type AppDeps } from '../context';
import { AppError, type FieldIssue } from '../errors';
import { authorize, can, canReadCasesIn, readableUnitIds } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';

function yearSpan(year: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year}-01-01` as IsoDate, to: `${year}-12-31` as IsoDate };
}

function rateMapOf(rates: Rate[]): Map<string, Rate> {
  return new Map(rates.map((r) => [r.code, r]));
}

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

export function monthTotalsJson(t: MonthTotals): MonthTotalsJson {
  return { total: toKroner(t.total), byMonth: t.byMonth.map(toKroner) };
}

interface Scope {
  unitIds: string[] | null;
  unitName: string | null;
  caseRef: string | null;
  /** the case asked for by `caseRef`, for the audit trail */
  caseFound: { id: string; unitId: string } | null;
  unitNames: Map<string, string>;
  /** whether the answer may name cases and households (`canReadCasesIn`) */
  caseLevel: boolean;
}

/**
 * Resolves the `unit` (name) and `case` (ref) filters within what the actor may read; unknown →
 * 404. Figures of one case are case-level data: without `case.read` at all that is refused (403,
 * before the ref is looked up, so the answer tells nothing of which refs exist), and a case in a
 * unit whose cases the actor may not read is not found.
 */
async function resolveScope(
  db: Queryable,
  actor: Actor,
  filter: { unit?: string | undefined; case?: string | undefined },
): Promise<Scope> {
  authorize(actor, 'commitment.read');
  const readable = readableUnitIds(actor, 'commitment.read');
  const units = await listUnits(db, readable);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  let unitIds: string[] | null = readable;
  if (filter.unit) {
    const unit = units.find((u) => u.name === filter.unit);
    if (!unit) throw new AppError('not_found');
    unitIds = [unit.id];
  }
  let caseFound: Scope['caseFound'] = null;
  if (filter.case) {
    if (!can(actor, 'case.read')) throw new AppError('case_level_forbidden');
    const [found] = await listCaseSummaryIdsByRef(db, [filter.case]);
    if (
      !found ||
      (unitIds !== null && !unitIds.includes(found.unit_id)) ||
      !can(actor, 'case.read', { unitId: found.unit_id })
    )
      throw new AppError('not_found');
    caseFound = { id: found.id, unitId: found.unit_id };
  }
  return {
    unitIds,
    unitName: filter.unit ?? null,
    caseRef: filter.case ?? null,
    caseFound,
    unitNames,
    caseLevel: canReadCasesIn(actor, unitIds),
  };
}

/** A scope for the server's own figures (forecast, plans): every unit or the ones given. */
function internalScope(unitIds: string[] | null): Scope {
  return {
    unitIds,
    unitName: null,
    caseRef: null,
    caseFound: null,
    unitNames: new Map(),
    caseLevel: false,
  };
}

/**
 * Records one read of case-level data for an answer that names cases or households: one row
 * per request, whatever the number of cases in it (`recordRead`), with the unit when the
 * answer is about one, and what was asked (`what`: checked query values, no free text).
 */
async function recordCaseLevelRead(
  db: Queryable,
  actor: Actor,
  scope: Scope,
  objectType: string,
  what: Record<string, string | number | null>,
  requestId: string | undefined,
): Promise<void> {
  const unitId = scope.unitIds?.length === 1 ? (scope.unitIds[0] ?? null) : null;
  await recordRead(db, actor, { objectType, objectId: null, unitId }, requestId, what);
}

/** Loads the cases in scope that pay in `year` (or in any year from `fromYear` to `year`). */
async function loadYear(
  db: Queryable,
  scope: Scope,
  year: number,
  fromYear = year,
): Promise<{ stored: StoredCase[]; rates: Map<string, Rate> }> {
  if (scope.unitIds && scope.unitIds.length === 0) return { stored: [], rates: new Map() };
  const [stored, rates] = await Promise.all([
    loadCases(db, {
      unitIds: scope.unitIds,
      paysBetween: { from: yearSpan(fromYear).from, to: yearSpan(year).to },
      ...(scope.caseRef ? { refs: [scope.caseRef] } : {}),
    }),
    listRates(db),
  ]);
  return { stored, rates: rateMapOf(rates) };
}

const records = (stored: StoredCase[]): CaseRecord[] => stored.map((s) => s.record);

/** Keeps only the interventions whose category is in `group` (all when no group is given). */
function inGroup(stored: StoredCase[], group: string | undefined): StoredCase[] {
  if (!group) return stored;
  const groups = CATEGORY_GROUPS as Record<string, string>;
  return stored.map((s) => ({
    ...s,
    record: {
      ...s.record,
      interventions: s.record.interventions.filter(
        (i) => (groups[i.category] ?? 'andet') === group,
      ),
    },
  }));
}

/**
 * The corrections made after `asOf` in the scope (and `group`), and the expected cost as the
 * statement gave it on `asOf` itself (as recorded then: `asRecordedOn`); null when nothing was
 * corrected since. So a statement that a correction moved says so, with the figure reported.
 */
async function correctedSinceAsOf(
  db: Queryable,
  scope: Scope,
  stored: StoredCase[],
  rates: Map<string, Rate>,
  params: { year: number; asOf: IsoDate; group: string | undefined },
): Promise<StatementJson['correctedSince']> {
  if (scope.unitIds && scope.unitIds.length === 0) return null;
  const refs = new Set(stored.map((s) => s.record.ref));
  const later = (await listCorrections(db, { unitIds: scope.unitIds, after: params.asOf })).filter(
    (c) => refs.has(c.caseRef),
  );
  if (later.length === 0) return null;
  const recorded = asRecordedOn(records(stored), later, params.asOf);
  const asRecorded = inGroup(
    stored.map((s, k) => ({ ...s, record: recorded[k] ?? s.record })),
    params.group,
  );
  const total = yearTotals(compileCases(records(asRecorded)), rates, params).expected.total;
  const inScope = new Set(
    asRecorded.flatMap((s) => s.record.interventions.map((i) => `${s.record.ref}/${i.ref}`)),
  );
  const counted = later.filter((c) => inScope.has(`${c.caseRef}/${c.interventionRef}`));
  if (counted.length === 0) return null;
  return { count: counted.length, expectedAsRecorded: toKroner(total) };
}

/**
 * GET /api/commitments: expected and granted cost of a year as of a date, and the same date last
 * year. The rate issues name cases: only for a reader of the cases (else none), and logged as a
 * read, as is every answer about one case.
 */
export async function commitments(
  deps: AppDeps,
  actor: Actor,
  params: {
    year: number;
    asOf?: string | undefined;
    unit?: string | undefined;
    case?: string | undefined;
  },
  requestId?: string,
): Promise<CommitmentsJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const asOf = (params.asOf ?? todayIn(deps)) as IsoDate;
  // one load for both years: the statement and the same date last year
  const { stored, rates } = await loadYear(db, scope, params.year, params.year - 1);
  const cases = compileCases(records(stored));
  const now = computeYear(cases, rates, { year: params.year, asOf });
  const t = totalsByMonth(now.interventions);
  const lastAsOf = sameDateIn(Number(asOf.slice(0, 4)) - 1, asOf);
  const lt = yearTotals(cases, rates, { year: params.year - 1, asOf: lastAsOf });
  const issues = scope.caseLevel ? now.issues : [];
  if (scope.caseFound !== null) {
    await recordRead(
      db,
      actor,
      { objectType: 'case', objectId: scope.caseFound.id, unitId: scope.caseFound.unitId },
      requestId,
      { view: 'commitments', year: params.year, asOf },
    );
  } else if (issues.length > 0) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitments',
      { year: params.year, asOf },
      requestId,
    );
  }
  return {
    year: params.year,
    asOf,
    unit: scope.unitName,
    case: scope.caseRef,
    caseLevel: scope.caseLevel,
    expected: monthTotalsJson(t.expected),
    granted: monthTotalsJson(t.granted),
    lastYear: {
      year: params.year - 1,
      asOf: lastAsOf,
      expected: monthTotalsJson(lt.expected),
      granted: monthTotalsJson(lt.granted),
    },
    issues: issues.map((i) => ({
      case: i.caseRef,
      intervention: i.interventionRef,
      code: i.code,
      date: i.date,
      rate: i.rate,
    })),
  };
}

function caseLinks(stored: StoredCase[]): (refs: string[]) => { id: string; ref: string }[] {
  const ids = new Map(stored.map((s) => [s.record.ref, s.id]));
  return (refs) => refs.map((ref) => ({ id: ids.get(ref) ?? '', ref }));
}

/**
 * A commitment statement split by one dimension, with the cases behind each figure for a reader
 * of the cases (the read logged), the figures alone for others.
 */
export async function statement(
  deps: AppDeps,
  actor: Actor,
  params: {
    year: number;
    asOf?: string | undefined;
    unit?: string | undefined;
    by: StatementDimensionName;
    /** only this category group (anbringelse, forebyggende, eftervaern, handicapkompensation, andet) */
    group?: string | undefined;
  },
  requestId?: string,
): Promise<StatementJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const asOf = (params.asOf ?? todayIn(deps)) as IsoDate;
  const loaded = await loadYear(db, scope, params.year, params.year - 1);
  const { rates } = loaded;
  const stored = inGroup(loaded.stored, params.group);
  // compiled once for the year, the same date last year and the full-year persons
  const cases = compileCases(records(stored));
  const items: InterventionYear[] = computeYear(cases, rates, {
    year: params.year,
    asOf,
  }).interventions;
  const t = totalsByMonth(items);
  const lastTotal = yearTotals(cases, rates, {
    year: params.year - 1,
    asOf: sameDateIn(Number(asOf.slice(0, 4)) - 1, asOf),
  }).expected.total;
  const link = caseLinks(stored);
  const fyp = fullYearPersons(cases, { year: params.year, asOf });
  const correctedSince = await correctedSinceAsOf(db, scope, loaded.stored, rates, {
    year: params.year,
    asOf,
    group: params.group,
  });
  const rows = statementBy(items, params.by);
  if (scope.caseLevel && rows.some((r) => r.caseRefs.length > 0)) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitment.statement',
      { year: params.year, asOf, by: params.by, group: params.group ?? null },
      requestId,
    );
  }
  return {
    year: params.year,
    asOf,
    unit: scope.unitName,
    group: params.group ?? null,
    by: params.by,
    caseLevel: scope.caseLevel,
    expected: monthTotalsJson(t.expected),
    granted: monthTotalsJson(t.granted),
    lastYearExpected: toKroner(lastTotal),
    fullYearPersons: { total: fyp.total, byBand: fyp.byBand },
    correctedSince,
    rows: rows.map((r) => ({
      key: r.key,
      label: params.by === 'unit' ? (scope.unitNames.get(r.key) ?? r.key) : r.key,
      expected: toKroner(r.expectedOre),
      granted: toKroner(r.grantedOre),
      cases: scope.caseLevel ? link(r.caseRefs) : [],
    })),
  };
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
 * Movement in the year's committed cost between two statement dates: new, ended, changed, and
 * corrections made in the period (each date read as it was recorded on its day). The measures
 * and corrections behind the groups name cases: for a reader of the cases (the read logged).
 */
export async function movement(
  deps: AppDeps,
  actor: Actor,
  params: { year: number; from: string; to: string; unit?: string | undefined },
  requestId?: string,
): Promise<MovementJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const from = params.from as IsoDate;
  const to = params.to as IsoDate;
  const { stored, rates } = await loadYear(db, scope, params.year);
  const later =
    scope.unitIds && scope.unitIds.length === 0
      ? []
      : (await listCorrections(db, { unitIds: scope.unitIds, after: from })).filter(
          (c) => scope.caseRef === null || c.caseRef === scope.caseRef,
        );
  // a case corrected out of the year still moved the figure as of `from`
  const loaded = new Set(stored.map((s) => s.id));
  const missing = [...new Set(later.map((c) => c.caseId))].filter((id) => !loaded.has(id));
  const all = missing.length ? [...stored, ...(await loadCases(db, { ids: missing }))] : stored;
  const m = movementBetween(records(all), rates, { year: params.year, from, to }, later);
  const ids = new Map(all.map((s) => [s.record.ref, s.id]));
  const k = (o: Ore) => toKroner(o);
  const group = (g: { count: number; amountOre: Ore }) => ({
    count: g.count,
    amount: k(g.amountOre),
  });
  const items = scope.caseLevel ? m.items : [];
  const corrections = scope.caseLevel ? m.corrections : [];
  if (items.length > 0 || corrections.length > 0) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitment.movement',
      { year: params.year, from, to },
      requestId,
    );
  }
  return {
    year: m.year,
    from: m.from,
    to: m.to,
    unit: scope.unitName,
    caseLevel: scope.caseLevel,
    committedFrom: k(m.committedFromOre),
    committedTo: k(m.committedToOre),
    difference: toKroner((m.committedToOre - m.committedFromOre) as Ore),
    groups: {
      new: group(m.groups.new),
      ended: group(m.groups.ended),
      changed: group(m.groups.changed),
      correction: group(m.groups.correction),
    },
    items: items.map((i) => ({
      kind: i.kind,
      caseId: ids.get(i.caseRef) ?? '',
      case: i.caseRef,
      intervention: i.rootRef,
      from: k(i.fromOre),
      to: k(i.toOre),
      amount: k(i.amountOre),
    })),
    corrections: corrections.map((c) => ({
      ...correctionJson(c),
      caseId: c.caseId,
      case: c.caseRef,
      measure: c.rootRef,
    })),
  };
}

/**
 * Families with more than one intervention in force on a date, per age band; the households and
 * their cases for a reader of the cases (the read logged), the counts alone for others.
 */
export async function families(
  deps: AppDeps,
  actor: Actor,
  params: { date: string; unit?: string | undefined },
  requestId?: string,
): Promise<FamiliesJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const year = Number(params.date.slice(0, 4));
  const { stored } = await loadYear(db, scope, year);
  const link = caseLinks(stored);
  const bands = familiesWithSeveral(records(stored), params.date as IsoDate);
  if (scope.caseLevel && bands.some((b) => b.households.length > 0)) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitment.families',
      { date: params.date },
      requestId,
    );
  }
  return {
    date: params.date,
    unit: scope.unitName,
    caseLevel: scope.caseLevel,
    bands: bands.map((b) => ({
      band: b.band,
      families: b.families,
      interventions: b.interventions,
      perFamily: b.perFamily,
      households: scope.caseLevel
        ? b.households.map((h) => ({
            household: h.household,
            interventions: h.interventions,
            cases: link(h.caseRefs),
          }))
        : [],
    })),
  };
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
 * Reimbursement of very expensive cases for a year: the expected reimbursement, and the
 * households above the first threshold for a reader of the cases (the read logged).
 */
export async function reimbursement(
  deps: AppDeps,
  actor: Actor,
  params: { year: number; asOf?: string | undefined; unit?: string | undefined },
  requestId?: string,
): Promise<ReimbursementJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const asOf = (params.asOf ?? todayIn(deps)) as IsoDate;
  const thresholds = thresholdsForYear(await listReimbursementThresholds(db), params.year);
  const base = { year: params.year, asOf, unit: scope.unitName, caseLevel: scope.caseLevel };
  if (!thresholds) return { ...base, thresholds: null, expectedReimbursement: 0, households: [] };
  const { stored, rates } = await loadYear(db, scope, params.year);
  const groups = reimbursementForYear(records(stored), rates, thresholds, {
    year: params.year,
    asOf,
  });
  const link = caseLinks(stored);
  const above = scope.caseLevel ? groups.filter((g) => g.isAboveFirstThreshold) : [];
  if (above.length > 0) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitment.reimbursement',
      { year: params.year, asOf },
      requestId,
    );
  }
  return {
    ...base,
    thresholds: {
      validFrom: thresholds.validFrom,
      t25: toKroner(thresholds.t25Ore),
      t50: toKroner(thresholds.t50Ore),
      t75: toKroner(thresholds.t75Ore),
      source: thresholds.source,
    },
    expectedReimbursement: toKroner(groups.reduce((s, g) => s + g.reimbursementOre, 0) as Ore),
    households: above.map((g) => ({
      household: g.household,
      cases: link(g.caseRefs),
      gross: toKroner(g.grossOre),
      net: toKroner(g.netOre),
      netByMonth: g.netByMonth.map(toKroner),
      reimbursementByMonth: g.reimbursementByMonth.map(toKroner),
      reimbursement: toKroner(g.reimbursementOre),
    })),
  };
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

export interface ThresholdsJson {
  validFrom: string;
  t25: number;
  t50: number;
  t75: number;
  source: string;
  /** Send it back when saving a change; a stale version is refused (409). */
  version: number;
}

/** The dated reimbursement thresholds (anyone who may read commitments may see them). */
export async function listThresholds(deps: AppDeps, actor: Actor): Promise<ThresholdsJson[]> {
  authorize(actor, 'commitment.read');
  return (await listReimbursementThresholds(deps.db)).map((t) => ({
    validFrom: t.validFrom,
    t25: toKroner(t.t25Ore),
    t50: toKroner(t.t50Ore),
    t75: toKroner(t.t75Ore),
    source: t.source,
    version: t.version,
  }));
}

/**
 * An administrator enters the regulated thresholds valid from a date, with their source; the
 * three must be in rising order. Audited with the thresholds before and after. New dates are
 * saved without `version`; a change names the version it was based on, and a stale or missing
 * version is refused with who changed the thresholds last (nothing is stored).
 */
export async function saveThresholds(
  deps: AppDeps,
  actor: Actor,
  input: {
    validFrom: string;
    t25: number;
    t50: number;
    t75: number;
    source: string;
    version?: number | undefined;
  },
  requestId: string,
): Promise<ThresholdsJson> {
  authorize(actor, 'settings.write');
  const issues: FieldIssue[] = [];
  const amount = (field: 't25' | 't50' | 't75'): Ore => {
    const r = kronerFromJsonNumber(input[field]);
    if (!r.ok || r.value < 0) {
      issues.push({
        path: field,
        code: 'invalid_amount',
        message: 'Skal være et beløb på mindst 0 kr. med højst to decimaler.',
      });
      return 0 as Ore;
    }
    return r.value;
  };
  const t = {
    validFrom: input.validFrom as IsoDate,
    t25Ore: amount('t25'),
    t50Ore: amount('t50'),
    t75Ore: amount('t75'),
    source: input.source.trim(),
  };
  if (!parseIsoDate(input.validFrom)) {
    issues.push({
      path: 'validFrom',
      code: 'invalid_date',
      message: 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).',
    });
  }
  if (!t.source)
    issues.push({ path: 'source', code: 'required', message: 'Angiv kilden til tærsklerne.' });
  if (issues.length === 0 && !(t.t25Ore <= t.t50Ore && t.t50Ore <= t.t75Ore)) {
    issues.push({
      path: 't50',
      code: 'order',
      message: 'Tærsklerne skal stige: 25 % ≤ 50 % ≤ 75 %.',
    });
  }
  if (issues.length) throw validationError(issues);
  const version = await deps.db.transaction(async (tx) => {
    const before = (await listReimbursementThresholds(tx)).find((x) => x.validFrom === t.validFrom);
    const saved = await saveReimbursementThresholds(tx, t, input.version ?? null);
    if (saved === null) {
      throw await versionConflict(
        tx,
        'reimbursement_thresholds',
        t.validFrom,
        translate('cases.rates.thresholdsObject', { date: formatDanishDate(t.validFrom) }),
      );
    }
    await recordAudit(
      tx,
      actor,
      {
        action: before ? 'update' : 'create',
        objectType: 'reimbursement_thresholds',
        objectId: t.validFrom,
        before,
        after: t,
      },
      requestId,
    );
    return saved;
  });
  return {
    validFrom: t.validFrom,
    t25: toKroner(t.t25Ore),
    t50: toKroner(t.t50Ore),
    t75: toKroner(t.t75Ore),
    source: t.source,
    version,
  };
}

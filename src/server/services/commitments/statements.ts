/**
 * The commitment statements a user asks for (GET /api/commitments…): the year's expected and
 * granted cost, split by a dimension, its movement, families with several interventions and the
 * reimbursement of very expensive cases; case-level parts only for a reader of the cases.
 */
import type { Actor } from '../../../domain/access';
import {
  asRecordedOn,
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
  type InterventionYear,
  type MonthTotals,
  type Rate,
} from '../../../domain/cases';
import { ore, toKroner, type Ore } from '../../../domain/money';
import { sameDateIn, type IsoDate } from '../../../domain/months';
import type { Queryable } from '../../../db/database';
import { loadCases, type StoredCase } from '../../../db/repositories/cases';
import { recordRead } from '../../../db/repositories/audit';
import { listCorrections } from '../../../db/repositories/case-corrections';
import { listReimbursementThresholds } from '../../../db/repositories/commitments';
import { listAccountFunctions } from '../../../db/repositories/budgets';
import { correctionJson } from '../../presenters/case-correction';
import type {
  CommitmentsJson,
  FamiliesJson,
  MonthTotalsJson,
  MovementJson,
  ReimbursementJson,
  StatementDimensionName,
  StatementJson,
} from '../../../shared/schemas/cases';
import { todayIn, type AppDeps } from '../../context';
import {
  caseLinks,
  inGroup,
  loadYear,
  ofProviders,
  providerMatches,
  recordCaseLevelRead,
  records,
  resolveScope,
  type ProviderFilter,
  type Scope,
} from './scope';

export function monthTotalsJson(t: MonthTotals): MonthTotalsJson {
  return { total: toKroner(t.total), byMonth: t.byMonth.map(toKroner) };
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
  params: { year: number; asOf: IsoDate; group: string | undefined; providers: ProviderFilter },
): Promise<StatementJson['correctedSince']> {
  if (scope.unitIds && scope.unitIds.length === 0) return null;
  const refs = new Set(stored.map((s) => s.record.ref));
  const later = (await listCorrections(db, { unitIds: scope.unitIds, after: params.asOf })).filter(
    (c) => refs.has(c.caseRef),
  );
  if (later.length === 0) return null;
  const recorded = asRecordedOn(records(stored), later, params.asOf);
  const asRecorded = ofProviders(
    inGroup(
      stored.map((s, k) => ({ ...s, record: recorded[k] ?? s.record })),
      params.group,
    ),
    params.providers,
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
 * What is computed from the database for an answer, on a worker thread or on this one: the
 * answer, and whether it names cases or households (then the request logs the read).
 */
export interface Figures<T> {
  answer: T;
  namesCases: boolean;
}

/**
 * Runs one kind of figures for a scope already decided on the request thread: on the process's
 * statement workers when it has them (PostgreSQL, `STATEMENT_WORKERS`), else here.
 */
function figuresOf<K extends FigureName>(
  deps: AppDeps,
  name: K,
  scope: Scope,
  input: FigureInput<K>,
): Promise<FigureAnswer<K>> {
  if (deps.statementWorkers) return deps.statementWorkers.run(name, scope, input);
  const compute = FIGURES[name] as (
    db: Queryable,
    scope: Scope,
    input: FigureInput<K>,
  ) => Promise<FigureAnswer<K>>;
  return compute(deps.db, scope, input);
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
    asOf?: IsoDate | undefined;
    unit?: string | undefined;
    case?: string | undefined;
  },
  requestId?: string,
): Promise<CommitmentsJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const asOf = params.asOf ?? todayIn(deps);
  const { answer, namesCases } = await figuresOf(deps, 'commitments', scope, {
    year: params.year,
    asOf,
  });
  if (scope.caseFound !== null) {
    await recordRead(
      db,
      actor,
      { objectType: 'case', objectId: scope.caseFound.id, unitId: scope.caseFound.unitId },
      requestId,
      { view: 'commitments', year: params.year, asOf },
    );
  } else if (namesCases) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitments',
      { year: params.year, asOf },
      requestId,
    );
  }
  return answer;
}

async function commitmentsFigures(
  db: Queryable,
  scope: Scope,
  params: { year: number; asOf: IsoDate },
): Promise<Figures<CommitmentsJson>> {
  const { asOf } = params;
  // one load for both years: the statement and the same date last year
  const { stored, rates } = await loadYear(db, scope, params.year, params.year - 1);
  const cases = compileCases(records(stored));
  const now = computeYear(cases, rates, { year: params.year, asOf });
  const t = totalsByMonth(now.interventions);
  const lastAsOf = sameDateIn(Number(asOf.slice(0, 4)) - 1, asOf);
  const lt = yearTotals(cases, rates, { year: params.year - 1, asOf: lastAsOf });
  const issues = scope.caseLevel ? now.issues : [];
  const answer: CommitmentsJson = {
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
  return { answer, namesCases: issues.length > 0 };
}

/** What a commitment statement is asked for. */
type StatementParams = {
  year: number;
  asOf?: IsoDate | undefined;
  unit?: string | undefined;
  by: StatementDimensionName;
  /** only this category group (anbringelse, forebyggende, eftervaern, handicapkompensation, andet) */
  group?: string | undefined;
} & ProviderFilter;

/**
 * A commitment statement split by one dimension, with the cases behind each figure for a reader
 * of the cases (the read logged), the figures alone for others.
 */
export async function statement(
  deps: AppDeps,
  actor: Actor,
  params: StatementParams,
  requestId?: string,
): Promise<StatementJson> {
  const { db } = deps;
  const scope = await resolveScope(db, actor, params);
  const asOf = params.asOf ?? todayIn(deps);
  const providers: ProviderFilter = { kind: params.kind, provider: params.provider };
  const { answer, namesCases } = await figuresOf(deps, 'statement', scope, {
    year: params.year,
    asOf,
    by: params.by,
    group: params.group,
    ...providers,
  });
  if (namesCases) {
    await recordCaseLevelRead(
      db,
      actor,
      scope,
      'commitment.statement',
      {
        year: params.year,
        asOf,
        by: params.by,
        group: params.group ?? null,
        ...(providers.kind ? { kind: providers.kind } : {}),
        ...(providers.provider ? { provider: providers.provider } : {}),
      },
      requestId,
    );
  }
  return answer;
}

async function statementFigures(
  db: Queryable,
  scope: Scope,
  params: Omit<StatementParams, 'asOf' | 'unit'> & { asOf: IsoDate },
): Promise<Figures<StatementJson>> {
  const { asOf } = params;
  const loaded = await loadYear(db, scope, params.year, params.year - 1);
  const { rates } = loaded;
  const stored = inGroup(loaded.stored, params.group);
  const providers: ProviderFilter = { kind: params.kind, provider: params.provider };
  const limited = Boolean(providers.kind || providers.provider);
  // compiled once for the year, the same date last year and the full-year persons
  const cases = compileCases(records(stored));
  // a limit to providers keeps the interventions of those providers as the whole statement
  // counts them (an adjustment by another provider still replaces the original from its start),
  // so the figures equal the rows of the statement split provider by provider
  const ofProvider = (list: InterventionYear[]) =>
    limited ? list.filter((i) => providerMatches(i.intervention.provider, providers)) : list;
  const items = ofProvider(computeYear(cases, rates, { year: params.year, asOf }).interventions);
  const t = totalsByMonth(items);
  const lastAsOf = sameDateIn(Number(asOf.slice(0, 4)) - 1, asOf);
  const lastTotal = limited
    ? totalsByMonth(
        ofProvider(
          computeYear(cases, rates, { year: params.year - 1, asOf: lastAsOf }).interventions,
        ),
      ).expected.total
    : yearTotals(cases, rates, { year: params.year - 1, asOf: lastAsOf }).expected.total;
  const link = caseLinks(stored);
  const fyp = fullYearPersons(
    limited ? compileCases(records(ofProviders(stored, providers))) : cases,
    {
      year: params.year,
      asOf,
    },
  );
  const correctedSince = await correctedSinceAsOf(db, scope, loaded.stored, rates, {
    year: params.year,
    asOf,
    group: params.group,
    providers,
  });
  const rows = statementBy(items, params.by);
  const functionNames =
    params.by === 'accountFunction'
      ? new Map((await listAccountFunctions(db)).map((f) => [f.code, f.name]))
      : null;
  const label = (key: string): string => {
    if (params.by === 'unit') return scope.unitNames.get(key) ?? key;
    const name = functionNames?.get(key);
    return name ? `${key} ${name}` : key;
  };
  const answer: StatementJson = {
    year: params.year,
    asOf,
    unit: scope.unitName,
    group: params.group ?? null,
    kind: providers.kind ?? null,
    provider: providers.provider ?? null,
    by: params.by,
    caseLevel: scope.caseLevel,
    expected: monthTotalsJson(t.expected),
    granted: monthTotalsJson(t.granted),
    lastYearExpected: toKroner(lastTotal),
    fullYearPersons: { total: fyp.total, byBand: fyp.byBand },
    correctedSince,
    rows: rows.map((r) => ({
      key: r.key,
      label: label(r.key),
      expected: toKroner(r.expectedOre),
      granted: toKroner(r.grantedOre),
      cases: scope.caseLevel
        ? link(r.caseRefs).map((c, i) => ({
            ...c,
            expected: toKroner(r.byCase[i]?.expectedOre ?? ore(0)),
            granted: toKroner(r.byCase[i]?.grantedOre ?? ore(0)),
          }))
        : [],
    })),
  };
  return { answer, namesCases: scope.caseLevel && rows.some((r) => r.caseRefs.length > 0) };
}

/**
 * Movement in the year's committed cost between two statement dates: new, ended, changed, and
 * corrections made in the period (each date read as it was recorded on its day). The measures
 * and corrections behind the groups name cases: for a reader of the cases (the read logged).
 */
export async function movement(
  deps: AppDeps,
  actor: Actor,
  params: { year: number; from: IsoDate; to: IsoDate; unit?: string | undefined },
  requestId?: string,
): Promise<MovementJson> {
  const scope = await resolveScope(deps.db, actor, params);
  const from = params.from;
  const to = params.to;
  const { answer, namesCases } = await figuresOf(deps, 'movement', scope, {
    year: params.year,
    from,
    to,
  });
  if (namesCases) {
    await recordCaseLevelRead(
      deps.db,
      actor,
      scope,
      'commitment.movement',
      { year: params.year, from, to },
      requestId,
    );
  }
  return answer;
}

async function movementFigures(
  db: Queryable,
  scope: Scope,
  params: { year: number; from: IsoDate; to: IsoDate },
): Promise<Figures<MovementJson>> {
  const { from, to } = params;
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
  const answer: MovementJson = {
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
  return { answer, namesCases: items.length > 0 || corrections.length > 0 };
}

/**
 * Families with more than one intervention in force on a date, per age band; the households and
 * their cases for a reader of the cases (the read logged), the counts alone for others.
 */
export async function families(
  deps: AppDeps,
  actor: Actor,
  params: { date: IsoDate; unit?: string | undefined },
  requestId?: string,
): Promise<FamiliesJson> {
  const scope = await resolveScope(deps.db, actor, params);
  const { answer, namesCases } = await figuresOf(deps, 'families', scope, {
    date: params.date,
  });
  if (namesCases) {
    await recordCaseLevelRead(
      deps.db,
      actor,
      scope,
      'commitment.families',
      { date: params.date },
      requestId,
    );
  }
  return answer;
}

async function familiesFigures(
  db: Queryable,
  scope: Scope,
  params: { date: IsoDate },
): Promise<Figures<FamiliesJson>> {
  const year = Number(params.date.slice(0, 4));
  const { stored } = await loadYear(db, scope, year);
  const link = caseLinks(stored);
  const bands = familiesWithSeveral(records(stored), params.date);
  const answer: FamiliesJson = {
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
  return { answer, namesCases: scope.caseLevel && bands.some((b) => b.households.length > 0) };
}

/**
 * Reimbursement of very expensive cases for a year: the expected reimbursement, and the
 * households above the first threshold for a reader of the cases (the read logged).
 */
export async function reimbursement(
  deps: AppDeps,
  actor: Actor,
  params: { year: number; asOf?: IsoDate | undefined; unit?: string | undefined },
  requestId?: string,
): Promise<ReimbursementJson> {
  const scope = await resolveScope(deps.db, actor, params);
  const asOf = params.asOf ?? todayIn(deps);
  const { answer, namesCases } = await figuresOf(deps, 'reimbursement', scope, {
    year: params.year,
    asOf,
  });
  if (namesCases) {
    await recordCaseLevelRead(
      deps.db,
      actor,
      scope,
      'commitment.reimbursement',
      { year: params.year, asOf },
      requestId,
    );
  }
  return answer;
}

async function reimbursementFigures(
  db: Queryable,
  scope: Scope,
  params: { year: number; asOf: IsoDate },
): Promise<Figures<ReimbursementJson>> {
  const { asOf } = params;
  const thresholds = thresholdsForYear(await listReimbursementThresholds(db), params.year);
  const base = { year: params.year, asOf, unit: scope.unitName, caseLevel: scope.caseLevel };
  if (!thresholds) {
    const none = { ...base, thresholds: null, expectedReimbursement: 0, households: [] };
    return { answer: none, namesCases: false };
  }
  const { stored, rates } = await loadYear(db, scope, params.year);
  const groups = reimbursementForYear(records(stored), rates, thresholds, {
    year: params.year,
    asOf,
  });
  const link = caseLinks(stored);
  const above = scope.caseLevel ? groups.filter((g) => g.isAboveFirstThreshold) : [];
  const answer: ReimbursementJson = {
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
  return { answer, namesCases: above.length > 0 };
}

/**
 * The figures behind the commitment answers, by name: each reads the database within a scope
 * decided on the request thread and answers with presented figures (small, plain data), so
 * that a worker thread can compute it and hand back only the answer.
 */
export const FIGURES = {
  commitments: commitmentsFigures,
  statement: statementFigures,
  movement: movementFigures,
  families: familiesFigures,
  reimbursement: reimbursementFigures,
};
export type FigureName = keyof typeof FIGURES;
export type FigureInput<K extends FigureName> = Parameters<(typeof FIGURES)[K]>[2];
export type FigureAnswer<K extends FigureName> = Awaited<ReturnType<(typeof FIGURES)[K]>>;

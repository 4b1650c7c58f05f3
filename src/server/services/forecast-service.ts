import { translate } from '../../shared/i18n/translate';
import { todayIn, type AppDeps } from '../context';
import type { Actor } from '../../domain/access';
import type { Database, Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import {
  correctedBudgetsByUnitFunction,
  listAccountFunctions,
} from '../../db/repositories/budgets';
import {
  commitmentsVersion,
  insertAdjustment,
  listAdjustments,
  yearsWithPostings,
} from '../../db/repositories/forecast';
import { actualsByUnitFunctionMonth, listSourcePeriods } from '../../db/repositories/ledger';
import {
  actualsThrough,
  bookedThroughOfLedger,
  defaultAsOf,
  openingYear,
} from '../../domain/budget/booked-period';
import { listUnits } from '../../db/repositories/organisation';
import { cumulative, spreadByProfile } from '../../domain/budget/budget';
import {
  computeForecast,
  estimateIntake,
  forecastMonthlyPath,
  intakeOfYear,
  monthOfIsoDate,
  requiresActionPlan,
  restOfYear,
  sumForecasts,
  yearToDate,
  DEFAULT_INTAKE_PARAMS,
  type ForecastResult,
  type IntakeParams,
} from '../../domain/forecast/forecast';
import { kronerFromJsonNumber, ore, toKroner } from '../../domain/money';
import { sameDateIn, type IsoDate } from '../../domain/months';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';
import { committedManyIfAvailable, refusionCached } from './commitments/committed-cost';
import { getSettings } from '../../db/repositories/organisation';
import { keptFigures } from './kept-figures';
import { ledgerBookedThrough } from './booked-period-service';
import { actorFromUser } from './auth-service';
import { listUsers } from '../../db/repositories/users';

type Series = number[];
const zeros = (): Series => Array.from({ length: 12 }, () => 0);
const key = (unitId: string, fn: string) => `${unitId}|${fn}`;

/**
 * Reads what the forecast needs, each (year, as-of) once: actual spending per month, and
 * committed cost per month from the cases' payment plans.
 */
export class ForecastData {
  private actualsCache = new Map<
    string,
    Promise<{ spending: Map<string, Series>; refusion: Map<string, number> }>
  >();
  private committedCache = new Map<string, Promise<Map<string, Series>>>();
  commitmentsAvailable = true;
  private version: Promise<string> | undefined;
  private booked: Promise<string | null> | undefined;
  constructor(
    private readonly db: Queryable,
    private readonly unitIds: string[] | null,
  ) {}

  /** Through which date the ledger is booked (read once), or null when nothing is known. */
  bookedThrough(): Promise<string | null> {
    this.booked ??= listSourcePeriods(this.db).then(bookedThroughOfLedger);
    return this.booked;
  }

  /** Spending per month (state refusion, dranst 2, left out) of a year through `asOf`. */
  async actuals(year: number, asOf: string): Promise<Map<string, Series>> {
    return (await this.ledger(year, asOf)).spending;
  }

  /** State refusion posted (dranst 2) of a year through `asOf`, as received (positive), øre. */
  async postedRefusion(year: number, asOf: string): Promise<Map<string, number>> {
    return (await this.ledger(year, asOf)).refusion;
  }

  private ledger(
    year: number,
    asOf: string,
  ): Promise<{ spending: Map<string, Series>; refusion: Map<string, number> }> {
    const k = `${year}|${asOf}`;
    let p = this.actualsCache.get(k);
    if (!p) {
      p = actualsByUnitFunctionMonth(this.db, { year, asOf, unitIds: this.unitIds }).then(
        (rows) => {
          const spending = new Map<string, Series>();
          const refusion = new Map<string, number>();
          for (const r of rows) {
            const k2 = key(r.unit_id, r.account_function);
            const s = spending.get(k2) ?? zeros();
            s[r.month - 1] = (s[r.month - 1] ?? 0) + r.amount_ore;
            spending.set(k2, s);
            if (r.refusion_ore !== 0) refusion.set(k2, (refusion.get(k2) ?? 0) - r.refusion_ore);
          }
          return { spending, refusion };
        },
      );
      this.actualsCache.set(k, p);
    }
    return p;
  }

  /**
   * The year's expected refusion as of `asOf` per unit and function (every unit's cases count
   * for the households; see `reimbursementByUnitFunction`), or null when the year has no
   * thresholds.
   */
  async expectedRefusion(year: number, asOf: string): Promise<Map<string, number> | null> {
    this.version ??= commitmentsVersion(this.db);
    const r = await refusionCached(this.db, { year, asOf }, this.version);
    return r.thresholds ? r.byKey : null;
  }

  /** Per unit id, the households with a part of their expected refusion allocated to it. */
  async refusionHouseholds(year: number, asOf: string): Promise<Map<string, number>> {
    this.version ??= commitmentsVersion(this.db);
    return (await refusionCached(this.db, { year, asOf }, this.version)).householdsByUnit;
  }

  committed(year: number, asOf: string): Promise<Map<string, Series>> {
    this.prefetchCommitted([{ year, asOf }]);
    return this.committedCache.get(`${year}|${asOf}`) ?? Promise.resolve(new Map<string, Series>());
  }

  /**
   * Starts computing the committed cost of several (year, as-of) statements that are not read
   * yet, together: the cases are loaded once for all of them.
   */
  prefetchCommitted(statements: readonly { year: number; asOf: string }[]): void {
    const wanted = statements.filter(
      (s, k) =>
        !this.committedCache.has(`${s.year}|${s.asOf}`) &&
        statements.findIndex((x) => x.year === s.year && x.asOf === s.asOf) === k,
    );
    if (wanted.length === 0) return;
    this.version ??= commitmentsVersion(this.db);
    const all = committedManyIfAvailable(
      this.db,
      { statements: wanted, unitIds: this.unitIds },
      this.version,
    );
    wanted.forEach((s, k) => {
      const p = all.then((results) => {
        const r = results[k] ?? { available: false, rows: [] };
        if (!r.available) this.commitmentsAvailable = false;
        const m = new Map<string, Series>();
        for (const row of r.rows) {
          if (row.month < 1 || row.month > 12) continue;
          const s = m.get(key(row.unitId, row.accountFunction)) ?? zeros();
          s[row.month - 1] = (s[row.month - 1] ?? 0) + row.expectedOre;
          m.set(key(row.unitId, row.accountFunction), s);
        }
        return m;
      });
      this.committedCache.set(`${s.year}|${s.asOf}`, p);
    });
  }
}

export interface ForecastLine extends ForecastResult {
  unitId: string;
  /** State refusion posted (dranst 2) through `actualsThrough`, as received; within `refusionOre`. */
  postedRefusionOre: number;
  /**
   * Where `refusionOre` comes from: `cases`, the year's expected refusion by the reimbursement
   * rules; `posted`, the refusion posted, when the year has no thresholds.
   */
  refusionFrom: 'cases' | 'posted';
  /** Actual spending is taken through this date (see `actualsThrough`); later months are forecast. */
  actualsThrough: string;
  accountFunction: string;
  /** earlier years as of the same date: intake after it, spending and committed cost to it */
  intakeHistory: {
    year: number;
    intakeOre: number;
    actualsToDateOre: number;
    committedToDateOre: number;
  }[];
  actualByMonth: Series;
  committedByMonth: Series;
  budgetProfile: number[] | null;
}

/**
 * The forecast of every (unit, function) of a year as of a date: actual spending through the
 * end of the last month that is booked and complete as of the date (`actualsThrough`),
 * committed cost (as known on the as-of date) for the months after it, intake after it
 * estimated from earlier years with `params`, manual adjustments, less the year's expected
 * refusion for very expensive cases (as of the as-of date, per household across every unit,
 * allocated by share; the refusion posted when the year has no thresholds); and the corrected
 * budget it is compared with. Actual spending leaves out the refusion posted (dranst 2), which
 * the expected refusion includes, so nothing counts twice; so do the earlier years' intake.
 * `bookedThrough` defaults to the ledger's booked period; `withRefusion: false` (the backtest,
 * which measures spending) leaves the refusion at 0.
 */
export async function computeForecastLines(
  data: ForecastData,
  db: Queryable,
  q: {
    year: number;
    asOf: string;
    unitIds: string[] | null;
    intake: IntakeParams;
    historyYears?: number[];
    bookedThrough?: string | null;
    withRefusion?: boolean;
  },
): Promise<ForecastLine[]> {
  const through = actualsThrough(
    q.asOf,
    q.bookedThrough === undefined ? await data.bookedThrough() : q.bookedThrough,
  );
  // the months 1…actualMonths have actual spending; 0 when none of the year is booked
  const actualMonths = through.startsWith(String(q.year)) ? monthOfIsoDate(through) : 0;
  const history = (q.historyYears ?? (await yearsWithPostings(db, q.year))).slice(
    0,
    q.intake.method === 'none' ? 0 : q.intake.years,
  );
  // the year's and the earlier years' committed cost in one pass over the cases
  data.prefetchCommitted([
    { year: q.year, asOf: q.asOf },
    ...history.map((y) => ({ year: y, asOf: sameDateIn(y, q.asOf as IsoDate) })),
  ]);
  const [budgets, actuals, committed, adjustments, pastActuals, pastCommitted, posted, expected] =
    await Promise.all([
      correctedBudgetsByUnitFunction(db, q.year, q.unitIds),
      data.actuals(q.year, through),
      data.committed(q.year, q.asOf),
      listAdjustments(db, q.year, q.unitIds),
      Promise.all(history.map((y) => data.actuals(y, `${y}-12-31`))),
      Promise.all(history.map((y) => data.committed(y, sameDateIn(y, q.asOf as IsoDate)))),
      data.postedRefusion(q.year, through),
      q.withRefusion === false
        ? Promise.resolve(new Map<string, number>())
        : data.expectedRefusion(q.year, q.asOf),
    ]);
  const keys = new Set<string>();
  for (const b of budgets) keys.add(key(b.unit_id, b.account_function));
  for (const k of actuals.keys()) keys.add(k);
  for (const k of committed.keys()) keys.add(k);
  for (const k of posted.keys()) keys.add(k);
  for (const k of expected?.keys() ?? []) keys.add(k);
  for (const a of adjustments) keys.add(key(a.unit_id, a.account_function));
  const budgetBy = new Map(budgets.map((b) => [key(b.unit_id, b.account_function), b]));
  const lines: ForecastLine[] = [];
  for (const k of keys) {
    const [unitId = '', accountFunction = ''] = k.split('|');
    if (q.unitIds && !q.unitIds.includes(unitId)) continue;
    const actual = actuals.get(k) ?? zeros();
    const comm = committed.get(k) ?? zeros();
    const intakeHistory = history.map((y, i) => ({
      year: y,
      intakeOre: intakeOfYear(
        pastActuals[i]?.get(k) ?? zeros(),
        pastCommitted[i]?.get(k) ?? zeros(),
        actualMonths,
      ),
      actualsToDateOre: yearToDate(pastActuals[i]?.get(k) ?? zeros(), actualMonths),
      committedToDateOre: yearToDate(pastCommitted[i]?.get(k) ?? zeros(), actualMonths),
    }));
    const result = computeForecast({
      budgetOre: budgetBy.get(k)?.corrected_ore ?? 0,
      actualsOre: yearToDate(actual, 12),
      committedOre: restOfYear(comm, actualMonths),
      intakeOre: estimateIntake(intakeHistory, q.intake, yearToDate(actual, actualMonths)),
      adjustmentsOre: adjustments
        .filter((a) => key(a.unit_id, a.account_function) === k)
        .reduce((s, a) => s + a.amount_ore, 0),
      // without thresholds for the year, the refusion posted is all that is known
      refusionOre: expected ? (expected.get(k) ?? 0) : (posted.get(k) ?? 0),
    });
    lines.push({
      ...result,
      unitId,
      postedRefusionOre: posted.get(k) ?? 0,
      refusionFrom: expected ? 'cases' : 'posted',
      actualsThrough: through,
      accountFunction,
      intakeHistory,
      actualByMonth: actual,
      committedByMonth: comm,
      budgetProfile: budgetBy.get(k)?.monthly_profile ?? null,
    });
  }
  lines.sort(
    (a, b) =>
      a.unitId.localeCompare(b.unitId) || a.accountFunction.localeCompare(b.accountFunction),
  );
  return lines;
}

const kr = (o: number) => toKroner(ore(o));

function presentParts(r: ForecastResult & { postedRefusionOre: number }) {
  return {
    budget: kr(r.budgetOre),
    actuals: kr(r.actualsOre),
    committed: kr(r.committedOre),
    intake: kr(r.intakeOre),
    adjustments: kr(r.adjustmentsOre),
    grossForecast: kr(r.grossForecastOre),
    refusion: kr(r.refusionOre),
    postedRefusion: kr(r.postedRefusionOre),
    forecast: kr(r.forecastOre),
    overspend: kr(r.overspendOre),
  };
}

/** Sums lines, the refusion posted with them. */
function sumLines(lines: readonly ForecastLine[]) {
  return {
    ...sumForecasts(lines),
    postedRefusionOre: lines.reduce((s, l) => s + l.postedRefusionOre, 0),
  };
}

/** Monthly cumulative series for the chart: budget profile, actual to date, forecast path. */
function chartSeries(lines: ForecastLine[], asOfMonth: number) {
  const budget = zeros();
  const actual = zeros();
  const path = zeros();
  for (const l of lines) {
    const b = spreadByProfile(l.budgetOre, l.budgetProfile);
    const p = forecastMonthlyPath(
      l.actualByMonth,
      l.committedByMonth,
      l.intakeOre + l.adjustmentsOre - l.refusionOre,
      asOfMonth,
    );
    for (let i = 0; i < 12; i++) {
      budget[i] = (budget[i] ?? 0) + (b[i] ?? 0);
      actual[i] = (actual[i] ?? 0) + (l.actualByMonth[i] ?? 0);
      path[i] = (path[i] ?? 0) + (p[i] ?? 0);
    }
  }
  const cb = cumulative(budget);
  const ca = cumulative(actual);
  const cf = cumulative(path);
  return Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    budget: kr(cb[i] ?? 0),
    actual: i < asOfMonth ? kr(ca[i] ?? 0) : null,
    forecast: kr(cf[i] ?? 0),
  }));
}

/**
 * The forecast for the units the actor may read: per unit and function, per unit, the whole
 * area; with the method and its parameters, the threshold and which units need a plan.
 */
export async function getForecast(
  deps: AppDeps,
  actor: Actor,
  q: { year: number; asOf: string; unitId?: string | undefined; intake: IntakeParams },
) {
  authorize(actor, 'forecast.read');
  if (!q.asOf.startsWith(String(q.year))) {
    throw new AppError('validation_failed', {}, [
      {
        path: 'asOf',
        code: 'outside_year',
        message: translate('budget.issues.asOfOutsideYear', { year: q.year }),
      },
    ]);
  }
  let unitIds = readableUnitIds(actor, 'forecast.read');
  if (q.unitId) {
    if (!can(actor, 'forecast.read', { unitId: q.unitId })) throw new AppError('not_found');
    unitIds = [q.unitId];
  }
  return keptForecast(deps, { year: q.year, asOf: q.asOf, unitIds, intake: q.intake });
}

/**
 * The forecast of units already authorised (null: every unit), kept for every app server while
 * nothing it is computed from changes (`keptFigures`).
 */
function keptForecast(
  deps: Pick<AppDeps, 'db' | 'heavyReads'>,
  q: { year: number; asOf: string; unitIds: string[] | null; intake: IntakeParams },
) {
  const { method, years, factorPercent } = q.intake;
  // the key's inputs built in one place, so the background job keeps what a reader asks for
  const inputs = {
    year: q.year,
    asOf: q.asOf,
    unitIds: q.unitIds && [...q.unitIds].sort(),
    intake: { method, years, factorPercent },
  };
  return keptFigures(
    deps.db,
    'forecast',
    inputs,
    () => forecastOfUnits(deps.db, inputs),
    deps.heavyReads,
  );
}

/**
 * Computes and keeps the forecasts the front page and the forecast page open at, for every scope
 * an active user reads them in (every unit, or a head of unit's own units): the opening year and
 * as-of date (`openingYear`, `defaultAsOf`, today from the clock), the default intake. Run in
 * the background after every change (the job 'figures.keep', migration 0033), so the first
 * reader after a ledger import or a saved case finds them kept. Returns the year, the date and
 * the scopes.
 */
export async function keepOpeningForecasts(
  deps: Pick<AppDeps, 'db' | 'heavyReads' | 'now'>,
): Promise<{ year: number; asOf: string; scopes: (string[] | null)[] }> {
  const { year, asOf } = await openingPeriod(deps);
  const scopes = await forecastScopes(deps.db);
  for (const unitIds of scopes)
    await keptForecast(deps, { year, asOf, unitIds, intake: DEFAULT_INTAKE_PARAMS });
  return { year, asOf, scopes };
}

/** The year and as-of date the front page opens at: the booked period's, today from the clock. */
export async function openingPeriod(
  deps: Pick<AppDeps, 'db' | 'now'>,
): Promise<{ year: number; asOf: string }> {
  const bookedThrough = await ledgerBookedThrough(deps.db);
  const today = todayIn(deps);
  const year = openingYear(bookedThrough, today);
  return { year, asOf: defaultAsOf(year, bookedThrough, today) };
}

/** The scopes active users read the forecast in (null: every unit), each once, the widest first. */
async function forecastScopes(db: Queryable): Promise<(string[] | null)[]> {
  const scopes = new Map<string, { unitIds: string[] | null; users: number }>();
  for (const user of await listUsers(db)) {
    if (!user.is_active) continue;
    const actor = actorFromUser(user);
    if (!can(actor, 'forecast.read')) continue;
    const unitIds = readableUnitIds(actor, 'forecast.read');
    if (unitIds?.length === 0) continue;
    const key = unitIds === null ? '*' : [...unitIds].sort().join(',');
    const scope = scopes.get(key) ?? { unitIds, users: 0 };
    scope.users++;
    scopes.set(key, scope);
  }
  return [...scopes.values()]
    .sort((a, b) => (a.unitIds === null ? -1 : b.unitIds === null ? 1 : b.users - a.users))
    .map((s) => s.unitIds);
}

/** `getForecast`'s answer for units already authorised (null: every unit). */
async function forecastOfUnits(
  db: Database,
  q: { year: number; asOf: string; unitIds: string[] | null; intake: IntakeParams },
) {
  const unitIds = q.unitIds;
  const [units, functions, settings] = await Promise.all([
    listUnits(db, unitIds),
    listAccountFunctions(db),
    getSettings(db),
  ]);
  const data = new ForecastData(db, unitIds);
  const lines = await computeForecastLines(data, db, {
    year: q.year,
    asOf: q.asOf,
    unitIds,
    intake: q.intake,
  });
  const thresholdOre = settings?.action_plan_threshold_ore ?? 10_000_000;
  const bookedThrough = await data.bookedThrough();
  const through = actualsThrough(q.asOf, bookedThrough);
  const asOfMonth = through.startsWith(String(q.year)) ? monthOfIsoDate(through) : 0;
  const fnName = new Map(functions.map((f) => [f.code, f.name]));
  const unitRows = units.map((u) => {
    const own = lines.filter((l) => l.unitId === u.id);
    const total = sumLines(own);
    return {
      unitId: u.id,
      unitName: u.name,
      ...presentParts(total),
      actionPlanRequired: requiresActionPlan(total.overspendOre, thresholdOre),
      lines: own.map((l) => ({
        accountFunction: l.accountFunction,
        accountFunctionName: fnName.get(l.accountFunction) ?? '',
        ...presentParts(l),
        intakeHistory: l.intakeHistory.map((h) => ({ year: h.year, intake: kr(h.intakeOre) })),
      })),
      months: chartSeries(own, asOfMonth),
    };
  });
  const area = sumLines(lines);
  const refusionFrom: ForecastLine['refusionFrom'] = lines.some((l) => l.refusionFrom === 'posted')
    ? 'posted'
    : 'cases';
  return {
    year: q.year,
    asOf: q.asOf,
    bookedThrough,
    actualsThrough: through,
    method: {
      ...q.intake,
      description: translate('budget.forecastMethod'),
    },
    commitmentsAvailable: data.commitmentsAvailable,
    refusionFrom,
    actionPlanThreshold: kr(thresholdOre),
    area: { ...presentParts(area), months: chartSeries(lines, asOfMonth) },
    units: unitRows,
  };
}

/** Adds a manual forecast adjustment with a reason (refused without one). */
export async function addAdjustment(
  deps: AppDeps,
  actor: Actor,
  input: { unitId: string; accountFunction: string; year: number; amount: number; reason: string },
  requestId?: string,
) {
  const { db } = deps;
  authorizeOrNotFound(actor, 'forecast.write', 'forecast.read', { unitId: input.unitId });
  const issues = [];
  if (input.reason.trim() === '') {
    issues.push({
      path: 'reason',
      code: 'required',
      message: translate('budget.issues.adjustmentReason'),
    });
  }
  const amount = kronerFromJsonNumber(input.amount);
  if (!amount.ok)
    issues.push({
      path: 'amount',
      code: amount.reason,
      message: translate('budget.issues.amountKroner'),
    });
  const functions = (await listAccountFunctions(db)).map((f) => f.code);
  if (!functions.includes(input.accountFunction)) {
    issues.push({
      path: 'accountFunction',
      code: 'unknown_function',
      message: translate('budget.issues.unknownFunction', { code: input.accountFunction }),
    });
  }
  if (issues.length || !amount.ok) throw new AppError('validation_failed', {}, issues);
  const id = await db.transaction(async (tx) => {
    const newId = await insertAdjustment(tx, {
      ...input,
      amountOre: amount.value,
      reason: input.reason.trim(),
      by: actor.displayName,
      at: deps.now(),
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'forecast.adjust',
        objectType: 'forecast_adjustment',
        objectId: newId,
        unitId: input.unitId,
        // the reason lives in the adjustment itself
        after: { ...input, reason: undefined, amountOre: amount.value },
      },
      requestId,
    );
    return newId;
  });
  return { id, ...input, reason: input.reason.trim() };
}

/** The adjustments of a year for the units the actor may read. */
export async function getAdjustments(deps: AppDeps, actor: Actor, year: number) {
  const { db } = deps;
  authorize(actor, 'forecast.read');
  const rows = await listAdjustments(db, year, readableUnitIds(actor, 'forecast.read'));
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    accountFunction: r.account_function,
    amount: kr(r.amount_ore),
    reason: r.reason,
    by: r.created_by,
    at: r.created_at,
  }));
}

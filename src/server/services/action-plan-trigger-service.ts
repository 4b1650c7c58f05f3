import type { Actor } from '../../domain/access';
import type { Queryable } from '../../db/database';
import {
  keptForecast,
  overspendAfterPlan,
  settleFigure,
  type ActionPlan,
  type ForecastAt,
  type OverspendSource,
  type OverspendSources,
} from '../../domain/action-plan';
import { ore, type Ore } from '../../domain/money';
import { recordAudit } from '../../db/repositories/audit';
import {
  findPlan,
  findPlanUnit,
  listExpectedOverspend,
  listPlans,
  upsertExpectedOverspend,
  type PlanListRow,
} from '../../db/repositories/action-plans';
import { correctedBudgetsByUnitFunction } from '../../db/repositories/budgets';
import { getSettings, listUnits } from '../../db/repositories/organisation';
import { DEFAULT_INTAKE_PARAMS, sumForecasts } from '../../domain/forecast/forecast';
import { defaultAsOf, endOfPreviousMonth } from '../../domain/budget/booked-period';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorizeOrNotFound, readableUnitIds } from '../policies/policy';
import { validationError } from '../validation';
import { ledgerBookedThrough } from './booked-period-service';
import { todayIn } from '../context';
import { ForecastData, computeForecastLines } from './forecast-service';
import { keptFigures } from './kept-figures';
import { translate } from '../../shared/i18n/translate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_THRESHOLD_ORE = 10_000_000;

export async function unitForWrite(deps: AppDeps, actor: Actor, unitId: string) {
  const unit = UUID.test(unitId) ? await findPlanUnit(deps.db, unitId) : undefined;
  if (!unit) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'plan.write', 'plan.read', { unitId: unit.id });
  return unit;
}

/**
 * Records a unit's expected overspend for a year by hand; it counts when the unit has no budget
 * for the year (otherwise the forecast gives the figure). Each entry is a new estimate that
 * replaces the previous one (the form shows no stored copy to edit, so there is nothing to be
 * stale against); the audit row keeps the figure it replaced and who had entered it.
 */
export async function setExpectedOverspend(
  deps: AppDeps,
  actor: Actor,
  unitId: string,
  input: { year: number; amount: Ore; causes: string[] },
  requestId?: string,
): Promise<void> {
  const unit = await unitForWrite(deps, actor, unitId);
  await deps.db.transaction(async (tx) => {
    const [previous] = await listExpectedOverspend(tx, { year: input.year, unitIds: [unit.id] });
    await upsertExpectedOverspend(tx, {
      unitId: unit.id,
      year: input.year,
      amount: input.amount,
      causes: input.causes,
      source: 'manual',
      by: actor.displayName,
      at: deps.now(),
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'unit_expected_overspend.set',
        objectType: 'unit_expected_overspend',
        objectId: `${unit.id}/${input.year}`,
        unitId: unit.id,
        before: previous
          ? {
              year: input.year,
              amountOre: previous.amountOre,
              causes: previous.causes,
              enteredBy: previous.updatedBy,
              enteredAt: previous.updatedAt,
            }
          : null,
        after: { year: input.year, amountOre: input.amount, causes: input.causes },
      },
      requestId,
    );
  });
}

/**
 * What reading the forecast needs: the database (or an open transaction, as when the demo is
 * loaded) and the clock.
 */
export type ForecastReadDeps = Pick<AppDeps, 'now'> & { db: Queryable };

/** The municipality's threshold in øre: a plan is required strictly above it. */
export async function actionPlanThreshold(deps: AppDeps): Promise<Ore> {
  return ore((await getSettings(deps.db))?.action_plan_threshold_ore ?? DEFAULT_THRESHOLD_ORE);
}

/** The plan that answers a unit's year: the newest open one, else the newest closed one. */
export function planFor(
  plans: PlanListRow[],
  unitId: string,
  year: number,
): PlanListRow | undefined {
  const mine = plans.filter((p) => p.unitId === unitId && p.year === year);
  return mine.find((p) => p.status !== 'closed') ?? mine[0];
}

/**
 * The as-of date a year's expected overspend is read at when none is given: the end of the
 * last booked month (`defaultAsOf`, the same default as every screen).
 */
export async function defaultTriggerAsOf(deps: ForecastReadDeps, year: number): Promise<string> {
  return defaultAsOf(year, await ledgerBookedThrough(deps.db), todayIn(deps));
}

export interface UnitExpectedOverspend {
  unitId: string;
  unitName: string;
  year: number;
  amountOre: number;
  /** 'forecast': forecast − corrected budget as of `asOf`; 'manual': the figure entered by hand. */
  source: 'forecast' | 'manual';
  asOf: string | null;
  causes: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * One truth for a unit's expected overspend in a year: from the forecast (forecast − corrected
 * budget as of `asOf`, the forecast's standard intake method) when the unit has a budget for the
 * year; otherwise the figure entered by hand, if any. The forecast is computed once, for all the
 * given units together.
 */
export async function expectedOverspendOfUnits(
  deps: ForecastReadDeps,
  q: { year: number; asOf?: string | undefined; unitIds: string[] | null },
  /**
   * Outside a transaction: the forecast's part is kept for every app server while nothing it
   * is computed from changes (`keptFigures`), as the forecast itself is.
   */
  options: { kept?: Pick<AppDeps, 'db' | 'heavyReads'> } = {},
): Promise<{ asOf: string; items: UnitExpectedOverspend[] }> {
  const asOf = q.asOf ?? (await defaultTriggerAsOf(deps, q.year));
  if (!asOf.startsWith(String(q.year))) {
    throw new AppError('validation_failed', {}, [
      {
        path: 'asOf',
        code: 'outside_year',
        message: translate('budget.issues.asOfOutsideYear', { year: q.year }),
      },
    ]);
  }
  const [budgets, manual, units] = await Promise.all([
    correctedBudgetsByUnitFunction(deps.db, q.year, q.unitIds),
    listExpectedOverspend(deps.db, { year: q.year, unitIds: q.unitIds }),
    listUnits(deps.db, q.unitIds),
  ]);
  const budgeted = new Set(budgets.map((b) => b.unit_id));
  const unitIds = [...budgeted].sort();
  /** Each budgeted unit's overspend from the forecast, øre. */
  const fromForecast = async (): Promise<[string, number][]> => {
    const lines = await computeForecastLines(new ForecastData(deps.db, unitIds), deps.db, {
      year: q.year,
      asOf,
      unitIds,
      intake: DEFAULT_INTAKE_PARAMS,
    });
    return unitIds.map((id) => [
      id,
      sumForecasts(lines.filter((l) => l.unitId === id)).overspendOre,
    ]);
  };
  const { kept } = options;
  const overspend = new Map(
    unitIds.length === 0
      ? []
      : kept
        ? await keptFigures(
            kept.db,
            'overspend',
            { year: q.year, asOf, unitIds },
            fromForecast,
            kept.heavyReads,
          )
        : await fromForecast(),
  );
  const manualBy = new Map(manual.map((m) => [m.unitId, m]));
  const items: UnitExpectedOverspend[] = [];
  for (const u of [...units].sort((a, b) => a.name.localeCompare(b.name, 'da'))) {
    const stored = manualBy.get(u.id);
    if (budgeted.has(u.id)) {
      items.push({
        unitId: u.id,
        unitName: u.name,
        year: q.year,
        amountOre: overspend.get(u.id) ?? 0,
        source: 'forecast',
        asOf,
        causes: stored?.causes ?? [],
        updatedAt: null,
        updatedBy: null,
      });
    } else if (stored) {
      items.push({
        unitId: u.id,
        unitName: u.name,
        year: q.year,
        amountOre: stored.amountOre,
        source: 'manual',
        asOf: null,
        causes: stored.causes,
        updatedAt: stored.updatedAt,
        updatedBy: stored.updatedBy,
      });
    }
  }
  return { asOf, items };
}

/**
 * Units (that the actor may read) whose expected overspend for `year` (see
 * `expectedOverspendOfUnits`) is strictly greater than the threshold: "handleplan påkrævet",
 * with their plan for the year if there is one.
 */
export async function listRequiredPlans(deps: AppDeps, actor: Actor, year: number, asOf?: string) {
  const unitIds = readableUnitIds(actor, 'plan.read');
  const threshold = await actionPlanThreshold(deps);
  if (unitIds !== null && unitIds.length === 0)
    return { threshold, asOf: asOf ?? (await defaultTriggerAsOf(deps, year)), items: [] };
  const [expected, plans] = await Promise.all([
    expectedOverspendOfUnits(deps, { year, asOf, unitIds }, { kept: deps }),
    listPlans(deps.db, { unitIds, year }),
  ]);
  const items = expected.items
    .filter((e) => e.amountOre > threshold)
    .map((e) => ({ ...e, plan: planFor(plans, e.unitId, year) ?? null }));
  return { threshold, asOf: expected.asOf, items };
}

/** A plan in a unit the actor was just authorised for. */
export async function readPlan(deps: AppDeps, id: string) {
  const found = await findPlan(deps.db, id);
  if (!found) throw new AppError('not_found');
  return found;
}

/**
 * The forecast date for a plan's date D: the as-of date "handleplan påkrævet" uses (the end of
 * the last booked month, `defaultAsOf`) as it stood on D: the booked period when it ends on or
 * before D, else the end of the month before D. A draft made today starts at the trigger's
 * figure.
 */
export function forecastDateForPlan(
  year: number,
  date: string,
  bookedThrough: string | null,
): string {
  const ref =
    bookedThrough !== null && bookedThrough <= date ? bookedThrough : endOfPreviousMonth(date);
  return defaultAsOf(year, ref, date);
}

/**
 * What the forecast gives for a unit's year as of a date (forecast − corrected budget, as on
 * the budget page and in the trigger), or null when the unit has no forecast (no budget).
 */
export async function forecastOverspendAt(
  deps: ForecastReadDeps,
  unitId: string,
  year: number,
  asOf: string,
): Promise<ForecastAt | null> {
  const { items } = await expectedOverspendOfUnits(deps, { year, asOf, unitIds: [unitId] });
  const item = items[0];
  return item?.source === 'forecast' ? { asOf, overspend: ore(item.amountOre) } : null;
}

/**
 * Fills a plan's "forventet merforbrug" figures from the forecast (see `settleFigure`):
 * "ved opstart" is the forecast's overspend as of the plan's start; "efter denne opdatering"
 * is the forecast's overspend as of its update date minus the plan's effect still to come
 * (`overspendAfterPlan`). A forecast figure already taken for the same date is kept, never
 * recomputed. A reason without an amount is refused (422).
 */
export async function linkPlanToForecast(
  deps: ForecastReadDeps,
  unitId: string,
  plan: ActionPlan,
  stored: OverspendSources,
): Promise<ActionPlan> {
  const today = todayIn(deps);
  const bookedThrough = await ledgerBookedThrough(deps.db);
  const startAsOf = forecastDateForPlan(plan.year, plan.startedOn ?? today, bookedThrough);
  const updateAsOf = forecastDateForPlan(
    plan.year,
    plan.updatedOn ?? plan.startedOn ?? today,
    bookedThrough,
  );
  const computed = new Map<string, Promise<ForecastAt | null>>();
  const forecastAt = (asOf: string, kept: OverspendSource | null) => {
    const old = keptForecast(kept, asOf);
    if (old) return Promise.resolve(old);
    let p = computed.get(asOf);
    if (!p) {
      p = forecastOverspendAt(deps, unitId, plan.year, asOf);
      computed.set(asOf, p);
    }
    return p;
  };
  const [atStartForecast, afterForecast] = await Promise.all([
    forecastAt(startAsOf, stored.atStart),
    forecastAt(updateAsOf, stored.afterThisUpdate),
  ]);
  const atStart = settleFigure(
    plan.expectedOverspend.atStart,
    plan.overspendSources.atStart,
    atStartForecast,
    (f) => f,
  );
  const after = settleFigure(
    plan.expectedOverspend.afterThisUpdate,
    plan.overspendSources.afterThisUpdate,
    afterForecast,
    (f) => overspendAfterPlan(f, plan.areas, plan.year, updateAsOf),
  );
  const issues = (
    [
      ['atStart', atStart],
      ['afterThisUpdate', after],
    ] as const
  ).flatMap(([key, r]) =>
    r.ok
      ? []
      : [
          {
            path: `expectedOverspend.${key}`,
            code: r.problem,
            message: translate(`actionPlans.problems.overspendRequired.${key}`),
          },
        ],
  );
  if (!atStart.ok || !after.ok) throw validationError(issues);
  return {
    ...plan,
    expectedOverspend: {
      ...plan.expectedOverspend,
      atStart: atStart.amount,
      afterThisUpdate: after.amount,
    },
    overspendSources: { atStart: atStart.source, afterThisUpdate: after.source },
  };
}

import DataLoader from 'dataloader';
import {
  activationProblems,
  actsOnProblem,
  ACTS_ON_CATEGORY_GROUPS,
  diffPlans,
  NO_SOURCES,
  overspendAfterPlan,
  plannedEffectAfter,
  type ActionPlan,
  type PlanStatus,
} from '../../domain/action-plan';
import type { Actor } from '../../domain/access';
import { ore, type Ore } from '../../domain/money';
import { TIME_ZONE } from '../../domain/months';
import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { listAccountFunctions } from '../../db/repositories/budgets';
import {
  findPlan,
  findPlanUnit,
  findPlanVersions,
  findPlanUnitByName,
  findVersion,
  insertPlan,
  insertVersion,
  listPlans,
  listVersions,
  lockPlan,
  replacePlan,
  upsertExpectedOverspend,
  type PlanMeta,
  type PlanUnitRow,
} from '../../db/repositories/action-plans';
import { todayIn, type AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';
import { presentIssue, presentPlan } from '../presenters/action-plan';
import { validationError } from '../validation';
import {
  defaultTriggerAsOf,
  expectedOverspendOfUnits,
  linkPlanToForecast,
  planFor,
  readPlan,
  unitForWrite,
} from './action-plan-trigger-service';
import { cachePerDatabase, NotifiedCache } from './notified-cache';
import { translate } from '../../shared/i18n/translate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A plan the actor may read, or 404 (also for other units' plans and malformed ids). */
export async function getActionPlan(
  deps: AppDeps,
  actor: Actor,
  id: string,
): Promise<{ meta: PlanMeta; plan: ActionPlan }> {
  const found = UUID.test(id) ? await findPlan(deps.db, id) : undefined;
  if (!found) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'plan.read', 'plan.read', { unitId: found.meta.unitId });
  return found;
}

/** One plan's answer as JSON text, with what decides who may read it and whether it holds. */
interface PresentedPlan {
  unitId: string;
  version: number;
  json: string;
}

/**
 * Answers to "read one plan", kept per plan with the version they show. A plan's content only
 * changes together with its version (every save is a new version, in one transaction), and
 * the database notifies on every change of a plan's row (migration 0009). Bounded by size
 * (about 8 MB of text; the reference plan is about 6 kB).
 */
const planCache = cachePerDatabase(
  (db) =>
    new NotifiedCache<PresentedPlan>(db, 'overblik_plans', {
      maxSize: 8_000_000,
      sizeCalculation: (plan, id) => plan.json.length + id.length,
    }),
);

/**
 * The current version and unit of plans, asked for together: reads that arrive in the same turn
 * of the event loop share one query (under load, several at a time). Nothing is cached here.
 */
const planVersions = cachePerDatabase(
  (db) =>
    new DataLoader<string, { unitId: string; version: number } | undefined>(
      async (ids) => {
        const found = await findPlanVersions(db, ids);
        return ids.map((id) => found.get(id));
      },
      { cache: false, maxBatchSize: 100, batchScheduleFn: (run) => setImmediate(run) },
    ),
);

/**
 * One plan as the API presents it, as JSON text; same answers and same 404s as
 * `getActionPlan`. On PGlite a kept answer is served as it is: the notification of a change
 * arrives before the change returns. On PostgreSQL, where other servers write too, each read
 * asks the database for the current version and owner (one small query), and a kept answer is
 * served only for that version. Kept only from reads outside transactions, so a version that
 * is rolled back is never kept.
 */
export async function readActionPlanJson(deps: AppDeps, actor: Actor, id: string): Promise<string> {
  const cache = planCache(deps.db);
  const kept = cache.get(id);
  if (kept && deps.db.notifiesAtOnce) {
    authorizeOrNotFound(actor, 'plan.read', 'plan.read', { unitId: kept.unitId });
    return kept.json;
  }
  const mark = cache.mark();
  const current = UUID.test(id) ? await planVersions(deps.db).load(id) : undefined;
  if (!current) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'plan.read', 'plan.read', { unitId: current.unitId });
  if (kept?.version === current.version) return kept.json;
  const { meta, plan } = await getActionPlan(deps, actor, id);
  const json = JSON.stringify(presentPlan(meta, plan));
  cache.keep(id, { unitId: meta.unitId, version: meta.version, json }, mark);
  return json;
}

export async function listActionPlans(
  deps: AppDeps,
  actor: Actor,
  filter: { year?: number; status?: PlanStatus; unitId?: string },
) {
  const unitIds = readableUnitIds(actor, 'plan.read');
  if (unitIds !== null && unitIds.length === 0) return [];
  return listPlans(deps.db, { unitIds, ...filter });
}

/**
 * Which unit a new plan belongs to: `unitId` when given, else the unit named in the document's
 * `unit.name`, else the actor's only unit. A unit the actor cannot read is reported as unknown
 * (422 on `unit.name`), so names of other units reveal nothing; one they can read but not write
 * plans in gives 403.
 */
async function resolveUnit(
  db: Queryable,
  actor: Actor,
  plan: ActionPlan,
  unitId: string | undefined,
): Promise<PlanUnitRow> {
  let unit: PlanUnitRow | undefined;
  let path = 'unit.name';
  if (unitId) {
    path = 'unitId';
    unit = UUID.test(unitId) ? await findPlanUnit(db, unitId) : undefined;
  } else if (plan.unit.name) {
    unit = await findPlanUnitByName(db, plan.unit.name);
  } else if (!actor.roles.includes('administrator') && actor.unitIds.length === 1) {
    unit = await findPlanUnit(db, actor.unitIds[0] ?? '');
  } else {
    throw validationError([
      {
        path,
        code: 'required',
        message: translate('actionPlans.problems.unitRequired'),
      },
    ]);
  }
  if (!unit || !can(actor, 'plan.read', { unitId: unit.id })) {
    throw validationError([
      {
        path,
        code: 'unknown_unit',
        message: translate('actionPlans.problems.unknownUnit', {
          unit: unitId ?? plan.unit.name ?? '',
        }),
      },
    ]);
  }
  authorize(actor, 'plan.write', { unitId: unit.id });
  return unit;
}

/**
 * What each area acts on must be one of the editor's choices for the plan's unit: a known
 * category group, 'ekstern' or 'intern', a function of the chart of accounts, or the plan's own
 * unit (the measurement never leaves it). 422 naming the area otherwise.
 */
async function checkActsOn(db: Queryable, unit: PlanUnitRow, plan: ActionPlan): Promise<void> {
  if (!plan.areas.some((a) => a.actsOn)) return;
  const accountFunctions = (await listAccountFunctions(db)).map((f) => f.code);
  const issues = plan.areas.flatMap((area, i) => {
    const actsOn = area.actsOn;
    const problem = actsOn ? actsOnProblem(actsOn, { accountFunctions, unitId: unit.id }) : null;
    if (!actsOn || problem === null) return [];
    const message = translate(`actionPlans.problems.actsOn.${problem}`, {
      number: area.number,
      value: actsOn.value,
      groups: ACTS_ON_CATEGORY_GROUPS.join(', '),
      unit: unit.name,
    });
    return [{ path: `areas.${i}.actsOn.value`, code: problem, message }];
  });
  if (issues.length) throw validationError(issues);
}

/**
 * Stores a new plan as a draft with its first version, and the audit row of its creation, in the
 * caller's transaction; the one way a plan is created (by hand, imported, or from "handleplan
 * påkrævet"). Returns the plan's id.
 */
async function storeNewPlan(
  tx: Queryable,
  actor: Actor,
  input: {
    unitId: string;
    plan: ActionPlan;
    at: Date;
    comment: string | null;
    audit: { action: string; after: unknown };
  },
  requestId: string | undefined,
): Promise<string> {
  const { unitId, plan, at } = input;
  const planId = await insertPlan(tx, { unitId, plan, status: 'draft', by: actor.displayName, at });
  await insertVersion(tx, {
    planId,
    version: 1,
    status: 'draft',
    at,
    byId: actor.userId,
    by: actor.displayName,
    comment: input.comment,
    plan,
  });
  await recordAudit(
    tx,
    actor,
    {
      action: input.audit.action,
      objectType: 'action_plan',
      objectId: planId,
      unitId,
      after: input.audit.after,
    },
    requestId,
  );
  return planId;
}

/** POST /api/action-plans: creates (or imports) a plan as a draft, version 1. */
export async function createActionPlan(
  deps: AppDeps,
  actor: Actor,
  input: ActionPlan,
  options: { unitId?: string; comment?: string | null },
  requestId?: string,
): Promise<{ meta: PlanMeta; plan: ActionPlan }> {
  authorize(actor, 'plan.write');
  const unit = await resolveUnit(deps.db, actor, input, options.unitId);
  await checkActsOn(deps.db, unit, input);
  const plan = await linkPlanToForecast(deps, unit.id, input, NO_SOURCES);
  const id = await deps.db.transaction((tx) =>
    storeNewPlan(
      tx,
      actor,
      {
        unitId: unit.id,
        plan,
        at: deps.now(),
        comment: options.comment ?? null,
        audit: { action: 'action_plan.create', after: summary(plan, 1, 'draft') },
      },
      requestId,
    ),
  );
  return getActionPlan(deps, actor, id);
}

/**
 * POST /api/units/{unitId}/action-plan-draft: one click from "handleplan påkrævet" to a draft
 * prefilled with the header (centre, unit and their responsible persons from the organisation,
 * today as start and update date) and the expected overspend at start. A given expected
 * overspend is also recorded as the unit's figure for the year. When the unit already has an
 * open (draft or active) plan for the year, that plan is returned and nothing is created.
 */
export async function createDraftForUnit(
  deps: AppDeps,
  actor: Actor,
  unitId: string,
  input: { year: number; expectedOverspend: Ore | null; causes: string[] | null },
  requestId?: string,
) {
  const unit = await unitForWrite(deps, actor, unitId);
  const existing = planFor(
    await listPlans(deps.db, { unitIds: [unit.id], year: input.year }),
    unit.id,
    input.year,
  );
  if (existing && existing.status !== 'closed') {
    return { created: false, ...(await readPlan(deps, existing.id)) };
  }
  const stored =
    input.expectedOverspend !== null && input.causes !== null
      ? undefined
      : (await expectedOverspendOfUnits(deps, { year: input.year, unitIds: [unit.id] })).items[0];
  // A unit without a forecast starts at its figure entered by hand; otherwise the forecast's.
  const typed =
    input.expectedOverspend ?? (stored?.source === 'manual' ? ore(stored.amountOre) : null);
  const causes = input.causes ?? stored?.causes ?? [];
  const now = deps.now();
  const today = todayIn(deps);
  const plan = await linkPlanToForecast(
    deps,
    unit.id,
    {
      title: `Handleplan ${input.year}`,
      year: input.year,
      center: { name: unit.centerName, responsible: unit.centerResponsible },
      unit: { name: unit.name, responsible: unit.responsible },
      startedOn: today,
      updatedOn: today,
      cause: null,
      causes,
      areas: [],
      expectedOverspend: { atStart: typed, atLastUpdate: null, afterThisUpdate: typed },
      overspendSources: NO_SOURCES,
    },
    NO_SOURCES,
  );
  const amount = plan.expectedOverspend.atStart;
  const id = await deps.db.transaction(async (tx) => {
    if (input.expectedOverspend !== null) {
      await upsertExpectedOverspend(tx, {
        unitId: unit.id,
        year: input.year,
        amount: input.expectedOverspend,
        causes,
        source: 'draft',
        by: actor.displayName,
        at: now,
      });
    }
    return storeNewPlan(
      tx,
      actor,
      {
        unitId: unit.id,
        plan,
        at: now,
        comment: 'Kladde oprettet fra "handleplan påkrævet"',
        audit: {
          action: 'action_plan.create_draft',
          after: {
            year: plan.year,
            expectedOverspendOre: amount,
            overspendSources: plan.overspendSources,
          },
        },
      },
      requestId,
    );
  });
  return { created: true, ...(await readPlan(deps, id)) };
}

/** What the audit trail keeps of a plan's state, with where its overspend figures come from. */
/**
 * A plan as the audit trail keeps it: figures, status and what its areas act on; its texts
 * (title, causes, goals, reasons of an override) live in its versions, not in the trail.
 */
function summary(plan: ActionPlan, version: number, status: PlanStatus) {
  return {
    year: plan.year,
    version,
    status,
    areas: plan.areas.length,
    actsOn: plan.areas.flatMap((a) => (a.actsOn ? [{ number: a.number, ...a.actsOn }] : [])),
    expectedOverspend: plan.expectedOverspend,
    overspendSources: {
      atStart: plan.overspendSources.atStart?.kind ?? null,
      afterThisUpdate: plan.overspendSources.afterThisUpdate?.kind ?? null,
    },
  };
}

const copenhagen = new Intl.DateTimeFormat('da-DK', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `den 23.11.2026 kl. 11.00`, Danish local time. */
export function danishMoment(iso: string): string {
  const parts = Object.fromEntries(
    copenhagen.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `den ${parts.day}.${parts.month}.${parts.year} kl. ${parts.hour}.${parts.minute}`;
}

/** Locks the plan and checks the actor's right and the version the change was based on. */
async function lockForChange(
  tx: Queryable,
  actor: Actor,
  id: string,
  basedOn: number,
  action: 'plan.write' | 'plan.activate' | 'plan.realise',
): Promise<{ meta: PlanMeta; plan: ActionPlan }> {
  const meta = UUID.test(id) ? await lockPlan(tx, id) : undefined;
  if (!meta) throw new AppError('not_found');
  authorizeOrNotFound(actor, action, 'plan.read', { unitId: meta.unitId });
  const current = await findPlan(tx, id);
  if (!current) throw new AppError('not_found');
  if (meta.version !== basedOn) {
    throw new AppError(
      'version_conflict',
      {
        object: translate('objects.named', {
          object: translate('objects.action_plan'),
          title: current.plan.title,
        }),
        user: meta.updatedBy,
        at: danishMoment(meta.updatedAt),
      },
      [],
      { currentVersion: meta.version, changedBy: meta.updatedBy, changedAt: meta.updatedAt },
    );
  }
  return current;
}

async function saveNewVersion(
  tx: Queryable,
  deps: AppDeps,
  actor: Actor,
  input: {
    id: string;
    before: { meta: PlanMeta; plan: ActionPlan };
    plan: ActionPlan;
    status: PlanStatus;
    comment: string | null;
    action: string;
  },
  requestId?: string,
): Promise<number> {
  const at = deps.now();
  const version = await replacePlan(tx, {
    id: input.id,
    plan: input.plan,
    status: input.status,
    by: actor.displayName,
    at,
  });
  await insertVersion(tx, {
    planId: input.id,
    version,
    status: input.status,
    at,
    byId: actor.userId,
    by: actor.displayName,
    comment: input.comment,
    plan: input.plan,
  });
  await recordAudit(
    tx,
    actor,
    {
      action: input.action,
      objectType: 'action_plan',
      objectId: input.id,
      unitId: input.before.meta.unitId,
      before: summary(input.before.plan, input.before.meta.version, input.before.meta.status),
      // the comment lives in the version it was saved with
      after: summary(input.plan, version, input.status),
    },
    requestId,
  );
  return version;
}

/**
 * PUT /api/action-plans/{id}: an update is a new version. "Expected overspend at last update"
 * is taken from the previous version (its "after this update", or its "at start" when that is
 * empty). Realised effects are kept from the stored plan unless the document carries them and
 * the actor may record them.
 */
export async function updateActionPlan(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { plan: ActionPlan; version: number; comment: string | null; hasRealised: boolean[] },
  requestId?: string,
): Promise<{ meta: PlanMeta; plan: ActionPlan }> {
  // The forecast is read before the transaction (it reads much, and PGlite has one connection);
  // the figures are settled against the version read here, which the lock below must still see.
  const current = await getActionPlan(deps, actor, id);
  authorize(actor, 'plan.write', { unitId: current.meta.unitId });
  const unit = await findPlanUnit(deps.db, current.meta.unitId);
  if (unit) await checkActsOn(deps.db, unit, input.plan);
  const linked = await linkPlanToForecast(
    deps,
    current.meta.unitId,
    input.plan,
    current.plan.overspendSources,
  );
  await deps.db.transaction(async (tx) => {
    const before = await lockForChange(tx, actor, id, input.version, 'plan.write');
    if (before.meta.version !== current.meta.version) {
      await lockForChange(tx, actor, id, current.meta.version, 'plan.write');
    }
    if (before.meta.status === 'closed') throw new AppError('action_plan_closed');
    const previous = before.plan.expectedOverspend;
    const mayRealise = can(actor, 'plan.realise', { unitId: before.meta.unitId });
    const storedRealised = new Map(before.plan.areas.map((a) => [a.number, a.realisedEffect]));
    const plan: ActionPlan = {
      ...linked,
      areas: linked.areas.map((area, i) => ({
        ...area,
        realisedEffect:
          input.hasRealised[i] && mayRealise
            ? area.realisedEffect
            : (storedRealised.get(area.number) ?? area.realisedEffect),
      })),
      expectedOverspend: {
        ...linked.expectedOverspend,
        atLastUpdate: previous.afterThisUpdate ?? previous.atStart,
      },
    };
    await saveNewVersion(
      tx,
      deps,
      actor,
      {
        id,
        before,
        plan,
        status: before.meta.status,
        comment: input.comment,
        action: 'action_plan.update',
      },
      requestId,
    );
  });
  return getActionPlan(deps, actor, id);
}

const TRANSITIONS: Record<PlanStatus, PlanStatus[]> = {
  draft: ['active'],
  active: ['closed', 'draft'],
  closed: [],
};

/**
 * Moves a plan through draft → active → closed (an active plan may go back to draft). Activating
 * needs the header, at least one area and every area's months adding up to its target; an
 * uncovered overspend is only a warning. Needs `plan.activate`.
 */
export async function changeActionPlanStatus(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { status: PlanStatus; version: number; comment: string | null },
  requestId?: string,
): Promise<{ meta: PlanMeta; plan: ActionPlan }> {
  await deps.db.transaction(async (tx) => {
    const before = await lockForChange(tx, actor, id, input.version, 'plan.activate');
    const from = before.meta.status;
    if (!TRANSITIONS[from].includes(input.status)) {
      throw new AppError('action_plan_invalid_transition', { from, to: input.status });
    }
    if (input.status === 'active') {
      const problems = activationProblems(before.plan).map(presentIssue);
      if (problems.length > 0) {
        throw new AppError(
          'action_plan_not_ready',
          { count: problems.length },
          problems.map((p) => ({ path: p.path, code: p.code, message: p.message })),
        );
      }
    }
    await saveNewVersion(
      tx,
      deps,
      actor,
      {
        id,
        before,
        plan: before.plan,
        status: input.status,
        comment: input.comment,
        action: `action_plan.${input.status === 'active' ? 'activate' : input.status === 'closed' ? 'close' : 'reopen'}`,
      },
      requestId,
    );
  });
  return getActionPlan(deps, actor, id);
}

/**
 * Records realised effect per area and month (kroner → øre done by the caller) as a new version.
 * Areas not named keep their figures; a null month means "not recorded". Needs `plan.realise`;
 * allowed on active and closed plans as well as drafts.
 */
export async function recordRealisedEffect(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: {
    version: number;
    comment: string | null;
    areas: { number: number; realisedEffect: ActionPlan['areas'][number]['realisedEffect'] }[];
  },
  requestId?: string,
): Promise<{ meta: PlanMeta; plan: ActionPlan }> {
  await deps.db.transaction(async (tx) => {
    const before = await lockForChange(tx, actor, id, input.version, 'plan.realise');
    const known = new Set(before.plan.areas.map((a) => a.number));
    const issues = input.areas.flatMap((a, i) =>
      known.has(a.number)
        ? []
        : [
            {
              path: `areas.${i}.number`,
              code: 'unknown_area',
              message: translate('actionPlans.problems.unknownArea', { number: a.number }),
            },
          ],
    );
    if (issues.length) throw validationError(issues);
    const byNumber = new Map(input.areas.map((a) => [a.number, a.realisedEffect]));
    const plan: ActionPlan = {
      ...before.plan,
      areas: before.plan.areas.map((a) => ({
        ...a,
        realisedEffect: byNumber.get(a.number) ?? a.realisedEffect,
      })),
    };
    await saveNewVersion(
      tx,
      deps,
      actor,
      {
        id,
        before,
        plan,
        status: before.meta.status,
        comment: input.comment,
        action: 'action_plan.realise',
      },
      requestId,
    );
  });
  return getActionPlan(deps, actor, id);
}

export async function listActionPlanVersions(deps: AppDeps, actor: Actor, id: string) {
  await getActionPlan(deps, actor, id);
  return listVersions(deps.db, id);
}

export async function getActionPlanVersion(
  deps: AppDeps,
  actor: Actor,
  id: string,
  version: number,
) {
  await getActionPlan(deps, actor, id);
  const found = await findVersion(deps.db, id, version);
  if (!found) throw new AppError('not_found');
  return found;
}

/** Two versions side by side and every change between them (areas matched by number). */
export async function compareActionPlanVersions(
  deps: AppDeps,
  actor: Actor,
  id: string,
  from: number,
  to: number,
) {
  await getActionPlan(deps, actor, id);
  const [a, b] = await Promise.all([findVersion(deps.db, id, from), findVersion(deps.db, id, to)]);
  if (!a || !b) throw new AppError('not_found');
  return { from: a, to: b, changes: diffPlans(a.plan, b.plan) };
}

/** The current forecast beside a plan, and the one "remaining" figure measured against it. */
export interface PlanForecastNow {
  /** The as-of date of the forecast (the same default as "handleplan påkrævet"). */
  asOf: string;
  /** 'forecast': the unit's forecast; 'manual': its figure entered by hand (no budget); null: none. */
  source: 'forecast' | 'manual' | null;
  forecastOverspend: Ore | null;
  /** The plan's planned effect in the months after the as-of month. */
  plannedEffectAfter: Ore;
  /** `overspendAfterPlan`: forecast overspend minus the planned effect still to come. */
  remaining: Ore | null;
}

/**
 * GET /api/action-plans/{id}/forecast: the unit's expected overspend now (as "handleplan
 * påkrævet" shows it) and what the plan leaves of it. Computed at each read, apart from the
 * plan's kept answer, since the forecast moves without the plan changing.
 */
export async function readPlanForecastNow(
  deps: AppDeps,
  actor: Actor,
  id: string,
): Promise<PlanForecastNow> {
  const { meta, plan } = await getActionPlan(deps, actor, id);
  const asOf = await defaultTriggerAsOf(deps, plan.year);
  const { items } = await expectedOverspendOfUnits(deps, {
    year: plan.year,
    asOf,
    unitIds: [meta.unitId],
  });
  const item = items[0];
  const planned = plannedEffectAfter(plan.areas, plan.year, asOf);
  if (!item) {
    return {
      asOf,
      source: null,
      forecastOverspend: null,
      plannedEffectAfter: planned,
      remaining: null,
    };
  }
  const overspend = ore(item.amountOre);
  return {
    asOf,
    source: item.source,
    forecastOverspend: overspend,
    plannedEffectAfter: planned,
    remaining: overspendAfterPlan(overspend, plan.areas, plan.year, asOf),
  };
}

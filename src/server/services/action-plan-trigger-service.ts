import type { Actor } from '../../domain/access';
import type { ActionPlan } from '../../domain/action-plan';
import { ore, type Ore } from '../../domain/money';
import { recordAudit } from '../../db/repositories/audit';
import {
  findPlanUnit,
  insertPlan,
  insertVersion,
  listExpectedOverspend,
  listPlans,
  upsertExpectedOverspend,
  type PlanListRow,
} from '../../db/repositories/action-plans';
import { getSettings } from '../../db/repositories/organisation';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorizeOrNotFound, readableUnitIds } from '../policies/policy';
import { getActionPlan } from './action-plan-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_THRESHOLD_ORE = 10_000_000;

async function unitForWrite(deps: AppDeps, actor: Actor, unitId: string) {
  const unit = UUID.test(unitId) ? await findPlanUnit(deps.db, unitId) : undefined;
  if (!unit) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'plan.write', 'plan.read', { unitId: unit.id });
  return unit;
}

/** Records a unit's expected overspend for a year by hand (later: from the forecast). */
export async function setExpectedOverspend(
  deps: AppDeps,
  actor: Actor,
  unitId: string,
  input: { year: number; amount: Ore; causes: string[] },
  requestId?: string,
): Promise<void> {
  const unit = await unitForWrite(deps, actor, unitId);
  await deps.db.transaction(async (tx) => {
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
        after: { year: input.year, amountOre: input.amount, causes: input.causes },
      },
      requestId,
    );
  });
}

/** The municipality's threshold in øre: a plan is required strictly above it. */
export async function actionPlanThreshold(deps: AppDeps): Promise<Ore> {
  return ore((await getSettings(deps.db))?.action_plan_threshold_ore ?? DEFAULT_THRESHOLD_ORE);
}

/** The plan that answers a unit's year: the newest open one, else the newest closed one. */
function planFor(plans: PlanListRow[], unitId: string, year: number): PlanListRow | undefined {
  const mine = plans.filter((p) => p.unitId === unitId && p.year === year);
  return mine.find((p) => p.status !== 'closed') ?? mine[0];
}

/**
 * Units (that the actor may read) whose expected overspend for `year` is strictly greater than
 * the threshold: "handleplan påkrævet", with their plan for the year if there is one.
 */
export async function listRequiredPlans(deps: AppDeps, actor: Actor, year: number) {
  const unitIds = readableUnitIds(actor, 'plan.read');
  if (unitIds !== null && unitIds.length === 0)
    return { threshold: await actionPlanThreshold(deps), items: [] };
  const threshold = await actionPlanThreshold(deps);
  const [expected, plans] = await Promise.all([
    listExpectedOverspend(deps.db, { year, unitIds }),
    listPlans(deps.db, { unitIds, year }),
  ]);
  const items = expected
    .filter((e) => e.amountOre > threshold)
    .map((e) => ({ ...e, plan: planFor(plans, e.unitId, year) ?? null }));
  return { threshold, items };
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
    return { created: false, ...(await getActionPlan(deps, actor, existing.id)) };
  }
  const stored = (
    await listExpectedOverspend(deps.db, { year: input.year, unitIds: [unit.id] })
  )[0];
  const amount = input.expectedOverspend ?? (stored ? ore(stored.amountOre) : null);
  const causes = input.causes ?? stored?.causes ?? [];
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const plan: ActionPlan = {
    title: `Handleplan ${input.year}`,
    year: input.year,
    center: { name: unit.centerName, responsible: unit.centerResponsible },
    unit: { name: unit.name, responsible: unit.responsible },
    startedOn: today,
    updatedOn: today,
    cause: null,
    causes,
    areas: [],
    expectedOverspend: { atStart: amount, atLastUpdate: null, afterThisUpdate: amount },
  };
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
    const planId = await insertPlan(tx, {
      unitId: unit.id,
      plan,
      status: 'draft',
      by: actor.displayName,
      at: now,
    });
    await insertVersion(tx, {
      planId,
      version: 1,
      status: 'draft',
      at: now,
      byId: actor.userId,
      by: actor.displayName,
      comment: 'Kladde oprettet fra "handleplan påkrævet"',
      plan,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'action_plan.create_draft',
        objectType: 'action_plan',
        objectId: planId,
        unitId: unit.id,
        after: { title: plan.title, year: plan.year, expectedOverspendOre: amount },
      },
      requestId,
    );
    return planId;
  });
  return { created: true, ...(await getActionPlan(deps, actor, id)) };
}

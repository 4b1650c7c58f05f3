import {
  ACTS_ON_CATEGORY_GROUPS,
  ACTS_ON_KINDS,
  ACTS_ON_PROVIDERS,
  computeRealisation,
  measureAreas,
  withMeasuredEffect,
  type AreaMeasurement,
  type ActsOnKind,
  type Realisation,
} from '../../domain/action-plan';
import type { Actor } from '../../domain/access';
import type { Rate } from '../../domain/cases';
import { firstDayOf, lastDayOf, type IsoDate } from '../../domain/months';
import { listAccountFunctions } from '../../db/repositories/budgets';
import { listRates, loadCases } from '../../db/repositories/cases';
import { findPlanUnit } from '../../db/repositories/action-plans';
import type { AppDeps } from '../context';
import { authorize } from '../policies/policy';
import { getActionPlan } from './action-plan-service';
import { defaultTriggerAsOf } from './action-plan-trigger-service';

/** The choices the editor offers for "Virker på", per kind; values as the API takes them. */
export interface ActsOnOptions {
  kinds: readonly ActsOnKind[];
  categoryGroups: readonly string[];
  providers: readonly string[];
  accountFunctions: { code: string; name: string }[];
  units: { id: string; name: string }[];
}

/** GET /api/action-plans/{id}/acts-on-options: what an area of this plan may act on. */
export async function readActsOnOptions(
  deps: AppDeps,
  actor: Actor,
  id: string,
): Promise<ActsOnOptions> {
  const { meta } = await getActionPlan(deps, actor, id);
  const [functions, unit] = await Promise.all([
    listAccountFunctions(deps.db),
    findPlanUnit(deps.db, meta.unitId),
  ]);
  return {
    kinds: ACTS_ON_KINDS,
    categoryGroups: ACTS_ON_CATEGORY_GROUPS,
    providers: ACTS_ON_PROVIDERS,
    accountFunctions: functions,
    units: unit ? [{ id: unit.id, name: unit.name }] : [],
  };
}

/** A plan's realised effect with the measured areas measured as of a date. */
export interface PlanMeasurement {
  /** The as-of date of the measurement (default: as "handleplan påkrævet", the booked period's end). */
  asOf: string;
  /** The baseline's date: the plan's start (null: no start date, so nothing is measured). */
  startedOn: string | null;
  areas: AreaMeasurement[];
  /** Planned against realised with the measured figures (plus manual additions) in it. */
  realisation: Realisation;
}

/**
 * GET /api/action-plans/{id}/measured: the realised effect of the areas that name what they
 * act on, measured from the unit's commitments as of `asOf` against the baseline at the plan's
 * start (rules in docs/formats.md). Computed at each read: the commitments move without the
 * plan changing. Needs the plan's and the unit's commitments' read rights.
 */
export async function readMeasuredEffect(
  deps: AppDeps,
  actor: Actor,
  id: string,
  asOf?: string,
): Promise<PlanMeasurement> {
  const { meta, plan } = await getActionPlan(deps, actor, id);
  authorize(actor, 'commitment.read', { unitId: meta.unitId });
  const date = asOf ?? (await defaultTriggerAsOf(deps, plan.year));
  const startedOn = plan.startedOn;
  if (startedOn === null || !plan.areas.some((a) => a.actsOn)) {
    return { asOf: date, startedOn, areas: [], realisation: computeRealisation(plan) };
  }
  const [stored, rateList] = await Promise.all([
    loadCases(deps.db, {
      unitIds: [meta.unitId],
      paysBetween: {
        from: firstDayOf(plan.year),
        to: lastDayOf(plan.year),
      },
    }),
    listRates(deps.db),
  ]);
  const rates = new Map<string, Rate>(rateList.map((r) => [r.code, r]));
  const areas = measureAreas(
    stored.map((s) => s.record),
    rates,
    {
      year: plan.year,
      unitId: meta.unitId,
      startedOn: startedOn as IsoDate,
      asOf: date as IsoDate,
      areas: plan.areas,
    },
  );
  return {
    asOf: date,
    startedOn,
    areas,
    realisation: computeRealisation(withMeasuredEffect(plan, areas)),
  };
}

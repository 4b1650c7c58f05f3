import {
  activationProblems,
  computeRealisation,
  computeTotals,
  planIssues,
  type ActionPlan,
  type AreaMeasurement,
  type PlanChange,
  type Realisation,
  type PlanIssue,
} from '../../domain/action-plan';
import { formatKroner, ore, toKroner, type Ore } from '../../domain/money';
import { formatDanishDate, type IsoDate } from '../../domain/months';
import type { PlanListRow, PlanMeta, VersionRow } from '../../db/repositories/action-plans';
import {
  describeField,
  planToDocument,
  type ActionPlanChangeOut,
  type ActionPlanListItem,
  type ActionPlanResponse,
  type ActionPlanVersionItem,
  type PlanIssueOut,
  type PlanMeasurementResponse,
} from '../../shared/schemas/action-plan';
import { translate } from '../../shared/i18n/translate';
import type { JsonValue } from '../../shared/schemas/json';

/** A plan issue with its Danish message (amounts in Danish format). */
export function presentIssue(issue: PlanIssue): PlanIssueOut {
  const amounts = Object.fromEntries(
    Object.entries(issue.amounts).map(([k, v]) => [k, formatKroner(v)]),
  );
  return {
    code: issue.code,
    severity: issue.severity,
    path: issue.path,
    message: translate(`actionPlans.issues.${issue.code}`, {
      ...issue.params,
      ...(typeof issue.params.date === 'string'
        ? { date: formatDanishDate(issue.params.date as IsoDate) }
        : {}),
      ...amounts,
      field: describeField(issue.path),
    }),
  };
}

/** GET /api/action-plans/{id}: the interchange document plus id, version, status, totals, issues. */
export function presentPlan(meta: PlanMeta, plan: ActionPlan): ActionPlanResponse {
  const totals = computeTotals(plan.areas);
  const realisation = computeRealisation(plan);
  return {
    id: meta.id,
    unitId: meta.unitId,
    version: meta.version,
    status: meta.status,
    ...planToDocument(plan),
    totals: {
      byMonth: totals.byMonth.map(toKroner),
      byArea: totals.byArea.map((a) => ({ number: a.number, total: toKroner(a.total) })),
      grand: toKroner(totals.grand),
    },
    issues: planIssues(plan).map(presentIssue),
    activationProblems: activationProblems(plan).map(presentIssue),
    realisation: presentRealisation(realisation),
    changedAt: meta.updatedAt,
    changedBy: meta.updatedBy,
  };
}

const kr = (v: Ore | null) => (v === null ? null : toKroner(v));

/** Planned against realised, in kroner. */
export function presentRealisation(realisation: Realisation): ActionPlanResponse['realisation'] {
  return {
    months: realisation.months.map((m) => ({
      month: m.month,
      planned: toKroner(m.planned),
      realised: kr(m.realised),
      cumulativePlanned: toKroner(m.cumulativePlanned),
      cumulativeRealised: kr(m.cumulativeRealised),
    })),
    byArea: realisation.byArea.map((a) => ({
      number: a.number,
      planned: toKroner(a.planned),
      realised: toKroner(a.realised),
    })),
    plannedTotal: toKroner(realisation.plannedTotal),
    realisedTotal: toKroner(realisation.realisedTotal),
  };
}

/** GET /api/action-plans/{id}/measured: the measured areas and the realisation with them, in kroner. */
export function presentMeasurement(m: {
  asOf: string;
  startedOn: string | null;
  areas: readonly AreaMeasurement[];
  realisation: Realisation;
}): PlanMeasurementResponse {
  return {
    asOf: m.asOf,
    startedOn: m.startedOn,
    areas: m.areas.map((a) => ({
      number: a.number,
      actsOn: { kind: a.actsOn.kind, value: a.actsOn.value },
      baseline: a.baseline.map(toKroner),
      committed: a.committed.map(toKroner),
      effect: a.effect.map(kr),
    })),
    realisation: presentRealisation(m.realisation),
  };
}

export function presentListItem(row: PlanListRow): ActionPlanListItem {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    title: row.title,
    year: row.year,
    status: row.status,
    version: row.version,
    grand: toKroner(ore(row.plannedTotalOre)),
    expectedOverspendAtStart:
      row.expectedAtStartOre === null ? null : toKroner(ore(row.expectedAtStartOre)),
    changedAt: row.updatedAt,
  };
}

export function presentVersion(row: VersionRow): ActionPlanVersionItem {
  return {
    version: row.version,
    status: row.status,
    savedAt: row.savedAt,
    savedBy: row.savedBy,
    comment: row.comment,
    grand: toKroner(ore(row.plannedTotalOre)),
  };
}

/** A change between versions, amounts in kroner, with a Danish name for the field. */
export function presentChange(
  change: PlanChange,
  before: ActionPlan,
  after: ActionPlan,
): ActionPlanChangeOut {
  const isAmount = /(monthlyEffect|realisedEffect)\.\d+$|targetAmount$|expectedOverspend\./.test(
    change.path,
  );
  // a change's values are the plan's own JSON: an amount in øre, an area, or a plain value
  const toOut = (v: unknown, plan: ActionPlan): JsonValue => {
    if (isAmount && typeof v === 'number') return toKroner(ore(v));
    if (
      /^areas\[\d+\]$/.test(change.path) &&
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v)
    )
      v = planToDocument({ ...plan, areas: [v as ActionPlan['areas'][number]] }).areas[0];
    return (v ?? null) as JsonValue;
  };
  return {
    path: change.path,
    label: describeChangePath(change.path),
    kind: change.kind,
    before: toOut(change.before, before),
    after: toOut(change.after, after),
  };
}

function describeChangePath(path: string): string {
  const m = /^areas\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (m) {
    const rest = m[2] ? describeField(`x.${m[2]}`).replace(/^X, /, '') : '';
    return `Indsatsområde ${m[1]}${rest ? `, ${rest.charAt(0).toLowerCase()}${rest.slice(1)}` : ''}`;
  }
  if (path === 'areas.order') return 'Rækkefølgen af indsatsområder';
  return describeField(path);
}

import { ore, type Ore } from '../money';
import { areaDifference, computeTotals, type ActionPlan } from './plan';

/**
 * An inconsistency in a plan. `severity` 'error' blocks activation; 'warning' is shown on the
 * plan and in its exports but never blocks. Messages are made from `code` and `params` by the
 * caller (the domain holds no language).
 */
export interface PlanIssue {
  code: PlanIssueCode;
  severity: 'error' | 'warning';
  /** Path in the interchange document, e.g. `areas.2.monthlyEffect`. */
  path: string;
  params: Record<string, string | number>;
  /** Amounts behind the issue, in øre, for messages formatted by the caller. */
  amounts: Record<string, Ore>;
}

export type PlanIssueCode =
  | 'area_months_mismatch'
  | 'area_target_missing'
  | 'effect_below_overspend'
  | 'header_missing'
  | 'no_areas'
  | 'no_overspend'
  | 'no_overspend_forecast';

/**
 * Issues always shown on a plan: an area whose 12 months do not add up to its target amount
 * (exact øre comparison); a planned effect (grand total) below the expected overspend at
 * start (a warning); and an expected overspend at start of zero or less (a warning: the unit is
 * not over budget, so there is nothing for the plan to cover). An area without a target is not
 * compared.
 */
export function planIssues(plan: ActionPlan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  plan.areas.forEach((area, index) => {
    const difference = areaDifference(area);
    if (difference !== null && difference !== 0) {
      issues.push({
        code: 'area_months_mismatch',
        severity: 'error',
        path: `areas.${index}.monthlyEffect`,
        params: { number: area.number },
        amounts: {
          difference,
          target: area.targetAmount ?? (0 as Ore),
          months: ((area.targetAmount ?? 0) + difference) as Ore,
        },
      });
    }
  });
  const { grand } = computeTotals(plan.areas);
  const atStart = plan.expectedOverspend.atStart;
  if (atStart !== null && grand < atStart) {
    issues.push({
      code: 'effect_below_overspend',
      severity: 'warning',
      path: 'expectedOverspend.atStart',
      params: {},
      amounts: { planned: grand, overspend: atStart },
    });
  }
  if (atStart !== null && atStart <= 0) {
    const source = plan.overspendSources.atStart;
    issues.push({
      code: source?.kind === 'forecast' && source.asOf ? 'no_overspend_forecast' : 'no_overspend',
      severity: 'warning',
      path: 'expectedOverspend.atStart',
      params: source?.asOf ? { date: source.asOf } : {},
      amounts: { overspend: atStart, underspend: ore(0 - atStart) },
    });
  }
  return issues;
}

/** Header fields a plan must have before it is presented (activated). */
const REQUIRED_HEADER = [
  ['center.name', (p: ActionPlan) => p.center.name],
  ['center.responsible', (p: ActionPlan) => p.center.responsible],
  ['unit.name', (p: ActionPlan) => p.unit.name],
  ['unit.responsible', (p: ActionPlan) => p.unit.responsible],
  ['startedOn', (p: ActionPlan) => p.startedOn],
  ['expectedOverspend.atStart', (p: ActionPlan) => p.expectedOverspend.atStart],
] as const;

/**
 * What stops a plan from being activated: a missing header field, no areas, an area without a
 * target, and every 'error' issue (months not adding up to the target). Warnings never block.
 */
export function activationProblems(plan: ActionPlan): PlanIssue[] {
  const problems: PlanIssue[] = [];
  for (const [path, get] of REQUIRED_HEADER) {
    const value = get(plan);
    if (value === null || (typeof value === 'string' && value.trim() === '')) {
      problems.push({ code: 'header_missing', severity: 'error', path, params: {}, amounts: {} });
    }
  }
  if (plan.areas.length === 0) {
    problems.push({ code: 'no_areas', severity: 'error', path: 'areas', params: {}, amounts: {} });
  }
  plan.areas.forEach((area, index) => {
    if (area.targetAmount === null) {
      problems.push({
        code: 'area_target_missing',
        severity: 'error',
        path: `areas.${index}.targetAmount`,
        params: { number: area.number },
        amounts: {},
      });
    }
  });
  return [...problems, ...planIssues(plan).filter((i) => i.severity === 'error')];
}

import type { ActionPlan } from './plan';

/** One changed value between two versions of a plan; `path` as in the interchange document. */
export interface PlanChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

/**
 * Every value that differs between two versions of a plan. Areas are matched by their number
 * (not their position), so reordering alone is reported once, as `areas.order`; an area that
 * exists in only one version is reported whole as added or removed. Amounts are compared in øre.
 */
export function diffPlans(before: ActionPlan, after: ActionPlan): PlanChange[] {
  const changes: PlanChange[] = [];
  const { areas: areasBefore, ...headBefore } = before;
  const { areas: areasAfter, ...headAfter } = after;
  diffValue('', headBefore, headAfter, changes);
  const byNumber = new Map(areasBefore.map((a) => [a.number, a]));
  const afterNumbers = new Set(areasAfter.map((a) => a.number));
  for (const area of areasAfter) {
    const old = byNumber.get(area.number);
    const path = `areas[${area.number}]`;
    if (!old) changes.push({ path, kind: 'added', before: null, after: area });
    else diffValue(path, old, area, changes);
  }
  for (const area of areasBefore) {
    if (!afterNumbers.has(area.number)) {
      changes.push({ path: `areas[${area.number}]`, kind: 'removed', before: area, after: null });
    }
  }
  const orderBefore = areasBefore.map((a) => a.number).filter((n) => afterNumbers.has(n));
  const orderAfter = areasAfter.map((a) => a.number).filter((n) => byNumber.has(n));
  if (orderBefore.join(',') !== orderAfter.join(',')) {
    changes.push({ path: 'areas.order', kind: 'changed', before: orderBefore, after: orderAfter });
  }
  return changes;
}

function diffValue(path: string, a: unknown, b: unknown, out: PlanChange[]): void {
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) diffValue(path ? `${path}.${key}` : key, a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.every(isScalar) && b.every(isScalar)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) diffValue(`${path}.${i}`, a[i] ?? null, b[i] ?? null, out);
    return;
  }
  if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
    out.push({ path, kind: 'changed', before: a ?? null, after: b ?? null });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

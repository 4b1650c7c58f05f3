import type { CaseRecord, Intervention } from './types';

/**
 * Rules for changing a case's interventions in the product (the import replaces a case whole).
 * A granted intervention is a decision: it is never edited or deleted in place; it is changed
 * by an expected adjustment that modifies it, later granted (see `grantIntervention`).
 */
export type EditProblem = 'not_found' | 'granted' | 'adjusted';

/**
 * Whether the intervention `ref` may be edited in place: only drafts and expected (not yet
 * decided) interventions may; a granted one gives 'granted', an unknown ref 'not_found'.
 */
export function editProblem(record: CaseRecord, ref: string): EditProblem | null {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) return 'not_found';
  if (target.status === 'granted') return 'granted';
  return null;
}

/**
 * Whether `ref` may be deleted: as for editing, and no other intervention may adjust it
 * ('adjusted'), so an adjustment chain is never broken.
 */
export function deleteProblem(record: CaseRecord, ref: string): EditProblem | null {
  const problem = editProblem(record, ref);
  if (problem) return problem;
  return record.interventions.some((i) => i.modifies === ref) ? 'adjusted' : null;
}

/**
 * The case with `intervention` put in place of `ref` (same position, same ref), or appended
 * when `ref` is null. No other intervention changes.
 */
export function withIntervention(
  record: CaseRecord,
  ref: string | null,
  intervention: Intervention,
): CaseRecord {
  const interventions =
    ref === null
      ? [...record.interventions, intervention]
      : record.interventions.map((i) => (i.ref === ref ? { ...intervention, ref } : i));
  return { ...record, interventions };
}

/** The case without the intervention `ref`; no other intervention changes. */
export function withoutIntervention(record: CaseRecord, ref: string): CaseRecord {
  return { ...record, interventions: record.interventions.filter((i) => i.ref !== ref) };
}

/** A new intervention ref in the case: `<case ref>-<n>` with the lowest n ≥ count + 1 not in use. */
export function nextInterventionRef(record: CaseRecord): string {
  const used = new Set(record.interventions.map((i) => i.ref));
  let n = record.interventions.length + 1;
  while (used.has(`${record.ref}-${n}`)) n += 1;
  return `${record.ref}-${n}`;
}

/**
 * The adjustment chain that `ref` belongs to, from its root (the intervention adjusting no
 * other in the case) down through every intervention adjusting it, in decision order; cycles
 * (rejected on input) are cut where they close.
 */
export function adjustmentChain(record: CaseRecord, ref: string): Intervention[] {
  const byRef = new Map(record.interventions.map((i) => [i.ref, i]));
  let root = byRef.get(ref);
  const seen = new Set<string>();
  while (root && root.modifies !== null && !seen.has(root.ref)) {
    seen.add(root.ref);
    const parent = byRef.get(root.modifies);
    if (!parent) break;
    root = parent;
  }
  if (!root) return [];
  const chain: Intervention[] = [];
  const visit = (i: Intervention) => {
    if (chain.includes(i)) return;
    chain.push(i);
    record.interventions
      .filter((c) => c.modifies === i.ref)
      .sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0))
      .forEach(visit);
  };
  visit(root);
  return chain;
}

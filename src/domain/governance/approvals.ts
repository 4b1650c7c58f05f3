import { activeInterval, isMeasure } from '../cases/families';
import { analyseCase, expectedCutoff } from '../cases/analysis';
import { CATEGORY_GROUPS, type CaseRecord, type Intervention } from '../cases/types';
import type { IsoDate } from '../months';

/**
 * Approval rules (godkendelsesregler): data an administrator tunes, each naming one check. A
 * grant that an enabled rule catches is not made at once: it becomes a request that the unit's
 * funktionsleder decides (kind 'approval', "afventer godkendelse") or a visitation meeting
 * decides (kind 'visitation', "til visitation"); until then the intervention stays expected.
 */
export const APPROVAL_RULE_IDS = ['household_several', 'visitation_category'] as const;
export type ApprovalRuleId = (typeof APPROVAL_RULE_IDS)[number];
export type ApprovalKind = 'approval' | 'visitation';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface HouseholdSeveralParams {
  /** the most measures a household may have in force at once without approval (≥ 1) */
  maxMeasures: number;
}

export interface VisitationCategoryParams {
  /** categories (codes of the category catalogue) decided at a visitation meeting */
  categories: string[];
}

export type ApprovalRule =
  | {
      id: 'household_several';
      kind: ApprovalKind;
      enabled: boolean;
      params: HouseholdSeveralParams;
    }
  | {
      id: 'visitation_category';
      kind: ApprovalKind;
      enabled: boolean;
      params: VisitationCategoryParams;
    };

/** Why a rule caught a grant: what an approver reads next to the request. */
export type ApprovalCatch =
  | {
      rule: 'household_several';
      /** measures the household would have in force at once, this one included */
      measures: number;
      maxMeasures: number;
      /** the household's cases holding the other measures */
      caseRefs: string[];
    }
  | { rule: 'visitation_category'; category: string };

/**
 * Household rule: granting `ref` in case `caseRef` would give the household more than
 * `maxMeasures` measures in force at the same time. Counted as the families statement counts
 * (`familiesWithSeveral`): a measure is an adjustment chain of granted interventions, as decided
 * by now; drafts, follow-on costs and income lines are not measures (`isMeasure`). The new
 * intervention is in force from its start to its end (or last payment); another measure counts
 * when its days in force overlap those. An adjustment of a measure already granted adds no
 * measure and is never caught by this rule. Returns null when not caught.
 */
export function householdCatch(
  household: readonly CaseRecord[],
  caseRef: string,
  ref: string,
  params: HouseholdSeveralParams,
): ApprovalCatch | null {
  const record = household.find((c) => c.ref === caseRef);
  const target = record?.interventions.find((i) => i.ref === ref);
  if (!record || !target) return null;
  const asGranted: Intervention = { ...target, status: 'granted' };
  if (!isMeasure(asGranted)) return null;
  const own = analyseCase(record, null);
  const root = own.root.get(ref) ?? ref;
  const chainGranted = own.visible.some(
    (i) =>
      i.ref !== ref &&
      i.status === 'granted' &&
      !own.withdrawn.has(i.ref) &&
      own.root.get(i.ref) === root,
  );
  if (chainGranted) return null;
  const span = activeInterval(asGranted, null);
  if (!span) return null;
  const chains = new Set<string>();
  const caseRefs = new Set<string>();
  for (const c of household) {
    const analysis = c.ref === caseRef ? own : analyseCase(c, null);
    for (const i of analysis.visible) {
      if (i.status !== 'granted' || analysis.withdrawn.has(i.ref)) continue;
      const iRoot = analysis.root.get(i.ref) ?? i.ref;
      if (c.ref === caseRef && iRoot === root) continue;
      const interval = activeInterval(i, expectedCutoff(i, analysis));
      if (!interval || interval[1] < span[0] || interval[0] > span[1]) continue;
      chains.add(`${c.ref}\u0000${iRoot}`);
      caseRefs.add(c.ref);
    }
  }
  const measures = chains.size + 1;
  if (measures <= params.maxMeasures) return null;
  return {
    rule: 'household_several',
    measures,
    maxMeasures: params.maxMeasures,
    caseRefs: [...caseRefs].sort(),
  };
}

/**
 * What the enabled rules catch when `ref` in case `caseRef` is granted; `household` holds every
 * case of the case's household (the case itself included), as stored now. Empty: grant at once.
 */
export function grantCatches(
  rules: readonly ApprovalRule[],
  household: readonly CaseRecord[],
  caseRef: string,
  ref: string,
): ApprovalCatch[] {
  const target = household.find((c) => c.ref === caseRef)?.interventions.find((i) => i.ref === ref);
  if (!target) return [];
  const out: ApprovalCatch[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.id === 'household_several') {
      const caught = householdCatch(household, caseRef, ref, rule.params);
      if (caught) out.push(caught);
    } else if (rule.params.categories.includes(target.category)) {
      out.push({ rule: 'visitation_category', category: target.category });
    }
  }
  return out;
}

/**
 * Who decides a request: a visitation meeting when a rule of kind 'visitation' caught it (the
 * meeting, where the funktionsleder takes part, decides also what the other rules ask),
 * otherwise the funktionsleder.
 */
export function approvalKindOf(
  rules: readonly ApprovalRule[],
  catches: readonly ApprovalCatch[],
): ApprovalKind {
  const kinds = new Map(rules.map((r) => [r.id, r.kind]));
  return catches.some((c) => kinds.get(c.rule) === 'visitation') ? 'visitation' : 'approval';
}

/** Problems with a rule's parameters as an administrator enters them (paths under `params`). */
export function ruleParamProblems(
  id: ApprovalRuleId,
  params: unknown,
): { path: string; code: 'integer_range' | 'unknown_category' | 'required' }[] {
  const p = (params ?? {}) as Record<string, unknown>;
  if (id === 'household_several') {
    const max = p.maxMeasures;
    return typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= 20
      ? []
      : [{ path: 'params.maxMeasures', code: 'integer_range' }];
  }
  const categories = p.categories;
  if (!Array.isArray(categories) || categories.length === 0)
    return [{ path: 'params.categories', code: 'required' }];
  return categories.flatMap((c, n) =>
    typeof c === 'string' && c in CATEGORY_GROUPS
      ? []
      : [{ path: `params.categories.${n}`, code: 'unknown_category' as const }],
  );
}

/**
 * The rules that apply to a grant on `day`: enabled and in effect on that day (`effectiveFrom`
 * on or before it). For a grant registered in Overblik `day` is the day it is registered, so a
 * backdated decision date does not escape a rule; for a granted intervention in an import it is
 * the decision date the case system recorded (decisions before a rule took effect are history).
 */
export function rulesInForce<R extends { enabled: boolean; effectiveFrom: IsoDate }>(
  rules: readonly R[],
  day: IsoDate,
): R[] {
  return rules.filter((r) => r.enabled && r.effectiveFrom <= day);
}

/** An intervention as expected: not granted, so without the day it was granted. */
export function asExpected(i: Intervention): Intervention {
  const out: Intervention = { ...i, status: 'expected' };
  delete out.grantedOn;
  return out;
}

/** A granted intervention of an import that a rule caught: imported as expected, to be decided. */
export interface HeldGrant {
  caseRef: string;
  ref: string;
  catches: ApprovalCatch[];
  kind: ApprovalKind;
}

/**
 * An import: which of the granted interventions in
 * `candidates` (newly granted by the import, in document order) the rules catch. Each is checked
 * with the rules in force on its own decision date, against the households as the import leaves
 * them, with the candidates before it as they came out (granted, or held) and those after it not
 * yet granted, just as if they had been granted one by one on the grant button. A caught one is
 * imported as expected and returned as held; the others stay granted. `records` holds every case
 * of the households concerned, the imported version replacing the stored one.
 */
export function holdCaughtGrants(
  rules: readonly (ApprovalRule & { effectiveFrom: IsoDate })[],
  records: readonly CaseRecord[],
  candidates: readonly { caseRef: string; ref: string }[],
): { records: CaseRecord[]; held: HeldGrant[] } {
  const key = (caseRef: string, ref: string) => `${caseRef}\u0000${ref}`;
  const pending = new Set(candidates.map((c) => key(c.caseRef, c.ref)));
  const original = new Map(
    records.flatMap((c) => c.interventions.map((i) => [key(c.ref, i.ref), i] as const)),
  );
  // by case ref and by household, so each candidate costs its household, not every record
  const working = new Map(
    records.map((c): [string, CaseRecord] => [
      c.ref,
      {
        ...c,
        interventions: c.interventions.map((i) =>
          pending.has(key(c.ref, i.ref)) ? asExpected(i) : i,
        ),
      },
    ]),
  );
  const refsOfHousehold = new Map<string, string[]>();
  for (const c of records) {
    const refs = refsOfHousehold.get(c.household);
    if (refs) refs.push(c.ref);
    else refsOfHousehold.set(c.household, [c.ref]);
  }
  const restore = (caseRef: string, ref: string) => {
    const c = working.get(caseRef);
    if (!c) return;
    working.set(caseRef, {
      ...c,
      interventions: c.interventions.map((i) =>
        i.ref === ref ? (original.get(key(caseRef, ref)) ?? i) : i,
      ),
    });
  };
  const held: HeldGrant[] = [];
  for (const candidate of candidates) {
    const record = working.get(candidate.caseRef);
    const target = record?.interventions.find((i) => i.ref === candidate.ref);
    if (!record || !target) continue;
    const inForce = rulesInForce(rules, target.decidedOn);
    const household = (refsOfHousehold.get(record.household) ?? []).flatMap((ref) => {
      const c = working.get(ref);
      return c ? [c] : [];
    });
    const catches = grantCatches(inForce, household, candidate.caseRef, candidate.ref);
    if (catches.length === 0) {
      restore(candidate.caseRef, candidate.ref);
    } else {
      held.push({ ...candidate, catches, kind: approvalKindOf(inForce, catches) });
    }
  }
  return { records: records.map((c) => working.get(c.ref) ?? c), held };
}

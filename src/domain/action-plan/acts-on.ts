import { CATEGORY_GROUPS } from '../cases/types';

/**
 * What an intervention area acts on ("Virker på"): one slice of the plan's unit's commitments.
 * - 'category_group': a category group of the interventions (anbringelse, forebyggende, …);
 * - 'provider': the provider kind, 'ekstern' or 'intern' (as the commitment statement splits it);
 * - 'account_function': an account function of the chart of accounts (5.28.22, …);
 * - 'unit': the plan's whole unit (its id).
 * An area that names nothing has its realised effect entered by hand.
 */
export type ActsOnKind = 'category_group' | 'provider' | 'account_function' | 'unit';
export const ACTS_ON_KINDS: readonly ActsOnKind[] = [
  'category_group',
  'provider',
  'account_function',
  'unit',
];

export interface ActsOn {
  kind: ActsOnKind;
  value: string;
}

/** The category groups an area may act on, in the order the statement lists them. */
export const ACTS_ON_CATEGORY_GROUPS: readonly string[] = [
  ...new Set<string>(Object.values(CATEGORY_GROUPS)),
];

/** The provider kinds an area may act on (the keys of the statement's split by provider). */
export const ACTS_ON_PROVIDERS: readonly string[] = ['ekstern', 'intern'];

/** What a value is checked against: the chart of accounts' functions and the plan's unit. */
export interface ActsOnChoices {
  accountFunctions: readonly string[];
  unitId: string;
}

export type ActsOnProblem =
  'unknown_category_group' | 'unknown_provider' | 'unknown_function' | 'other_unit';

/**
 * Why a named target cannot be measured in the plan's unit, or null when it can: the value must
 * be one of the choices the editor offers for its kind (a unit only as the plan's own unit, since
 * the measurement is always within it).
 */
export function actsOnProblem(actsOn: ActsOn, choices: ActsOnChoices): ActsOnProblem | null {
  switch (actsOn.kind) {
    case 'category_group':
      return ACTS_ON_CATEGORY_GROUPS.includes(actsOn.value) ? null : 'unknown_category_group';
    case 'provider':
      return ACTS_ON_PROVIDERS.includes(actsOn.value) ? null : 'unknown_provider';
    case 'account_function':
      return choices.accountFunctions.includes(actsOn.value) ? null : 'unknown_function';
    case 'unit':
      return actsOn.value === choices.unitId ? null : 'other_unit';
  }
}

/** The fields of a case and an intervention that decide whether an area acts on its cost. */
export interface ActsOnSubject {
  unit: string;
  category: string;
  external: boolean;
  accountFunction: string;
}

/**
 * Whether an intervention's cost lies in an area's scope: the plan's unit ∩ what the area acts
 * on. A category outside the known list counts as 'andet', as in the statement.
 */
export function actsOnIncludes(actsOn: ActsOn, unitId: string, subject: ActsOnSubject): boolean {
  if (subject.unit !== unitId) return false;
  switch (actsOn.kind) {
    case 'category_group':
      return categoryGroupOf(subject.category) === actsOn.value;
    case 'provider':
      return (subject.external ? 'ekstern' : 'intern') === actsOn.value;
    case 'account_function':
      return subject.accountFunction === actsOn.value;
    case 'unit':
      return actsOn.value === unitId;
  }
}

function categoryGroupOf(category: string): string {
  return (CATEGORY_GROUPS as Record<string, string>)[category] ?? 'andet';
}

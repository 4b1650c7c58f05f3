import type { Ore } from '../money';
import type { IsoDate } from '../months';

/**
 * The case economy as the domain sees it: amounts in øre, dates as `YYYY-MM-DD`. The
 * interchange format (kroner, refs) is converted to this at the edge.
 */
export type InterventionKind = 'main' | 'supplementary';
export type InterventionStatus = 'draft' | 'expected' | 'granted';
export type Frequency = 'daily' | 'weekly' | 'biweekly' | 'monthly';
export type PaymentType = 'running' | 'one-time' | 'individual';

export interface PaymentPlan {
  type: PaymentType;
  /** running only */
  frequency?: Frequency | null;
  /** running monthly only, 1–31; beyond a month's length it falls on the last day */
  dayOfMonth?: number | null;
  /** one-time only; null = the intervention's start date */
  date?: IsoDate | null;
  /** fixed amount of one payment, øre */
  amountOre?: Ore | null;
  /** units × the rate in force on the payment's date (units with at most two decimals) */
  units?: number | null;
  rate?: string | null;
  /** individual only */
  payments?: { date: IsoDate; amountOre: Ore }[] | null;
  /**
   * running monthly only: the first and last month pay amount × days covered / days in the
   * month (pro rata), rounded half away from zero to whole øre; default false (whole months)
   */
  proRata?: boolean | null;
}

/**
 * A later decision that ends an intervention. It is a dated fact, not an edit: a statement as
 * of a date before `decidedOn` does not see it (see `history.ts`).
 */
export interface InterventionEnding {
  /** the last day the intervention runs (inclusive) from this decision on */
  endDate: IsoDate;
  /** when the ending was decided */
  decidedOn: IsoDate;
  /** the adjustment whose grant ended it, or null for an ending decided on its own */
  by: string | null;
  /**
   * the adjustment replaced it from its own start (it started on or before this one): from
   * `decidedOn` on, the intervention counts nothing
   */
  removed: boolean;
}

export interface Intervention {
  ref: string;
  kind: InterventionKind;
  status: InterventionStatus;
  /** ref of the intervention in the same case that this one adjusts */
  modifies: string | null;
  decidedOn: IsoDate;
  category: string;
  paragraph: string;
  provider: { name: string; external: boolean };
  accountFunction: string;
  startDate: IsoDate;
  /** inclusive; null = until further notice */
  endDate: IsoDate | null;
  /** følgeudgift: a cost that follows a placement, booked separately */
  followOn: boolean;
  payment: PaymentPlan;
  /**
   * when an intervention registered as expected was granted (the grant act); before that day
   * it is still expected. Absent or null: granted as decided (`decidedOn`).
   */
  grantedOn?: IsoDate | null;
  /** endings decided after the intervention itself (by the grant of an adjustment, or an end) */
  endings?: InterventionEnding[] | null;
}

/** What an intervention's cost depends on: the statements' arithmetic reads only these fields. */
export type CostIntervention = Pick<
  Intervention,
  | 'ref'
  | 'status'
  | 'modifies'
  | 'decidedOn'
  | 'startDate'
  | 'endDate'
  | 'payment'
  | 'accountFunction'
  | 'followOn'
  | 'grantedOn'
  | 'endings'
>;

/** A case as far as its cost goes (a `CaseRecord` is one). */
export interface CostCase {
  ref: string;
  unit: string;
  person: { ref: string; birthDate: IsoDate | null };
  interventions: CostIntervention[];
}

export interface CaseRecord {
  ref: string;
  household: string;
  unit: string;
  person: { ref: string; birthDate: IsoDate | null };
  interventions: Intervention[];
}

export interface RatePeriod {
  /** included; null = open (in force from the beginning) */
  from: IsoDate | null;
  /** excluded; null = open */
  to: IsoDate | null;
  amountOre: Ore;
}

export interface Rate {
  code: string;
  name: string;
  source: string | null;
  periods: RatePeriod[];
}

/** A problem found while computing (not a validation error): e.g. no rate in force. */
export interface ComputeIssue {
  caseRef: string;
  interventionRef: string;
  code: 'rate_missing';
  date: IsoDate;
  rate: string;
}

export const AGE_BANDS = ['0-12', '13-17', '18-22', '23+', 'ukendt'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The category catalogue: code → group; the names live in the translation files. */
export const CATEGORY_GROUPS = {
  'anbringelse-plejefamilie': 'anbringelse',
  'anbringelse-netvaerksplejefamilie': 'anbringelse',
  'anbringelse-doegninstitution': 'anbringelse',
  'anbringelse-opholdssted': 'anbringelse',
  'anbringelse-eget-vaerelse': 'anbringelse',
  familiebehandling: 'forebyggende',
  'praktisk-paedagogisk-stoette': 'forebyggende',
  kontaktperson: 'forebyggende',
  aflastning: 'forebyggende',
  'forebyggende-andet': 'forebyggende',
  eftervaern: 'eftervaern',
  merudgifter: 'handicapkompensation',
  'tabt-arbejdsfortjeneste': 'handicapkompensation',
  andet: 'andet',
} as const;
export type CategoryCode = keyof typeof CATEGORY_GROUPS;
/** The category codes in the catalogue's order. */
export const CATEGORY_CODES = Object.keys(CATEGORY_GROUPS) as CategoryCode[];
/** Whether a text is one of the catalogue's category codes (a case never gets another). */
export function isCategoryCode(text: string): text is CategoryCode {
  return Object.hasOwn(CATEGORY_GROUPS, text);
}

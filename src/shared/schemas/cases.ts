import { z } from 'zod';
import { CASES_FORMAT } from '../../domain/cases/document';
import { FreeText, nameWarnings, refuseUnstorableText, type FieldWarning } from './text';

/**
 * The cases interchange format `overblik/cases@1` (docs/formats.md): the structure only. The
 * rules a field's value must follow (dates, day of month, two decimals, adjustments in the same
 * case, known rates, no cycles) are checked by the domain's `readCasesDocument`, so one answer
 * lists every problem with its path.
 */
const ref = FreeText.min(1, 'Skal udfyldes.').max(200, 'Må højst være 200 tegn.');
const text = FreeText.max(500, 'Må højst være 500 tegn.');
const dateText = z.string({ error: 'Skal være en dato (ÅÅÅÅ-MM-DD).' });
const num = z.number({ error: 'Skal være et tal.' });

export const CasePaymentSchema = z.object({
  type: z.enum(['running', 'one-time', 'individual'], {
    error: 'Skal være running, one-time eller individual.',
  }),
  frequency: z
    .enum(['daily', 'weekly', 'biweekly', 'monthly'], {
      error: 'Skal være daily, weekly, biweekly eller monthly.',
    })
    .nullish(),
  dayOfMonth: num.nullish(),
  date: dateText.nullish(),
  amount: num.nullish(),
  units: num.nullish(),
  rate: FreeText.max(200, 'Må højst være 200 tegn.').nullish(),
  payments: z.array(z.object({ date: dateText, amount: num })).nullish(),
  proRata: z.boolean({ error: 'Skal være true eller false.' }).nullish(),
});

export const CaseInterventionSchema = z.object({
  ref,
  kind: z.enum(['main', 'supplementary'], { error: 'Skal være main eller supplementary.' }),
  status: z.enum(['draft', 'expected', 'granted'], {
    error: 'Skal være draft, expected eller granted.',
  }),
  modifies: FreeText.max(200, 'Må højst være 200 tegn.').nullish(),
  decidedOn: dateText,
  category: ref,
  paragraph: text.nullish(),
  provider: z.object({ name: text, external: z.boolean({ error: 'Skal være true eller false.' }) }),
  accountFunction: ref,
  startDate: dateText,
  endDate: dateText.nullish(),
  followOn: z.boolean().nullish(),
  payment: CasePaymentSchema,
  grantedOn: dateText.nullish(),
  endings: z
    .array(
      z.object({
        endDate: dateText,
        decidedOn: dateText,
        by: FreeText.max(200, 'Må højst være 200 tegn.').nullish(),
        removed: z.boolean().nullish(),
      }),
    )
    .nullish(),
});

/** An intervention as a caseworker enters it: a decision is granted afterwards, never here. */
export const CaseInterventionInputSchema = CaseInterventionSchema.omit({
  grantedOn: true,
  endings: true,
}).extend({
  ref: ref.nullish(),
  status: z.enum(['draft', 'expected'], {
    error: 'Skal være draft eller expected: en indsats bevilges bagefter.',
  }),
});

/**
 * A correction of a granted intervention's wrong data: its fields as they should have been
 * typed (its ref, status, the intervention it adjusts and later decisions stay) and why.
 */
export const CaseCorrectionSchema = z.object({
  version: z.number().int(),
  reason: z
    .string({ error: 'Skriv hvorfor indsatsen rettes.' })
    .superRefine(refuseUnstorableText)
    .max(1000, 'Må højst være 1000 tegn.'),
  intervention: CaseInterventionSchema.omit({
    ref: true,
    status: true,
    modifies: true,
    grantedOn: true,
    endings: true,
  }),
});

/** A new case: the case system's references only (no CPR number, no names). */
export const NewCaseSchema = z.object({
  ref,
  household: ref,
  unitId: z.string({ error: 'Skal være tekst.' }),
  person: z.object({ ref, birthDate: dateText.nullish() }),
});

export const CaseSchema = z.object({
  ref,
  household: ref,
  unit: ref,
  person: z.object({ ref, birthDate: dateText.nullish() }),
  interventions: z.array(CaseInterventionSchema),
});

export const CaseRateSchema = z.object({
  code: ref,
  name: text,
  source: text.nullish(),
  periods: z.array(z.object({ from: dateText, to: dateText.nullish(), amount: num })),
});

export const CasesDocumentSchema = z.object({
  format: z.literal(CASES_FORMAT, { error: `Skal være "${CASES_FORMAT}".` }),
  rates: z.array(CaseRateSchema).optional(),
  cases: z.array(CaseSchema),
});
export type CasesDocument = z.infer<typeof CasesDocumentSchema>;

/**
 * Warnings for a document's references that look like a person's name: the case's, the
 * household's, the person's and each intervention's ref (`nameWarnings`).
 */
export function caseRefWarnings(
  cases: readonly {
    ref: string;
    household: string;
    person: { ref: string };
    interventions?: readonly { ref: string }[];
  }[],
  prefix = (ci: number) => `cases.${ci}.`,
): FieldWarning[] {
  return nameWarnings(
    cases.flatMap((c, ci) => [
      { path: `${prefix(ci)}ref`, value: c.ref },
      { path: `${prefix(ci)}household`, value: c.household },
      { path: `${prefix(ci)}person.ref`, value: c.person.ref },
      ...(c.interventions ?? []).map((i, ii) => ({
        path: `${prefix(ci)}interventions.${ii}.ref`,
        value: i.ref,
      })),
    ]),
  );
}

/** The category groups a statement can be limited to. */
export const CATEGORY_GROUP_NAMES = [
  'anbringelse',
  'forebyggende',
  'eftervaern',
  'handicapkompensation',
  'andet',
] as const;

/** The dimensions a commitment statement can be split by. */
export const STATEMENT_DIMENSIONS = [
  'month',
  'unit',
  'accountFunction',
  'category',
  'provider',
  'providerName',
  'ageBand',
] as const;
export type StatementDimensionName = (typeof STATEMENT_DIMENSIONS)[number];

export interface MonthTotalsJson {
  total: number;
  byMonth: number[];
}

export interface CommitmentsJson {
  year: number;
  asOf: string;
  unit: string | null;
  case: string | null;
  /**
   * whether the answer names cases and households (the reader holds `case.read` in its units);
   * false: the totals only, and the lists of cases, households and measures are empty
   */
  caseLevel: boolean;
  expected: MonthTotalsJson;
  granted: MonthTotalsJson;
  lastYear: { year: number; asOf: string; expected: MonthTotalsJson; granted: MonthTotalsJson };
  issues: { case: string; intervention: string; code: string; date: string; rate: string }[];
}

export interface StatementJson {
  year: number;
  asOf: string;
  unit: string | null;
  group: string | null;
  /** the kind of provider (`ekstern`/`intern`) the statement is limited to, or null for both */
  kind: 'ekstern' | 'intern' | null;
  /** the provider (the register's name) the statement is limited to, or null for all */
  provider: string | null;
  by: StatementDimensionName;
  /**
   * whether the answer names cases and households (the reader holds `case.read` in its units);
   * false: the totals only, and the lists of cases, households and measures are empty
   */
  caseLevel: boolean;
  expected: MonthTotalsJson;
  granted: MonthTotalsJson;
  lastYearExpected: number;
  fullYearPersons: { total: number; byBand: Record<string, number> };
  /**
   * corrections made after `asOf` that the figures include, and the expected cost as the
   * statement gave it on `asOf` itself; null when nothing was corrected since
   */
  correctedSince: { count: number; expectedAsRecorded: number } | null;
  rows: {
    key: string;
    label: string;
    expected: number;
    granted: number;
    /** the cases behind the row, each with its part of the row's figures (kroner) */
    cases: { id: string; ref: string; expected: number; granted: number }[];
  }[];
}

export interface MovementJson {
  year: number;
  from: string;
  to: string;
  unit: string | null;
  /**
   * whether the answer names cases and households (the reader holds `case.read` in its units);
   * false: the totals only, and the lists of cases, households and measures are empty
   */
  caseLevel: boolean;
  committedFrom: number;
  committedTo: number;
  difference: number;
  groups: Record<MovementKindJson, { count: number; amount: number }>;
  items: {
    kind: MovementKindJson;
    caseId: string;
    case: string;
    intervention: string;
    from: number;
    to: number;
    amount: number;
  }[];
  /** the corrections made in the period, in order (their effect is in the `correction` items) */
  corrections: (CorrectionJson & { caseId: string; case: string; measure: string })[];
}

/** Decisions (new, ended, changed) and corrections of wrong data. */
export type MovementKindJson = 'new' | 'ended' | 'changed' | 'correction';

/** A correction of a granted intervention as shown: who, when, why, and what changed. */
export interface CorrectionJson {
  intervention: string;
  /** the day it was made (Copenhagen) */
  correctedOn: string;
  /** when it was stored (UTC, ISO 8601) */
  at: string;
  by: string;
  byName: string;
  reason: string;
  /** the fields it changed, each before and after (amounts in kroner, as in the format) */
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface FamiliesJson {
  date: string;
  unit: string | null;
  /**
   * whether the answer names cases and households (the reader holds `case.read` in its units);
   * false: the totals only, and the lists of cases, households and measures are empty
   */
  caseLevel: boolean;
  bands: {
    band: string;
    families: number;
    interventions: number;
    perFamily: number;
    households: {
      household: string;
      interventions: number;
      cases: { id: string; ref: string }[];
    }[];
  }[];
}

export interface ReimbursementJson {
  year: number;
  asOf: string;
  unit: string | null;
  /**
   * whether the answer names cases and households (the reader holds `case.read` in its units);
   * false: the totals only, and the lists of cases, households and measures are empty
   */
  caseLevel: boolean;
  thresholds: { validFrom: string; t25: number; t50: number; t75: number; source: string } | null;
  expectedReimbursement: number;
  households: {
    household: string;
    cases: { id: string; ref: string }[];
    gross: number;
    net: number;
    netByMonth: number[];
    reimbursementByMonth: number[];
    reimbursement: number;
  }[];
}

export interface CaseSummaryJson {
  id: string;
  ref: string;
  household: string;
  unit: { id: string; name: string };
  person: string;
  ageBand: string;
  interventions: number;
  active: number;
}

export interface CaseDetailJson {
  id: string;
  ref: string;
  household: string;
  unit: { id: string; name: string };
  person: { ref: string; birthDate: string | null; ageBand: string };
  version: number;
  /** whether the reader may register and adjust interventions in the case */
  canWrite: boolean;
  /** whether the reader may correct wrong data in its granted interventions */
  canCorrect: boolean;
  /** the corrections of its interventions, in the order they were made */
  corrections: CorrectionJson[];
  year: number;
  expected: MonthTotalsJson;
  granted: MonthTotalsJson;
  interventions: {
    ref: string;
    kind: string;
    status: string;
    modifies: string | null;
    decidedOn: string;
    category: string;
    paragraph: string;
    provider: { name: string; external: boolean };
    accountFunction: string;
    startDate: string;
    /** the end in force: the decided end, or an earlier ending decided later */
    endDate: string | null;
    /** the end as the intervention itself was decided */
    decidedEndDate: string | null;
    /** the day it was granted (null while draft or expected) */
    grantedOn: string | null;
    /** endings decided after it, in the order recorded */
    endings: { endDate: string; decidedOn: string; by: string | null; removed: boolean }[];
    /** an adjustment replaced it from its start: it counts nothing */
    withdrawn: boolean;
    followOn: boolean;
    payment: Record<string, unknown>;
    expected: number;
    granted: number;
  }[];
}

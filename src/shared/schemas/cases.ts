import { z } from 'zod';
import { CASES_FORMAT } from '../../domain/cases/document';
import { JsonValueSchema } from './json';
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
  periods: z.array(z.object({ from: dateText.nullish(), to: dateText.nullish(), amount: num })),
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

// The answers of the cases and commitments routes. Amounts are kroner (two decimals at most).

const kroner = z.number().meta({ description: 'kroner' });
const day = z.string().meta({ description: 'YYYY-MM-DD' });
const caseLevel = z.boolean().meta({
  description:
    'whether the answer names cases and households (the reader holds `case.read` in its units); false: the totals only, and the lists of cases, households and measures are empty',
});
const CaseRefSchema = z.object({ id: z.string(), ref: z.string() });

export const MonthTotalsSchema = z.object({
  total: kroner,
  byMonth: z.array(z.number()).length(12).meta({ description: 'kroner, January first' }),
});
export type MonthTotalsJson = z.infer<typeof MonthTotalsSchema>;

export const CommitmentsSchema = z
  .object({
    year: z.number().int(),
    asOf: day,
    unit: z.string().nullable(),
    case: z.string().nullable(),
    caseLevel,
    expected: MonthTotalsSchema,
    granted: MonthTotalsSchema,
    lastYear: z.object({
      year: z.number().int(),
      asOf: day,
      expected: MonthTotalsSchema,
      granted: MonthTotalsSchema,
    }),
    issues: z.array(
      z.object({
        case: z.string(),
        intervention: z.string(),
        code: z.string(),
        date: day,
        rate: z.string(),
      }),
    ),
  })
  .meta({ id: 'Commitments' });
export type CommitmentsJson = z.infer<typeof CommitmentsSchema>;

export const StatementSchema = z
  .object({
    year: z.number().int(),
    asOf: day,
    unit: z.string().nullable(),
    group: z.string().nullable(),
    kind: z.enum(['ekstern', 'intern']).nullable().meta({
      description:
        'the kind of provider (`ekstern`/`intern`) the statement is limited to, or null for both',
    }),
    provider: z.string().nullable().meta({
      description:
        "the provider (the register's name) the statement is limited to, or null for all",
    }),
    by: z.enum(STATEMENT_DIMENSIONS),
    caseLevel,
    expected: MonthTotalsSchema,
    granted: MonthTotalsSchema,
    lastYearExpected: kroner,
    fullYearPersons: z.object({ total: z.number(), byBand: z.record(z.string(), z.number()) }),
    correctedSince: z
      .object({ count: z.number().int(), expectedAsRecorded: kroner })
      .nullable()
      .meta({
        description:
          'corrections made after `asOf` that the figures include, and the expected cost as the statement gave it on `asOf` itself; null when nothing was corrected since',
      }),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string().meta({
          description:
            "the unit's name, `5.28.21` with its name, the provider's name, else the key",
        }),
        expected: kroner,
        granted: kroner,
        cases: z
          .array(
            CaseRefSchema.extend({
              expected: kroner.meta({ description: "the case's part of the row, kroner" }),
              granted: kroner.meta({ description: "the case's part of the row, kroner" }),
            }),
          )
          .meta({
            description: "the cases behind the row, each with its part of the row's figures",
          }),
      }),
    ),
  })
  .meta({ id: 'Statement' });
export type StatementJson = z.infer<typeof StatementSchema>;

/** Decisions (new, ended, changed) and corrections of wrong data. */
export const MovementKindSchema = z.enum(['new', 'ended', 'changed', 'correction']);
export type MovementKindJson = z.infer<typeof MovementKindSchema>;

/** A correction of a granted intervention as shown: who, when, why, and what changed. */
export const CorrectionJsonSchema = z.object({
  intervention: z.string(),
  correctedOn: day.meta({ description: 'the day it was made (Copenhagen)' }),
  at: z.string().meta({ description: 'when it was stored (UTC, ISO 8601)' }),
  by: z.string(),
  byName: z.string(),
  reason: z.string(),
  changes: z
    .array(z.object({ field: z.string(), before: JsonValueSchema, after: JsonValueSchema }))
    .meta({
      description:
        'the fields it changed, each before and after (amounts in kroner, as in the format)',
    }),
});
export type CorrectionJson = z.infer<typeof CorrectionJsonSchema>;

export const MovementSchema = z
  .object({
    year: z.number().int(),
    from: day,
    to: day,
    unit: z.string().nullable(),
    caseLevel,
    committedFrom: kroner,
    committedTo: kroner,
    difference: kroner,
    groups: z.record(MovementKindSchema, z.object({ count: z.number().int(), amount: kroner })),
    items: z.array(
      z.object({
        kind: MovementKindSchema,
        caseId: z.string(),
        case: z.string(),
        intervention: z.string(),
        from: kroner,
        to: kroner,
        amount: kroner,
      }),
    ),
    corrections: z
      .array(
        CorrectionJsonSchema.extend({ caseId: z.string(), case: z.string(), measure: z.string() }),
      )
      .meta({
        description:
          'the corrections made in the period, in order (their effect is in the `correction` items)',
      }),
  })
  .meta({ id: 'Movement' });
export type MovementJson = z.infer<typeof MovementSchema>;

export const FamiliesSchema = z
  .object({
    date: day,
    unit: z.string().nullable(),
    caseLevel,
    bands: z.array(
      z.object({
        band: z.string(),
        families: z.number().int(),
        interventions: z.number().int(),
        perFamily: z.number(),
        households: z.array(
          z.object({
            household: z.string(),
            interventions: z.number().int(),
            cases: z.array(CaseRefSchema),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Families' });
export type FamiliesJson = z.infer<typeof FamiliesSchema>;

export const ReimbursementSchema = z
  .object({
    year: z.number().int(),
    asOf: day,
    unit: z.string().nullable(),
    caseLevel,
    thresholds: z
      .object({
        validFrom: day,
        t25: kroner,
        t50: kroner,
        t75: kroner,
        source: z.string(),
      })
      .nullable(),
    expectedReimbursement: kroner,
    households: z.array(
      z.object({
        household: z.string(),
        cases: z.array(CaseRefSchema),
        gross: kroner,
        net: kroner,
        netByMonth: z.array(z.number()),
        reimbursementByMonth: z.array(z.number()),
        reimbursement: kroner,
      }),
    ),
  })
  .meta({ id: 'Reimbursement' });
export type ReimbursementJson = z.infer<typeof ReimbursementSchema>;

export const CaseSummarySchema = z.object({
  id: z.string(),
  ref: z.string(),
  household: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  person: z.string(),
  ageBand: z.string(),
  interventions: z.number().int(),
  active: z.number().int(),
});
export type CaseSummaryJson = z.infer<typeof CaseSummarySchema>;

/** GET /cases: a page of the cases the reader may read, with how many there are. */
export const CaseListSchema = z.object({
  total: z.number().int(),
  cases: z.array(CaseSummarySchema),
});

/** A payment as the format writes it (amounts in kroner). */
const PaymentJsonSchema = z.object({
  type: z.enum(['running', 'one-time', 'individual']),
  frequency: z.enum(['daily', 'weekly', 'biweekly', 'monthly']).nullish(),
  dayOfMonth: z.number().int().nullish(),
  date: day.nullish(),
  amount: kroner.nullish(),
  units: z.number().nullish(),
  rate: z.string().nullish(),
  payments: z.array(z.object({ date: day, amount: kroner })).nullish(),
  proRata: z.boolean().nullish(),
});
export type PaymentJson = z.infer<typeof PaymentJsonSchema>;

export const CaseDetailSchema = z
  .object({
    id: z.string(),
    ref: z.string(),
    household: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    person: z.object({ ref: z.string(), birthDate: day.nullable(), ageBand: z.string() }),
    version: z.number().int(),
    canWrite: z.boolean().meta({
      description: 'whether the reader may register and adjust interventions in the case',
    }),
    canCorrect: z.boolean().meta({
      description: 'whether the reader may correct wrong data in its granted interventions',
    }),
    corrections: z
      .array(CorrectionJsonSchema)
      .meta({ description: 'the corrections of its interventions, in the order they were made' }),
    year: z.number().int(),
    expected: MonthTotalsSchema,
    granted: MonthTotalsSchema,
    interventions: z.array(
      z.object({
        ref: z.string(),
        kind: z.string(),
        status: z.string(),
        modifies: z.string().nullable(),
        decidedOn: day,
        category: z.string(),
        paragraph: z.string(),
        provider: z.object({ name: z.string(), external: z.boolean() }),
        accountFunction: z.string(),
        startDate: day,
        endDate: day.nullable().meta({
          description: 'the end in force: the decided end, or an earlier ending decided later',
        }),
        decidedEndDate: day
          .nullable()
          .meta({ description: 'the end as the intervention itself was decided' }),
        grantedOn: day
          .nullable()
          .meta({ description: 'the day it was granted (null while draft or expected)' }),
        endings: z
          .array(
            z.object({
              endDate: day,
              decidedOn: day,
              by: z.string().nullable(),
              removed: z.boolean(),
            }),
          )
          .meta({ description: 'endings decided after it, in the order recorded' }),
        withdrawn: z
          .boolean()
          .meta({ description: 'an adjustment replaced it from its start: it counts nothing' }),
        followOn: z.boolean(),
        payment: PaymentJsonSchema,
        expected: kroner,
        granted: kroner,
      }),
    ),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetailJson = z.infer<typeof CaseDetailSchema>;

import { z } from 'zod';
import { IsoDateText } from './dates';
import { KronerSchema } from './money';
import { FreeText } from './text';

const Kroner = KronerSchema;
const Year = z.coerce.number().int().min(2000).max(2100);
const IsoDate = IsoDateText;

export const BudgetLineInputSchema = z.object({
  unitId: z.uuid(),
  accountFunction: z.string().regex(/^\d\.\d{2}\.\d{2}$/, 'Funktionen skal skrives som 5.28.21.'),
  original: Kroner,
  transfer: Kroner.default(0),
  monthlyProfile: z.array(z.number().int().min(0).max(1_000_000)).length(12).nullable().optional(),
  /** The version the user edited; null/absent for a new line. */
  version: z.number().int().min(1).nullable().optional(),
});
export type BudgetLineInput = z.infer<typeof BudgetLineInputSchema>;

export const SaveBudgetSchema = z.object({
  lines: z.array(BudgetLineInputSchema).min(1).max(5000),
});

export const BudgetImportSchema = z.object({
  /** Rows as pasted from Excel or a CSV: unit name, function, original, transfer (tab or semicolon). */
  text: z.string().min(1).max(5_000_000),
});

export const CorrectionInputSchema = z.object({
  date: IsoDate,
  amount: Kroner,
  reason: FreeText.max(2000).default(''),
  version: z.number().int().min(1),
});

export const IntakeParamsSchema = z.object({
  method: z.enum(['mean', 'median', 'ratio', 'none']).default('mean'),
  years: z.coerce.number().int().min(1).max(10).default(3),
  factorPercent: z.coerce.number().int().min(0).max(500).default(100),
});

export const ForecastQuerySchema = IntakeParamsSchema.extend({
  year: Year,
  asOf: IsoDate,
  unitId: z.uuid().optional(),
});

export const AdjustmentInputSchema = z.object({
  unitId: z.uuid(),
  accountFunction: z.string().regex(/^\d\.\d{2}\.\d{2}$/, 'Funktionen skal skrives som 5.28.21.'),
  year: z.number().int().min(2000).max(2100),
  amount: Kroner,
  reason: FreeText.max(2000).default(''),
});

export const RoundInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  name: FreeText.trim().min(1, 'Giv runden et navn.').max(200),
  asOf: IsoDate,
  intake: IntakeParamsSchema.optional(),
});

export const RoundCommentSchema = z.object({
  comment: FreeText.max(4000),
  version: z.number().int().min(1),
});

/** The comments of a round's lines, saved together. */
export const RoundCommentsSchema = z.object({
  lines: z.array(RoundCommentSchema.extend({ id: z.uuid() })).max(2000),
});

export const LedgerMappingSchema = z.object({
  date: FreeText.min(1).max(200),
  account: FreeText.min(1).max(200),
  unit: FreeText.min(1).max(200),
  amount: FreeText.min(1).max(200),
  text: FreeText.min(1).max(200).optional(),
  /** Unit codes in the file (omkostningssted) → unit ids; unit names always match too. */
  unitCodes: z.record(FreeText.max(200), z.uuid()).optional(),
});
export type LedgerMapping = z.infer<typeof LedgerMappingSchema>;

export const LedgerSourceSchema = z.object({
  name: FreeText.trim().min(1).max(100),
  mapping: LedgerMappingSchema,
});

/** An account function (5.28.xx) with its name, as `GET /account-functions` answers it. */
export const AccountFunctionSchema = z
  .object({ code: z.string(), name: z.string() })
  .meta({ id: 'AccountFunction' });
export type AccountFunction = z.infer<typeof AccountFunctionSchema>;

/** A budget line of a unit and account function as saved, with its corrections (kroner). */
export const BudgetLineSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    accountFunction: z.string(),
    year: z.number(),
    original: z.number(),
    transfer: z.number(),
    corrections: z.array(
      z.object({
        id: z.string(),
        date: z.string(),
        amount: z.number(),
        reason: z.string(),
        by: z.string(),
      }),
    ),
    corrected: z.number(),
    monthlyProfile: z.array(z.number()).nullable(),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'BudgetLine' });
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

/** GET /budgets/{year}: the year's lines, with the account functions' names. */
export const BudgetSchema = z
  .object({
    year: z.number(),
    accountFunctions: z.array(z.object({ code: z.string(), name: z.string() })),
    lines: z.array(BudgetLineSchema),
  })
  .meta({ id: 'Budget' });
export type Budget = z.infer<typeof BudgetSchema>;

import { z } from 'zod';
import { BACKTEST_METHODS } from '../../domain/forecast/backtest';
import { IntakeParamsSchema } from './budget';
import { KronerSchema as Kroner } from './money';

const Day = z.string().meta({ description: 'YYYY-MM-DD' });
const Instant = z.string().meta({ description: 'UTC, ISO 8601' });
const BacktestMethod = z.enum(BACKTEST_METHODS);

/** A method's mean absolute error over the tested follow-up dates. */
const MethodAccuracy = z.object({ mae: Kroner, maePercent: z.number().nullable() });

/** Every method's accuracy, and the best of them. */
const Accuracy = z.object({
  best: BacktestMethod,
  methods: z.object({
    forecast: MethodAccuracy,
    runRate: MethodAccuracy,
    commitmentsOnly: MethodAccuracy,
  }),
});

/** GET /forecast/backtest: earlier forecasts against the final accounts, per unit. */
export const BacktestSchema = z
  .object({
    years: z.array(z.number().int()),
    months: z.array(z.number().int()),
    intake: IntakeParamsSchema,
    commitmentsAvailable: z.boolean(),
    overall: Accuracy,
    units: z.array(
      Accuracy.extend({
        unitId: z.string(),
        unitName: z.string(),
        points: z.array(
          z.object({
            year: z.number().int(),
            asOf: Day,
            final: Kroner,
            forecast: Kroner,
            runRate: Kroner,
            commitmentsOnly: Kroner,
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Backtest' });
export type Backtest = z.infer<typeof BacktestSchema>;
export type BacktestAccuracy = z.infer<typeof Accuracy>;

/** A manual forecast adjustment as saved. */
export const SavedAdjustmentSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  accountFunction: z.string(),
  year: z.number().int(),
  amount: Kroner,
  reason: z.string(),
});

/** The manual forecast adjustments of a year. */
export const AdjustmentListSchema = z.array(
  z.object({
    id: z.string(),
    unitId: z.string(),
    accountFunction: z.string(),
    amount: Kroner,
    reason: z.string(),
    by: z.string(),
    at: Instant,
  }),
);
export type AdjustmentList = z.infer<typeof AdjustmentListSchema>;

/** A frozen line of a follow-up round, with the responsible person's comment. */
export const RoundLineSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  accountFunction: z.string(),
  budget: Kroner,
  actuals: Kroner,
  committed: Kroner,
  intake: Kroner,
  adjustments: Kroner,
  grossForecast: Kroner,
  refusion: Kroner,
  forecast: Kroner,
  overspend: Kroner,
  comment: z.string(),
  version: z.number().int(),
});
export type RoundLine = z.infer<typeof RoundLineSchema>;

/** A follow-up round: every unit's forecast frozen as of a date. */
export const RoundSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    name: z.string(),
    asOf: Day,
    actualsThrough: Day.nullable(),
    intake: IntakeParamsSchema,
    createdBy: z.string(),
    createdAt: Instant,
    lines: z.array(RoundLineSchema),
  })
  .meta({ id: 'FollowUpRound' });
export type Round = z.infer<typeof RoundSchema>;

const Totals = { budget: Kroner, forecast: Kroner, overspend: Kroner };

/** The rounds of a year with each unit's totals: the trajectory and the comparison. */
export const RoundListSchema = z.object({
  year: z.number().int(),
  rounds: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      asOf: Day,
      createdBy: z.string(),
      units: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          ...Totals,
          actionPlanRequired: z.boolean(),
        }),
      ),
      total: z.object(Totals),
    }),
  ),
});
export type RoundList = z.infer<typeof RoundListSchema>;

/** The causes of a unit's deviation derived from the data, each with its effect in kroner. */
export const CausesSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  asOf: Day,
  lastRound: z.object({ name: z.string(), asOf: Day }).nullable(),
  committedRest: Kroner,
  causes: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      amount: Kroner,
      expected: Kroner.optional(),
      posted: Kroner.optional(),
    }),
  ),
  notDerived: z.array(z.string()),
});
export type Causes = z.infer<typeof CausesSchema>;

/** The parts of a forecast (kroner): what it is made of and what it ends at. */
const Parts = {
  budget: z.number(),
  actuals: z.number(),
  committed: z.number(),
  intake: z.number(),
  adjustments: z.number(),
  grossForecast: z.number().meta({
    description: 'actuals + committed + intake + adjustments, before refusion (kroner)',
  }),
  refusion: z.number().meta({ description: 'expected refusion subtracted (kroner)' }),
  postedRefusion: z.number().meta({ description: 'refusion already posted (kroner)' }),
  forecast: z.number(),
  overspend: z
    .number()
    .meta({ description: 'forventet merforbrug: forecast − corrected budget (kroner)' }),
};
/** One month of the cumulative chart: budget, actual to date, the forecast's path. */
const Month = z.object({
  month: z.number(),
  budget: z.number(),
  actual: z.number().nullable(),
  forecast: z.number(),
});
/** GET /forecast: per unit and account function as of a date, in kroner. */
export const ForecastSchema = z
  .object({
    year: z.number(),
    asOf: z.string(),
    bookedThrough: z.string().nullable().meta({
      description: 'the ledger is complete through this date (null: nothing known)',
    }),
    actualsThrough: z.string().meta({
      description:
        'actual spending is taken through this date (the end of the last month booked and complete as of asOf); the months after it are forecast',
    }),
    method: z.object({
      method: z.string(),
      years: z.number(),
      factorPercent: z.number(),
      description: z.string(),
    }),
    commitmentsAvailable: z.boolean(),
    refusionFrom: z.enum(['cases', 'posted']).meta({
      description:
        "where the expected refusion comes from: the cases' reimbursement, or what is posted",
    }),
    actionPlanThreshold: z.number(),
    area: z.object({ ...Parts, months: z.array(Month) }),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        ...Parts,
        actionPlanRequired: z.boolean(),
        lines: z.array(
          z.object({
            accountFunction: z.string(),
            accountFunctionName: z.string(),
            ...Parts,
            intakeHistory: z.array(z.object({ year: z.number(), intake: z.number() })),
          }),
        ),
        months: z.array(Month),
      }),
    ),
  })
  .meta({ id: 'Forecast' });
export type Forecast = z.infer<typeof ForecastSchema>;
export type ForecastUnit = Forecast['units'][number];
export type ForecastLine = ForecastUnit['lines'][number];
export type ForecastParts = Pick<
  ForecastLine,
  | 'budget'
  | 'actuals'
  | 'committed'
  | 'intake'
  | 'adjustments'
  | 'grossForecast'
  | 'refusion'
  | 'postedRefusion'
  | 'forecast'
  | 'overspend'
>;
export type ForecastMonth = ForecastUnit['months'][number];

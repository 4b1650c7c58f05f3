import { z } from 'zod';

// The status report as the API answers it (amounts in kroner).

const day = z.string().meta({ description: 'YYYY-MM-DD' });
const instant = z.string().meta({ description: 'UTC, ISO 8601' });
const kroner = z.number().meta({ description: 'kroner' });

const CostFigure = z.object({ year: z.number().int(), asOf: day, amount: kroner });
const FamiliesFigure = z.object({ date: day, families: z.number().int(), perFamily: z.number() });

export const StatusReportFocusAreaSchema = z.object({
  title: z.string(),
  action: z.string(),
  judgement: z.string(),
  cost: z.object({ group: z.string(), provider: z.string().nullable() }).nullable(),
  families: z.object({ band: z.string() }).nullable(),
  figures: z.object({
    cost: z
      .object({
        baseline: CostFigure,
        current: CostFigure,
        changePercent: z.number().nullable(),
      })
      .nullable(),
    families: z
      .object({ band: z.string(), baseline: FamiliesFigure, current: FamiliesFigure })
      .nullable(),
  }),
});
export type StatusReportFocusAreaJson = z.infer<typeof StatusReportFocusAreaSchema>;

const OnTimeSchema = z.object({
  held: z.number().int(),
  onTime: z.number().int(),
  overdue: z.number().int(),
  percent: z.number().nullable(),
});

export const ReportIndicatorsSchema = z.object({
  from: day,
  asOf: day,
  reviewsRegisteredFrom: day.nullable().meta({
    description:
      'the day reviews are registered in Overblik from (null: from the beginning). When `asOf` is before it there is no reviews figure (per cent null); else the reviews are counted from the later of it and `from`.',
  }),
  reviews: OnTimeSchema.meta({ description: 'reviews held on time: all cases' }),
  eftervaernReviews: OnTimeSchema.meta({ description: 'reviews held on time: efterværn cases' }),
  families: z
    .object({ date: day, families: z.number().int(), interventions: z.number().int() })
    .meta({ description: 'households with more than one measure in force on the date, all ages' }),
  eftervaernSteppedDown: z.object({ count: z.number().int(), amount: kroner }).meta({
    description:
      'efterværn measures reduced or ended by decisions in the period; amount in kroner (negative)',
  }),
  approvals: z.object({ given: z.number().int(), rejected: z.number().int() }).nullable().meta({
    description:
      'approvals given and rejected in the period; null when no approval rule was in force by its date',
  }),
});
export type ReportIndicatorsJson = z.infer<typeof ReportIndicatorsSchema>;

export const StatusReportSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    year: z.number().int(),
    asOf: day,
    intro: z.string(),
    closing: z.string(),
    status: z.enum(['draft', 'final']),
    version: z.number().int(),
    updatedAt: instant,
    updatedBy: z.string(),
    finalisedAt: instant.nullable(),
    finalisedBy: z.string().nullable(),
    frozen: z
      .boolean()
      .meta({ description: 'true when the figures were frozen when the report was marked final' }),
    focusAreas: z.array(StatusReportFocusAreaSchema),
    indicators: ReportIndicatorsSchema.nullable().optional().meta({
      description: 'computed indicators of the year up to the as-of date',
    }),
  })
  .meta({
    id: 'StatusReport',
    description:
      'A status report with each focus area and its figures (kroner): frozen when final, otherwise computed now',
  });
export type StatusReportJson = z.infer<typeof StatusReportSchema>;

export const StatusReportListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  asOf: day,
  status: z.enum(['draft', 'final']),
  version: z.number().int(),
  updatedAt: instant,
  updatedBy: z.string(),
});
export type StatusReportListItemJson = z.infer<typeof StatusReportListItemSchema>;

/** GET /status-reports */
export const StatusReportListSchema = z.object({ items: z.array(StatusReportListItemSchema) });

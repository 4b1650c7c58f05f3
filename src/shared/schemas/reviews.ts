import { z } from 'zod';
import {
  REVIEW_OUTCOMES,
  REVIEW_TRACKS,
  REVIEWER_ROLES,
  type ReviewerRole,
  type ReviewOutcome,
  type ReviewState,
  type ReviewTrack,
} from '../../domain/governance/reviews';
import { IsoDateText } from './dates';
import { FreeText } from './text';

/** Case reviews (sagsgennemgang) as the API speaks them. */

const text = (max: number) => FreeText.max(max, `Må højst være ${max} tegn.`);
const isoDate = IsoDateText;

export const ReviewInput = z.object({
  /** the day the review was held; default today; never in the future */
  heldOn: isoDate.nullish(),
  outcome: z.enum(REVIEW_OUTCOMES, { error: 'Skal være fortsæt, juster eller afslut.' }),
  /** the role the review was held in; default the expected one when the caller holds it */
  role: z
    .enum(REVIEWER_ROLES, { error: 'Skal være faglig koordinator eller funktionsleder.' })
    .nullish(),
  note: text(5000).default(''),
  /** the intervention of the case the review led to (an adjustment, or one given an end) */
  adjustmentRef: text(100).trim().nullish(),
});
export type ReviewInputJson = z.infer<typeof ReviewInput>;

export const ReviewLinkInput = z.object({
  adjustmentRef: text(100).trim().nullable(),
  version: z.number({ error: 'Skal være et tal.' }).int(),
});

export const ReviewRuleInput = z.object({
  intervalMonths: z
    .number({ error: 'Skal være et tal.' })
    .int('Skal være et helt tal.')
    .min(1, 'Skal være mindst 1.')
    .max(12, 'Må højst være 12.'),
  noticeDays: z
    .number({ error: 'Skal være et tal.' })
    .int('Skal være et helt tal.')
    .min(0, 'Må ikke være negativ.')
    .max(120, 'Må højst være 120.'),
  roles: z
    .array(z.enum(REVIEWER_ROLES, { error: 'Ukendt rolle.' }))
    .min(1, 'Vælg mindst én rolle.')
    .max(4, 'Højst 4 roller.'),
  version: z.number({ error: 'Skal være et tal.' }).int(),
});

const day = z.string().meta({ description: 'YYYY-MM-DD' });
const Track = z.enum(REVIEW_TRACKS) satisfies z.ZodType<ReviewTrack>;
const Role = z.enum(REVIEWER_ROLES) satisfies z.ZodType<ReviewerRole>;

export const ReviewSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    heldOn: day,
    heldBy: z.string(),
    heldByName: z.string(),
    role: Role,
    outcome: z.enum(REVIEW_OUTCOMES) satisfies z.ZodType<ReviewOutcome>,
    note: z.string(),
    track: Track,
    dueOn: day,
    expectedRole: Role,
    onTime: z.boolean(),
    adjustmentRef: z.string().nullable(),
    recordedOn: day,
    version: z.number().int(),
  })
  .meta({
    id: 'CaseReview',
    description:
      'A review held on a case: day, who held it in which role, outcome (fortsaet / juster / afslut), the due date and expected role it was held against, and the adjustment it led to',
  });
export type ReviewJson = z.infer<typeof ReviewSchema>;

export const ScheduleSchema = z.object({
  track: Track,
  dueOn: day,
  role: Role,
  state: z.enum(['overdue', 'due', 'upcoming']) satisfies z.ZodType<ReviewState>,
  lastHeldOn: day.nullable(),
  lastRole: Role.nullable(),
});
export type ScheduleJson = z.infer<typeof ScheduleSchema>;

/** A case due or overdue for review, with the role expected and who holds that role in the unit. */
export const DueReviewSchema = ScheduleSchema.extend({
  caseId: z.string(),
  caseRef: z.string(),
  household: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  daysOverdue: z
    .number()
    .int()
    .meta({ description: 'days past the due date (0 or less when not yet overdue)' }),
  reviewers: z.array(z.object({ username: z.string(), name: z.string() })),
});
export type DueReviewJson = z.infer<typeof DueReviewSchema>;

/** GET /reviews/due */
export const DueReviewListSchema = z.object({ asOf: day, items: z.array(DueReviewSchema) });

export const CaseReviewsSchema = z.object({
  asOf: day,
  schedule: ScheduleSchema.nullable(),
  canRecord: z.boolean(),
  reviews: z.array(ReviewSchema),
});
export type CaseReviewsJson = z.infer<typeof CaseReviewsSchema>;

/** A track's review rule with its version. */
export const ReviewRuleSchema = z.object({
  track: Track,
  intervalMonths: z.number().int(),
  noticeDays: z.number().int(),
  roles: z.array(Role),
  version: z.number().int(),
});
export type ReviewRuleJson = z.infer<typeof ReviewRuleSchema>;

export const ReviewTrackSchema = z.enum(REVIEW_TRACKS);

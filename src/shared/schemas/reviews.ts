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

export interface ReviewJson {
  id: string;
  caseId: string;
  heldOn: string;
  heldBy: string;
  heldByName: string;
  role: ReviewerRole;
  outcome: ReviewOutcome;
  note: string;
  track: ReviewTrack;
  dueOn: string;
  expectedRole: ReviewerRole;
  onTime: boolean;
  adjustmentRef: string | null;
  recordedOn: string;
  version: number;
}

export interface ScheduleJson {
  track: ReviewTrack;
  dueOn: string;
  role: ReviewerRole;
  state: ReviewState;
  lastHeldOn: string | null;
  lastRole: ReviewerRole | null;
}

/** A case due or overdue for review, with the role expected and who holds that role in the unit. */
export interface DueReviewJson extends ScheduleJson {
  caseId: string;
  caseRef: string;
  household: string;
  unit: { id: string; name: string };
  /** days past the due date (0 or less when not yet overdue) */
  daysOverdue: number;
  reviewers: { username: string; name: string }[];
}

export interface CaseReviewsJson {
  asOf: string;
  schedule: ScheduleJson | null;
  canRecord: boolean;
  reviews: ReviewJson[];
}

export const ReviewTrackSchema = z.enum(REVIEW_TRACKS);

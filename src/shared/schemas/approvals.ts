import { z } from 'zod';
import { parseIsoDate } from '../../domain/months';
import {
  APPROVAL_RULE_IDS,
  type ApprovalCatch,
  type ApprovalKind,
  type ApprovalStatus,
} from '../../domain/governance/approvals';
import { FreeText, refuseUnstorableTextIn } from './text';

/** Approval rules and approvals as the API speaks them. */

export const ApprovalDecisionInput = z.object({
  decision: z.enum(['approved', 'rejected'], { error: 'Skal være approved eller rejected.' }),
  reason: FreeText.max(5000, 'Må højst være 5000 tegn.').trim().min(1, 'Skriv en begrundelse.'),
});
export type ApprovalDecisionInputJson = z.infer<typeof ApprovalDecisionInput>;

export const ApprovalRuleInput = z.object({
  enabled: z.boolean({ error: 'Skal være sand eller falsk.' }),
  params: z
    .record(z.string(), z.unknown(), { error: 'Skal være et objekt.' })
    .superRefine((v, ctx) => refuseUnstorableTextIn(v, ctx)),
  /** the first day the rule catches a grant; absent: unchanged */
  effectiveFrom: z
    .string({ error: 'Skal være en dato (ÅÅÅÅ-MM-DD).' })
    .refine((v) => parseIsoDate(v) !== null, 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).')
    .optional(),
  version: z.number({ error: 'Skal være et tal.' }).int().min(1),
});
export type ApprovalRuleInputJson = z.infer<typeof ApprovalRuleInput>;

const day = z.string().meta({ description: 'YYYY-MM-DD' });
const instant = z.string().meta({ description: 'UTC, ISO 8601' });
const ApprovalKindSchema = z.enum(['approval', 'visitation']) satisfies z.ZodType<ApprovalKind>;
const PersonSchema = z.object({ username: z.string(), name: z.string() });

/** A rule's parameters: the household rule's most measures, or the visitation categories. */
export const ApprovalRuleParamsSchema = z.union([
  z.object({ maxMeasures: z.number().int() }),
  z.object({ categories: z.array(z.string()) }),
]);

export const ApprovalRuleSchema = z.object({
  id: z.enum(APPROVAL_RULE_IDS),
  kind: ApprovalKindSchema,
  enabled: z.boolean(),
  params: ApprovalRuleParamsSchema,
  effectiveFrom: day.meta({
    description:
      'the first day the rule catches a grant: registered in Overblik, or decided (imports)',
  }),
  version: z.number().int(),
  updatedAt: instant,
  updatedBy: z.string(),
});
export type ApprovalRuleJson = z.infer<typeof ApprovalRuleSchema>;

/** Why a rule caught a grant: what an approver reads next to the request. */
export const ApprovalCatchSchema = z.union([
  z.object({
    rule: z.literal('household_several'),
    measures: z.number().int(),
    maxMeasures: z.number().int(),
    caseRefs: z.array(z.string()),
  }),
  z.object({ rule: z.literal('visitation_category'), category: z.string() }),
]) satisfies z.ZodType<ApprovalCatch>;

export const ApprovalSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    caseRef: z.string(),
    household: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    interventionRef: z.string(),
    kind: ApprovalKindSchema.meta({
      description:
        'approval: the funktionsleder decides here; visitation: a visitation meeting decides',
    }),
    status: z.enum(['pending', 'approved', 'rejected']) satisfies z.ZodType<ApprovalStatus>,
    reasons: z.array(ApprovalCatchSchema),
    source: z.enum(['grant', 'import']),
    intervention: z
      .object({
        category: z.string(),
        paragraph: z.string(),
        provider: z.string(),
        startDate: day,
        endDate: day.nullable(),
        decidedOn: day,
      })
      .nullable()
      .meta({
        description: 'what is asked for, as registered (null when the intervention is gone)',
      }),
    requestedBy: PersonSchema,
    requestedAt: instant,
    decidedBy: PersonSchema.nullable(),
    decidedAt: instant.nullable(),
    decidedOn: day.nullable().meta({
      description: 'the grant date when approved; the day it was refused when rejected',
    }),
    reason: z.string().nullable(),
    meetingId: z.string().nullable(),
    canDecide: z.boolean().meta({
      description:
        'may the caller decide it here (pending, kind approval, their unit, not their own request)',
    }),
    version: z.number().int(),
  })
  .meta({
    id: 'Approval',
    description:
      'A request to grant an intervention that an approval rule caught, with why, who asked and who decided what and when',
  });
export type ApprovalJson = z.infer<typeof ApprovalSchema>;

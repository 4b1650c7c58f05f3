import { z } from 'zod';
import { parseIsoDate } from '../../domain/months';
import type {
  ApprovalCatch,
  ApprovalKind,
  ApprovalRuleId,
  ApprovalStatus,
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

export interface ApprovalRuleJson {
  id: ApprovalRuleId;
  kind: ApprovalKind;
  enabled: boolean;
  params: Record<string, unknown>;
  /** the first day the rule catches a grant: registered in Overblik, or decided (imports) */
  effectiveFrom: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ApprovalJson {
  id: string;
  caseId: string;
  caseRef: string;
  household: string;
  unit: { id: string; name: string };
  interventionRef: string;
  /** approval: the funktionsleder decides here; visitation: a visitation meeting decides */
  kind: ApprovalKind;
  status: ApprovalStatus;
  reasons: ApprovalCatch[];
  source: 'grant' | 'import';
  /** what is asked for, as registered (null when the intervention is gone) */
  intervention: {
    category: string;
    paragraph: string;
    provider: string;
    startDate: string;
    endDate: string | null;
    decidedOn: string;
  } | null;
  requestedBy: { username: string; name: string };
  requestedAt: string;
  decidedBy: { username: string; name: string } | null;
  decidedAt: string | null;
  /** the grant date when approved; the day it was refused when rejected */
  decidedOn: string | null;
  reason: string | null;
  meetingId: string | null;
  /** may the caller decide it here (pending, kind approval, their unit, not their own request) */
  canDecide: boolean;
  version: number;
}

import { z } from 'zod';
import { kronerFromJsonNumber } from '../../domain/money';
import { MEETING_DECISIONS, PARTICIPANT_ROLES } from '../../domain/governance/meetings';
import { IsoDateText } from './dates';
import { FreeText } from './text';

/** Visitation and committee meetings, sign-offs and notifications as the API speaks them. */

const text = (max: number) => FreeText.max(max, `Må højst være ${max} tegn.`);
const isoDate = IsoDateText;

export const ParticipantSchema = z.object({
  role: z.enum(PARTICIPANT_ROLES, { error: 'Ukendt rolle.' }),
  name: text(200).trim().min(1, 'Skal udfyldes.'),
});

export const VisitationMeetingInput = z.object({
  kind: z.literal('visitation'),
  heldOn: isoDate,
  unitId: z.uuid({ error: 'Vælg en enhed.' }),
  title: text(300).trim().min(1, 'Skal udfyldes.'),
  participants: z.array(ParticipantSchema).max(30, 'Højst 30 deltagere.').default([]),
  note: text(5000).default(''),
});

export const CommitteeMeetingInput = z.object({
  kind: z.literal('committee'),
  heldOn: isoDate,
  title: text(300).trim().min(1, 'Skal udfyldes.'),
  materialDeadline: isoDate,
  note: text(5000).default(''),
});

export const MeetingInput = z.discriminatedUnion('kind', [
  VisitationMeetingInput,
  CommitteeMeetingInput,
]);
export type MeetingInputJson = z.infer<typeof MeetingInput>;

export const AgendaItemInput = z.object({
  /** the case by its reference (as on the case) */
  caseRef: text(100).trim().min(1, 'Skal udfyldes.'),
  /** the pending approval of kind "visitation" this item decides, if any */
  approvalId: z.uuid({ error: 'Ukendt godkendelse.' }).nullable().default(null),
  interventionRef: text(100).nullable().default(null),
  summary: text(2000).default(''),
});

export const DecisionInput = z.object({
  decision: z.enum(MEETING_DECISIONS, { error: 'Skal være bevilget, afslået eller udsat.' }),
  reason: text(5000),
  /** kroner a month (or in all) granted; only with bevilget */
  amount: z
    .number({ error: 'Skal være et beløb.' })
    .nullable()
    .default(null)
    .superRefine((v, ctx) => {
      if (v === null) return;
      const r = kronerFromJsonNumber(v);
      if (!r.ok)
        ctx.addIssue({ code: 'custom', message: 'Skal være et beløb med højst to decimaler.' });
      else if (v < 0) ctx.addIssue({ code: 'custom', message: 'Må ikke være negativt.' });
    }),
  version: z.number().int().min(1),
});

export const SignoffInput = z.object({
  objectType: z.enum(['status_report', 'action_plan'], { error: 'Ukendt dokumenttype.' }),
  objectId: z.uuid({ error: 'Ukendt dokument.' }),
  /** the version of the report or plan the caller has seen */
  version: z.number().int().min(1),
});

export const PresentationInput = SignoffInput;

export const EmailSettingsInput = z.object({
  email: z.email({ error: 'Skal være en gyldig e-mailadresse.' }).max(320).nullable(),
  digest: z.boolean(),
});

export interface MeetingItemJson {
  id: string;
  position: number;
  caseId: string;
  caseRef: string;
  approvalId: string | null;
  interventionRef: string | null;
  summary: string;
  putForwardBy: string;
  decision: (typeof MEETING_DECISIONS)[number] | null;
  reason: string | null;
  /** kroner */
  amount: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
}

export interface PresentationJson {
  meetingId: string;
  heldOn: string;
  meetingTitle: string;
  objectType: 'status_report' | 'action_plan';
  objectId: string;
  objectTitle: string;
  objectVersion: number;
  signedByName: string | null;
  signedAt: string | null;
  presentedBy: string;
}

export interface MeetingJson {
  id: string;
  kind: 'visitation' | 'committee';
  heldOn: string;
  unitId: string | null;
  unitName: string | null;
  title: string;
  materialDeadline: string | null;
  participants: { role: string; name: string }[];
  note: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  itemCount: number;
  openCount: number;
  /** visitation meetings, when read one by one */
  items?: MeetingItemJson[];
  /** committee meetings: what was presented there */
  presented?: PresentationJson[];
}

export interface PendingVisitationJson {
  approvalId: string;
  caseId: string;
  caseRef: string;
  unitId: string;
  interventionRef: string | null;
  summary: string;
}

export interface SignoffStateJson {
  objectType: 'status_report' | 'action_plan';
  objectId: string;
  currentVersion: number;
  /** the newest sign-off or request */
  signoff: {
    status: 'requested' | 'signed';
    objectVersion: number;
    requestedBy: string | null;
    requestedAt: string | null;
    signedByName: string | null;
    signedAt: string | null;
  } | null;
  /** signed for the current version: may be presented */
  holds: boolean;
  presented: PresentationJson[];
}

export interface NotificationJson {
  id: string;
  kind: string;
  text: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationListJson {
  items: NotificationJson[];
  unread: number;
  email: string | null;
  digest: boolean;
  /** whether the server sends e-mail (SMTP_URL set) */
  emailEnabled: boolean;
}

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

const day = z.string().meta({ description: 'YYYY-MM-DD' });
const instant = z.string().meta({ description: 'UTC, ISO 8601' });
const SignedObjectType = z.enum(['status_report', 'action_plan']);

export const MeetingItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  caseId: z.string(),
  caseRef: z.string(),
  approvalId: z.string().nullable(),
  interventionRef: z.string().nullable(),
  summary: z.string(),
  putForwardBy: z.string(),
  decision: z.enum(MEETING_DECISIONS).nullable(),
  reason: z.string().nullable(),
  amount: z.number().nullable().meta({ description: 'kroner' }),
  decidedBy: z.string().nullable(),
  decidedAt: instant.nullable(),
  version: z.number().int(),
});
export type MeetingItemJson = z.infer<typeof MeetingItemSchema>;

export const PresentationSchema = z.object({
  meetingId: z.string(),
  heldOn: day,
  meetingTitle: z.string(),
  objectType: SignedObjectType,
  objectId: z.string(),
  objectTitle: z.string(),
  objectVersion: z.number().int(),
  signedByName: z.string().nullable(),
  signedAt: instant.nullable(),
  presentedBy: z.string(),
});
export type PresentationJson = z.infer<typeof PresentationSchema>;

export const MeetingSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['visitation', 'committee']),
    heldOn: day,
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    title: z.string(),
    materialDeadline: day.nullable(),
    participants: z.array(z.object({ role: z.string(), name: z.string() })),
    note: z.string(),
    version: z.number().int(),
    updatedAt: instant,
    updatedBy: z.string(),
    itemCount: z.number().int(),
    openCount: z.number().int(),
    items: z
      .array(MeetingItemSchema)
      .optional()
      .meta({ description: 'visitation meetings, when read one by one' }),
    presented: z
      .array(PresentationSchema)
      .optional()
      .meta({ description: 'committee meetings: what was presented there' }),
  })
  .meta({
    id: 'Meeting',
    description:
      'A visitation meeting (unit, participants, agenda with decisions; amounts in kroner) or a committee meeting (deadline for material, what was presented)',
  });
export type MeetingJson = z.infer<typeof MeetingSchema>;

/** GET /meetings */
export const MeetingListSchema = z.object({ items: z.array(MeetingSchema) });

export const PendingVisitationSchema = z.object({
  approvalId: z.string(),
  caseId: z.string(),
  caseRef: z.string(),
  unitId: z.string(),
  interventionRef: z.string().nullable(),
  summary: z.string(),
});
export type PendingVisitationJson = z.infer<typeof PendingVisitationSchema>;

/** GET /meetings/pending-visitations */
export const PendingVisitationListSchema = z.object({ items: z.array(PendingVisitationSchema) });

export const SignoffStateSchema = z
  .object({
    objectType: SignedObjectType,
    objectId: z.string(),
    currentVersion: z.number().int(),
    signoff: z
      .object({
        status: z.enum(['requested', 'signed']),
        objectVersion: z.number().int(),
        requestedBy: z.string().nullable(),
        requestedAt: instant.nullable(),
        signedByName: z.string().nullable(),
        signedAt: instant.nullable(),
      })
      .nullable()
      .meta({ description: 'the newest sign-off or request' }),
    holds: z.boolean().meta({ description: 'signed for the current version: may be presented' }),
    presented: z.array(PresentationSchema),
  })
  .meta({
    id: 'SignoffState',
    description: "A report's or plan's sign-off by ledelse and the committee meetings it went to",
  });
export type SignoffStateJson = z.infer<typeof SignoffStateSchema>;

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  createdAt: instant,
  read: z.boolean(),
});
export type NotificationJson = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    unread: z.number().int(),
    email: z.string().nullable(),
    digest: z.boolean(),
    emailEnabled: z
      .boolean()
      .meta({ description: 'whether the server sends e-mail (SMTP_URL set)' }),
  })
  .meta({
    id: 'Notifications',
    description:
      "The caller's newest notifications (Danish text), the unread count and e-mail settings",
  });
export type NotificationListJson = z.infer<typeof NotificationListSchema>;

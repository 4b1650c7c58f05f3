import nodemailer from 'nodemailer';
import type { Actor, Role } from '../../domain/access';
import {
  DEADLINE_NOTICE_DAYS,
  deadlineApproaching,
  digestDayDue,
  localDayAndTime,
} from '../../domain/governance/meetings';
import { formatDanishDate, TIME_ZONE, type IsoDate } from '../../domain/months';
import type { Database, Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { insertJob, type JobRow } from '../../db/repositories/ledger-jobs';
import { listMeetings, usersWithRole } from '../../db/repositories/meetings';
import {
  claimDigestDay,
  getEmailSettings,
  insertNotifications,
  listNotifications,
  markEmailed,
  markRead,
  setDigestJob,
  setEmailSettings,
  unmailedByRecipient,
  type NewNotification,
  type NotificationRow,
} from '../../db/repositories/notifications';
import type { NotificationJson, NotificationListJson } from '../../shared/schemas/meetings';
import { translate } from '../../shared/i18n/translate';
import type { AppDeps } from '../context';
import { authorize, roleReaches } from '../policies/policy';
import { drainJobs, registerJobHandler } from '../jobs/worker';

/**
 * Notifications: in the app always, by e-mail as one daily digest when SMTP_URL is set.
 * Other services call `notify` inside their own transaction, so a notification exists exactly
 * when the event it tells of was committed.
 */

export const NOTIFICATION_KINDS = [
  'approval_requested',
  'approval_decided',
  'visitation_agenda',
  'visitation_decided',
  'committee_deadline',
  'signoff_requested',
  'signoff_given',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Adds notifications in the caller's transaction (the same event is told to a user once). */
export async function notify(
  tx: Queryable,
  items: readonly (NewNotification & { kind: NotificationKind })[],
  at: Date,
): Promise<number> {
  return insertNotifications(tx, items, at);
}

/** The text of a notification in Danish (or English), from the meetings translation file. */
export function notificationText(
  n: Pick<NotificationRow, 'kind' | 'params'>,
  lang: 'da' | 'en' = 'da',
): string {
  const params = Object.fromEntries(
    Object.entries(n.params).map(([k, v]) => [
      k,
      typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDanishDate(v as IsoDate) : v,
    ]),
  );
  return translate(`meetings.notifications.${n.kind}`, params, lang);
}

function present(n: NotificationRow): NotificationJson {
  return {
    id: n.id,
    kind: n.kind,
    text: notificationText(n),
    link: n.link,
    createdAt: n.createdAt,
    read: n.readAt !== null,
  };
}

/** The caller's newest notifications (at most 50) and the number unread. */
export async function listMyNotifications(
  deps: AppDeps,
  actor: Actor,
): Promise<NotificationListJson> {
  authorize(actor, 'notification.own');
  const { items, unread } = await listNotifications(deps.db, actor.userId, 50);
  const settings = await getEmailSettings(deps.db, actor.userId);
  return {
    items: items.map(present),
    unread,
    email: settings?.email ?? null,
    digest: settings?.digest ?? false,
    emailEnabled: Boolean(deps.config.smtpUrl),
  };
}

/** Marks the caller's notifications read: the given ids, or all when `ids` is null. */
export async function markMyNotificationsRead(
  deps: AppDeps,
  actor: Actor,
  ids: string[] | null,
): Promise<NotificationListJson> {
  authorize(actor, 'notification.own');
  await deps.db.transaction((tx) => markRead(tx, actor.userId, ids, deps.now()));
  return listMyNotifications(deps, actor);
}

/** The caller's e-mail address and whether they want the daily digest (audited). */
export async function setMyEmailSettings(
  deps: AppDeps,
  actor: Actor,
  settings: { email: string | null; digest: boolean },
  requestId: string,
): Promise<NotificationListJson> {
  authorize(actor, 'notification.own');
  await deps.db.transaction(async (tx) => {
    const before = await getEmailSettings(tx, actor.userId);
    await setEmailSettings(tx, actor.userId, settings);
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        objectType: 'notification_settings',
        objectId: actor.userId,
        before,
        after: settings,
      },
      requestId,
    );
  });
  return listMyNotifications(deps, actor);
}

/**
 * Active users whose `role` reaches `unitId`: a user who combines roles is told about a unit
 * only when the role in question reaches it (a funktionsleder who is also ledelse hears of
 * their own units' requests, not of every unit's).
 */
export async function usersReaching(
  db: Queryable,
  role: Role,
  unitId: string,
): Promise<{ id: string; username: string }[]> {
  return (await usersWithRole(db, role)).filter((u) => roleReaches(role, u.unitIds, unitId));
}

/**
 * Tells those who send material to the committee (økonomikonsulenter) that a meeting's deadline
 * for material is near: once per meeting and person, from DEADLINE_NOTICE_DAYS before.
 */
export async function notifyApproachingDeadlines(db: Database, today: IsoDate, at: Date) {
  const meetings = await listMeetings(db, {
    unitIds: null,
    visitation: false,
    committee: true,
    from: today,
  });
  const due = meetings.filter((m) => deadlineApproaching(today, m.materialDeadline));
  if (!due.length) return 0;
  const recipients = await usersWithRole(db, 'okonomikonsulent');
  return db.transaction((tx) =>
    notify(
      tx,
      due.flatMap((m) =>
        recipients.map((r) => ({
          userId: r.id,
          kind: 'committee_deadline' as const,
          params: {
            title: m.title,
            heldOn: m.heldOn,
            deadline: m.materialDeadline ?? '',
          },
          link: `/moeder/${m.id}`,
          dedupeKey: `deadline:${m.id}`,
        })),
      ),
      at,
    ),
  );
}

export const DIGEST_JOB = 'notification-digest';

/** What the daily job needs besides the database: the mail settings and the clock. */
export interface DigestSettings {
  smtpUrl: string | undefined;
  mailFrom: string;
  digestTime: string;
  now: () => Date;
  /** the address the app is reached at, for links in the e-mail */
  baseUrl?: string;
}

/** The mail of one recipient's digest: subject and plain text, Danish. */
export function digestMail(
  recipient: {
    displayName: string;
    notifications: Pick<NotificationRow, 'kind' | 'params' | 'link'>[];
  },
  day: IsoDate,
  baseUrl = '',
): { subject: string; text: string } {
  const count = recipient.notifications.length;
  const subject = translate('meetings.digest.subject', {
    count,
    date: formatDanishDate(day),
  });
  const lines = recipient.notifications.map(
    (n) => `• ${notificationText(n)}${n.link ? ` (${baseUrl}${n.link})` : ''}`,
  );
  const text = [
    translate('meetings.digest.greeting', { name: recipient.displayName }),
    '',
    translate('meetings.digest.intro', { count }),
    '',
    ...lines,
    '',
    translate('meetings.digest.footer'),
  ].join('\n');
  return { subject, text };
}

/**
 * The daily job: reminds of approaching committee deadlines, then (with SMTP_URL) mails each
 * recipient one digest of their notifications not yet e-mailed nor read. A notification is
 * marked e-mailed only after its mail was accepted by the SMTP server.
 */
export function digestHandler(settings: DigestSettings) {
  return async (db: Database, job: JobRow) => {
    const at = settings.now();
    const day = (job.payload.day as IsoDate | undefined) ?? localDayAndTime(at, TIME_ZONE).day;
    const reminders = await notifyApproachingDeadlines(db, day, at);
    if (!settings.smtpUrl) return { status: 'done' as const, result: { reminders, mailed: 0 } };
    const transport = nodemailer.createTransport(settings.smtpUrl);
    let mailed = 0;
    const failed: string[] = [];
    try {
      for (const recipient of await unmailedByRecipient(db)) {
        const mail = digestMail(recipient, day, settings.baseUrl);
        try {
          await transport.sendMail({
            from: settings.mailFrom,
            to: recipient.email,
            subject: mail.subject,
            text: mail.text,
          });
        } catch (error) {
          failed.push(`${recipient.email}: ${(error as Error).message}`);
          continue;
        }
        await db.transaction((tx) =>
          markEmailed(
            tx,
            recipient.notifications.map((n) => n.id),
            settings.now(),
          ),
        );
        mailed++;
      }
    } finally {
      transport.close();
    }
    return {
      status: failed.length && !mailed ? ('failed' as const) : ('done' as const),
      result: { reminders, mailed, failed },
    };
  };
}

/** Registers the digest job's handler with these settings (once per process, at start). */
export function registerDigestJob(settings: DigestSettings): void {
  registerJobHandler(DIGEST_JOB, digestHandler(settings));
}

/**
 * Queues the day's digest once its time has come: the first process to claim the day in
 * `notification_digests` queues the job, and the database queue runs it in one process.
 * Returns the job id when this call queued it.
 */
export async function queueDigestIfDue(
  db: Database,
  settings: Pick<DigestSettings, 'digestTime' | 'now'>,
  onError?: (e: unknown) => void,
): Promise<string | null> {
  const day = digestDayDue(settings.now(), TIME_ZONE, settings.digestTime);
  if (!day) return null;
  const jobId = await db.transaction(async (tx) => {
    if (!(await claimDigestDay(tx, day))) return null;
    const id = await insertJob(tx, { kind: DIGEST_JOB, payload: { day }, createdBy: 'system' });
    await setDigestJob(tx, day, id);
    return id;
  });
  if (jobId) void drainJobs(db, onError);
  return jobId;
}

/** The reminder lead, for the docs and the screen. */
export const REMINDER_DAYS = DEADLINE_NOTICE_DAYS;

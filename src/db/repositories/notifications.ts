import type { IsoDate } from '../../domain/months';
import type { Queryable } from '../database';

/** In-app notifications (one row per recipient) and the daily e-mail digest's bookkeeping. */

export interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `id, user_id AS "userId", kind, params, link, ${iso('created_at')} AS "createdAt",
  ${iso('read_at')} AS "readAt"`;

export interface NewNotification {
  userId: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  /** the same event is told to a user once */
  dedupeKey?: string | null;
}

/** Adds notifications; one whose dedupe key the user already has is left out. Returns how many. */
export async function insertNotifications(
  tx: Queryable,
  items: readonly NewNotification[],
  at: Date,
): Promise<number> {
  let added = 0;
  for (const n of items) {
    const rows = await tx.query(
      `INSERT INTO notifications (user_id, kind, params, link, dedupe_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [n.userId, n.kind, JSON.stringify(n.params), n.link, n.dedupeKey ?? null, at],
    );
    added += rows.length;
  }
  return added;
}

/** A user's newest notifications and how many are unread. */
export async function listNotifications(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<{ items: NotificationRow[]; unread: number }> {
  const items = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [userId, limit],
  );
  const [count] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return { items, unread: count?.n ?? 0 };
}

/** Marks the user's notifications read (the given ones, or all); returns how many changed. */
export async function markRead(
  tx: Queryable,
  userId: string,
  ids: readonly string[] | null,
  at: Date,
): Promise<number> {
  const rows = await tx.query(
    `UPDATE notifications SET read_at = $3
      WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2))
      RETURNING id`,
    [userId, ids, at],
  );
  return rows.length;
}

export async function getEmailSettings(
  db: Queryable,
  userId: string,
): Promise<{ email: string | null; digest: boolean } | undefined> {
  const rows = await db.query<{ email: string | null; digest: boolean }>(
    'SELECT email, email_digest AS digest FROM users WHERE id = $1',
    [userId],
  );
  return rows[0];
}

export async function setEmailSettings(
  tx: Queryable,
  userId: string,
  s: { email: string | null; digest: boolean },
): Promise<void> {
  await tx.query('UPDATE users SET email = $2, email_digest = $3 WHERE id = $1', [
    userId,
    s.email,
    s.digest,
  ]);
}

/**
 * Claims the day's digest: true for the one caller that inserts the day's row (so a digest
 * is queued once a day however many processes look).
 */
export async function claimDigestDay(tx: Queryable, day: IsoDate): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO notification_digests (day) VALUES ($1) ON CONFLICT DO NOTHING RETURNING day',
    [day],
  );
  return rows.length === 1;
}

export async function setDigestJob(tx: Queryable, day: IsoDate, jobId: string): Promise<void> {
  await tx.query('UPDATE notification_digests SET job_id = $2 WHERE day = $1', [day, jobId]);
}

export interface DigestRecipient {
  userId: string;
  email: string;
  displayName: string;
  notifications: NotificationRow[];
}

/**
 * Who gets a digest: users with an address and the digest switched on, each with their
 * notifications not yet e-mailed and not yet read in the app, oldest first.
 */
export async function unmailedByRecipient(db: Queryable): Promise<DigestRecipient[]> {
  const rows = await db.query<NotificationRow & { email: string; displayName: string }>(
    `SELECT n.id, n.user_id AS "userId", n.kind, n.params, n.link,
            ${iso('n.created_at')} AS "createdAt", ${iso('n.read_at')} AS "readAt",
            u.email, u.display_name AS "displayName"
       FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE n.emailed_at IS NULL AND n.read_at IS NULL
        AND u.is_active AND u.email_digest AND u.email IS NOT NULL
      ORDER BY u.username, n.created_at, n.id`,
  );
  const byUser = new Map<string, DigestRecipient>();
  for (const r of rows) {
    let recipient = byUser.get(r.userId);
    if (!recipient) {
      recipient = {
        userId: r.userId,
        email: r.email,
        displayName: r.displayName,
        notifications: [],
      };
      byUser.set(r.userId, recipient);
    }
    recipient.notifications.push({
      id: r.id,
      userId: r.userId,
      kind: r.kind,
      params: r.params,
      link: r.link,
      createdAt: r.createdAt,
      readAt: r.readAt,
    });
  }
  return [...byUser.values()];
}

export async function markEmailed(tx: Queryable, ids: readonly string[], at: Date): Promise<void> {
  if (!ids.length) return;
  await tx.query('UPDATE notifications SET emailed_at = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
}

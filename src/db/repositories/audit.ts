import type { Actor } from '../../domain/access';
import { SYSTEM_ACTOR } from '../../domain/access';
import { TIME_ZONE } from '../../domain/months';
import type { Queryable } from '../database';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit trail. Call it with the transaction that makes the change,
 * so a failed write leaves no audit row and a successful one always leaves one.
 */
export async function recordAudit(
  tx: Queryable,
  actor: Actor,
  entry: AuditEntry,
  requestId?: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_username, action, object_type, object_id, unit_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId,
      actor.username,
      entry.action,
      entry.objectType,
      entry.objectId ?? null,
      entry.unitId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      requestId ?? null,
    ],
  );
}

/**
 * Appends many rows to the audit trail in one statement (a batch written in one transaction),
 * each with its own actor; the same rows as `recordAudit` one by one.
 */
export async function recordAudits(
  tx: Queryable,
  rows: readonly { actor: Actor; entry: AuditEntry }[],
  requestId?: string,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_username, action, object_type, object_id, unit_id, before, after, request_id)
     SELECT actor_id, actor_username, action, object_type, object_id, unit_id, before, after, $2
       FROM jsonb_to_recordset($1::jsonb) AS t(actor_id uuid, actor_username text,
            action text, object_type text, object_id text, unit_id uuid, before jsonb, after jsonb, n int)
      ORDER BY n`,
    [
      JSON.stringify(
        rows.map(({ actor, entry }, n) => ({
          n,
          actor_id: actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId,
          actor_username: actor.username,
          action: entry.action,
          object_type: entry.objectType,
          object_id: entry.objectId ?? null,
          unit_id: entry.unitId ?? null,
          before: entry.before ?? null,
          after: entry.after ?? null,
        })),
      ),
      requestId ?? null,
    ],
  );
}

/**
 * Records that `actor` opened case-level data (who opened which case), with action 'read'.
 * Call it after the authorisation check and before answering, e.g.
 * `await recordRead(db, actor, { objectType: 'case', objectId: id, unitId }, requestId)`.
 * Lists of cases are logged as one row with the unit (objectId null), not one per case.
 * `what` says which view was read (year, dates, split; stored as `after`): only values the
 * request's schema checked, never free text.
 */
export async function recordRead(
  db: Queryable,
  actor: Actor,
  object: { objectType: string; objectId: string | null; unitId: string | null },
  requestId?: string,
  what?: Record<string, string | number | null>,
): Promise<void> {
  await recordAudit(db, actor, { action: 'read', ...object, after: what }, requestId);
}

export interface AuditRow {
  id: number;
  at: string;
  actor_username: string;
  action: string;
  object_type: string;
  object_id: string | null;
  unit_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  /** the object's name as it is now (a case's ref, a plan's title with its unit …); null when gone or nameless */
  object_name?: string | null;
}

/**
 * The name of the object an audit row is about, looked up by its type: one scalar sub-select per
 * row of a page (by primary key), so the trail reads "Sag S-004473" rather than an id.
 */
const OBJECT_NAME = `CASE WHEN a.object_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
  CASE a.object_type
    WHEN 'case' THEN (SELECT ref FROM cases WHERE id = a.object_id::uuid)
    WHEN 'unit' THEN (SELECT name FROM units WHERE id = a.object_id::uuid)
    WHEN 'center' THEN (SELECT name FROM centers WHERE id = a.object_id::uuid)
    WHEN 'user' THEN (SELECT display_name FROM users WHERE id = a.object_id::uuid)
    WHEN 'session' THEN (SELECT display_name FROM users WHERE id = a.object_id::uuid)
    WHEN 'action_plan' THEN (SELECT p.title || ' – ' || u.name FROM action_plans p
                               JOIN units u ON u.id = p.unit_id WHERE p.id = a.object_id::uuid)
    WHEN 'provider' THEN (SELECT name FROM providers WHERE id = a.object_id::uuid)
    WHEN 'meeting' THEN (SELECT title FROM meetings WHERE id = a.object_id::uuid)
    WHEN 'status_report' THEN (SELECT title FROM status_reports WHERE id = a.object_id::uuid)
    WHEN 'followup_round' THEN (SELECT name FROM followup_rounds WHERE id = a.object_id::uuid)
  END
END`;

export interface AuditFilter {
  /** First day, 'YYYY-MM-DD', Danish time. */
  from?: string;
  /** Last day (inclusive), 'YYYY-MM-DD', Danish time. */
  to?: string;
  username?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
}

function whereClause(filter: AuditFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  // Days are Danish calendar days, whatever the database server's time zone.
  if (filter.from) add(`at >= (?::date::timestamp AT TIME ZONE '${TIME_ZONE}')`, filter.from);
  if (filter.to) add(`at < ((?::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`, filter.to);
  if (filter.username) add('lower(actor_username) = lower(?)', filter.username);
  if (filter.objectType) add('object_type = ?', filter.objectType);
  if (filter.objectId) add('object_id = ?', filter.objectId);
  if (filter.action) add('action = ?', filter.action);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Rows matching `filter`, newest first, and how many match in all. */
export async function listAudit(
  db: Queryable,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const { sql, params } = whereClause(filter);
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log ${sql}`,
    params,
  );
  const rows = await db.query<AuditRow>(
    `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_username, action,
            object_type, object_id, unit_id, before, after, request_id,
            ${OBJECT_NAME} AS object_name
       FROM audit_log a ${sql}
      ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { rows, total: count?.n ?? 0 };
}

/** Who changed an object last and when (for a version conflict's message). */
export async function latestChange(
  db: Queryable,
  objectType: string,
  objectId: string,
): Promise<{ username: string; displayName: string; at: string } | undefined> {
  const rows = await db.query<{ username: string; display_name: string | null; at: string }>(
    `SELECT a.actor_username AS username, u.display_name,
            to_char(a.at AT TIME ZONE '${TIME_ZONE}', 'DD.MM.YYYY "kl." HH24:MI') AS at
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.object_type = $1 AND a.object_id = $2 AND a.action <> 'read'
      ORDER BY a.id DESC LIMIT 1`,
    [objectType, objectId],
  );
  const row = rows[0];
  return (
    row && { username: row.username, displayName: row.display_name ?? row.username, at: row.at }
  );
}

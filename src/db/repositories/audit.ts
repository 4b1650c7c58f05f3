import type { Actor } from '../../domain/access';
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
      actor.userId === '00000000-0000-0000-0000-000000000000' ? null : actor.userId,
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
}

export interface AuditFilter {
  from?: string;
  to?: string;
  username?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
  limit?: number;
  offset?: number;
}

export async function listAudit(db: Queryable, filter: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.from) add('at >= ?::date', filter.from);
  if (filter.to) add("at < (?::date + interval '1 day')", filter.to);
  if (filter.username) add('actor_username = ?', filter.username);
  if (filter.objectType) add('object_type = ?', filter.objectType);
  if (filter.objectId) add('object_id = ?', filter.objectId);
  if (filter.action) add('action = ?', filter.action);
  params.push(filter.limit ?? 200, filter.offset ?? 0);
  return db.query<AuditRow>(
    `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_username, action,
            object_type, object_id, unit_id, before, after, request_id
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

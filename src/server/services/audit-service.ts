import type { Actor } from '../../domain/access';
import type { Queryable } from '../../db/database';
import {
  latestChange,
  listAudit,
  recordAudit,
  type AuditFilter,
  type AuditRow,
} from '../../db/repositories/audit';
import { translate } from '../../shared/i18n/translate';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize } from '../policies/policy';

/** The largest page the API hands out, and the most rows one CSV export holds. */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX = 100_000;

export async function searchAudit(
  deps: AppDeps,
  actor: Actor,
  filter: AuditFilter,
  page: { page: number; pageSize: number },
) {
  authorize(actor, 'audit.read');
  const pageSize = Math.min(page.pageSize, AUDIT_PAGE_MAX);
  const { rows, total } = await listAudit(deps.db, filter, {
    limit: pageSize,
    offset: (page.page - 1) * pageSize,
  });
  return { rows, total, page: page.page, pageSize };
}

/**
 * The trail as CSV for Danish Excel: UTF-8 with a byte-order mark, semicolons between fields,
 * every field quoted (quotes doubled), CRLF line ends. The export itself is recorded in the
 * trail, in the same transaction that reads it.
 */
export async function exportAuditCsv(
  deps: AppDeps,
  actor: Actor,
  filter: AuditFilter,
  requestId: string,
): Promise<{ csv: string; rows: number }> {
  authorize(actor, 'audit.read');
  return deps.db.transaction(async (tx) => {
    const { rows, total } = await listAudit(tx, filter, { limit: AUDIT_EXPORT_MAX, offset: 0 });
    await recordAudit(
      tx,
      actor,
      { action: 'export', objectType: 'audit_log', after: { filter, rows: rows.length, total } },
      requestId,
    );
    return { csv: auditCsv(rows), rows: rows.length };
  });
}

const CSV_COLUMNS = [
  'id',
  'tidspunkt',
  'bruger',
  'handling',
  'objekttype',
  'objekt-id',
  'enhed-id',
  'før',
  'efter',
  'forespørgsel-id',
];

function csvField(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? String(value)
          : JSON.stringify(value);
  // A leading =, +, - or @ would make Excel evaluate a formula: prefix it with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [CSV_COLUMNS.map(csvField).join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.at,
        r.actor_username,
        r.action,
        r.object_type,
        r.object_id,
        r.unit_id,
        r.before,
        r.after,
        r.request_id,
      ]
        .map(csvField)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The 409 for a stale write, naming who changed the object last and when (from the trail).
 * `object` is the object as a Danish phrase, e.g. «Enheden "Ungeteam"».
 */
export async function versionConflict(
  db: Queryable,
  objectType: string,
  objectId: string,
  object: string,
): Promise<AppError> {
  const change = await latestChange(db, objectType, objectId);
  return new AppError('version_conflict', {
    object,
    user: change?.displayName ?? translate('admin.problems.someoneElse'),
    at: change?.at ?? translate('admin.problems.recently'),
  });
}

/**
 * The names of the fields of `after` whose value differs from `before` (every field of `after`
 * when there is no before), compared as JSON. Audit rows of objects with free text record
 * these names instead of the texts: the text lives in the object's own table, and the
 * append-only trail could never give up a name or a CPR number typed there by mistake
 * (docs/security.md, "The audit trail").
 */
export function changedFieldNames(
  before: Readonly<Record<string, unknown>> | null | undefined,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[] = Object.keys(after),
): string[] {
  return fields.filter((f) => JSON.stringify(before?.[f]) !== JSON.stringify(after[f]));
}

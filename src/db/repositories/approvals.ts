import type {
  ApprovalCatch,
  ApprovalKind,
  ApprovalRule,
  ApprovalRuleId,
  ApprovalStatus,
} from '../../domain/governance/approvals';
import { TIME_ZONE, type IsoDate } from '../../domain/months';
import type { Queryable } from '../database';

/** Approval rules and approvals (requests to grant an intervention that a rule caught). */

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type ApprovalRuleRow = ApprovalRule & {
  /** the first day the rule catches a grant (see `rulesInForce`) */
  effectiveFrom: IsoDate;
  position: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

/** Every rule in its order. */
export async function listRules(db: Queryable): Promise<ApprovalRuleRow[]> {
  return db.query<ApprovalRuleRow>(
    `SELECT id, kind, enabled, params, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
            position, version, ${iso('updated_at')} AS "updatedAt",
            updated_by AS "updatedBy"
       FROM approval_rules ORDER BY position`,
  );
}

/**
 * Saves a rule's switch, parameters and the day it takes effect if `version` is current; false
 * when it is not.
 */
export async function saveRule(
  tx: Queryable,
  id: ApprovalRuleId,
  version: number,
  change: { enabled: boolean; params: unknown; effectiveFrom: IsoDate; by: string; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE approval_rules SET enabled = $3, params = $4, effective_from = $5,
            version = version + 1, updated_by = $6, updated_at = $7
      WHERE id = $1 AND version = $2 RETURNING id`,
    [
      id,
      version,
      change.enabled,
      JSON.stringify(change.params),
      change.effectiveFrom,
      change.by,
      change.at,
    ],
  );
  return rows.length === 1;
}

export interface ApprovalRow {
  id: string;
  caseId: string;
  caseRef: string;
  household: string;
  unitId: string;
  unitName: string;
  interventionRef: string;
  kind: ApprovalKind;
  reasons: ApprovalCatch[];
  status: ApprovalStatus;
  source: 'grant' | 'import';
  requestedById: string | null;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedById: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decidedOn: IsoDate | null;
  reason: string | null;
  meetingId: string | null;
  version: number;
}

const COLUMNS = `a.id, a.case_id AS "caseId", c.ref AS "caseRef", c.household_ref AS household,
  c.unit_id AS "unitId", u.name AS "unitName", a.intervention_ref AS "interventionRef", a.kind,
  a.reasons, a.status, a.source, a.requested_by_id AS "requestedById",
  a.requested_by AS "requestedBy", a.requested_by_name AS "requestedByName",
  ${iso('a.requested_at')} AS "requestedAt", a.decided_by_id AS "decidedById",
  a.decided_by AS "decidedBy", a.decided_by_name AS "decidedByName",
  ${iso('a.decided_at')} AS "decidedAt", to_char(a.decided_on, 'YYYY-MM-DD') AS "decidedOn",
  a.reason, a.meeting_id AS "meetingId", a.version`;
const FROM = 'approvals a JOIN cases c ON c.id = a.case_id JOIN units u ON u.id = c.unit_id';

export interface ApprovalFilter {
  /** units of the case (null: all) */
  unitIds: string[] | null;
  status?: ApprovalStatus;
  kind?: ApprovalKind;
  caseId?: string;
  /** requested by this user */
  requestedById?: string;
  /** not requested by this user */
  notRequestedById?: string;
}

/** Approvals matching the filter, newest request first. */
export async function listApprovals(db: Queryable, f: ApprovalFilter): Promise<ApprovalRow[]> {
  return db.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE ($1::uuid[] IS NULL OR c.unit_id = ANY($1))
        AND ($2::text IS NULL OR a.status = $2)
        AND ($3::text IS NULL OR a.kind = $3)
        AND ($4::uuid IS NULL OR a.case_id = $4)
        AND ($5::uuid IS NULL OR a.requested_by_id = $5)
        AND ($6::uuid IS NULL OR a.requested_by_id IS DISTINCT FROM $6)
      ORDER BY a.requested_at DESC, a.id`,
    [
      f.unitIds,
      f.status ?? null,
      f.kind ?? null,
      f.caseId ?? null,
      f.requestedById ?? null,
      f.notRequestedById ?? null,
    ],
  );
}

/** Every approval of the cases given, newest request first. */
export async function approvalsOfCases(
  db: Queryable,
  caseIds: readonly string[],
): Promise<ApprovalRow[]> {
  if (caseIds.length === 0) return [];
  return db.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE a.case_id = ANY($1::uuid[])
      ORDER BY a.requested_at DESC, a.id`,
    [caseIds],
  );
}

/** One approval (locked for the decision when `lock`). */
export async function findApproval(
  db: Queryable,
  id: string,
  lock = false,
): Promise<ApprovalRow | undefined> {
  const rows = await db.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
    [id],
  );
  return rows[0];
}

/** The pending approval of an intervention, if any. */
export async function findPendingFor(
  db: Queryable,
  caseId: string,
  interventionRef: string,
): Promise<ApprovalRow | undefined> {
  const rows = await db.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE a.case_id = $1 AND a.intervention_ref = $2 AND a.status = 'pending'`,
    [caseId, interventionRef],
  );
  return rows[0];
}

/** Stores a pending request; returns its id. */
export async function insertApproval(
  tx: Queryable,
  a: {
    caseId: string;
    interventionRef: string;
    kind: ApprovalKind;
    reasons: ApprovalCatch[];
    source: 'grant' | 'import';
    by: { id: string | null; username: string; name: string };
    at: Date;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO approvals (case_id, intervention_ref, kind, reasons, source, requested_by_id,
            requested_by, requested_by_name, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      a.caseId,
      a.interventionRef,
      a.kind,
      JSON.stringify(a.reasons),
      a.source,
      a.by.id,
      a.by.username,
      a.by.name,
      a.at,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('approval not stored');
  return id;
}

/** Records the decision of a pending approval; false when it was no longer pending. */
export async function storeDecision(
  tx: Queryable,
  d: {
    id: string;
    status: 'approved' | 'rejected';
    reason: string;
    decidedOn: IsoDate;
    meetingId: string | null;
    by: { id: string | null; username: string; name: string };
    at: Date;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE approvals SET status = $2, reason = $3, decided_on = $4, meeting_id = $5,
            decided_by_id = $6, decided_by = $7, decided_by_name = $8, decided_at = $9,
            version = version + 1
      WHERE id = $1 AND status = 'pending' RETURNING id`,
    [d.id, d.status, d.reason, d.decidedOn, d.meetingId, d.by.id, d.by.username, d.by.name, d.at],
  );
  return rows.length === 1;
}

/**
 * Active users who may decide approvals in a unit: funktionsledere who belong to it (the
 * notification of a new request goes to them; administrators are not told).
 */
export async function approversOf(
  db: Queryable,
  unitId: string,
): Promise<{ id: string; username: string }[]> {
  return db.query(
    `SELECT u.id, u.username FROM users u
      WHERE u.is_active AND 'funktionsleder' = ANY(u.roles)
        AND EXISTS (SELECT 1 FROM user_units uu WHERE uu.user_id = u.id AND uu.unit_id = $1)
      ORDER BY u.username`,
    [unitId],
  );
}

/** The ids of the cases in the households given (a household's cases are read together). */
export async function caseIdsOfHouseholds(
  db: Queryable,
  households: readonly string[],
): Promise<string[]> {
  if (households.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM cases WHERE household_ref = ANY($1::text[]) ORDER BY ref',
    [households],
  );
  return rows.map((r) => r.id);
}

/**
 * Approvals decided between two days (Europe/Copenhagen, both included), by outcome; and whether
 * any rule was in force then (an enabled rule that took effect by `to`), so a period before the
 * rules has no figure rather than zeros.
 */
export async function approvalsDecidedBetween(
  db: Queryable,
  from: IsoDate,
  to: IsoDate,
): Promise<{ given: number; rejected: number; rulesInForce: boolean }> {
  const [row] = await db.query<{ given: number; rejected: number; rulesInForce: boolean }>(
    `SELECT count(*) FILTER (WHERE a.status = 'approved')::int AS given,
            count(*) FILTER (WHERE a.status = 'rejected')::int AS rejected,
            EXISTS (SELECT 1 FROM approval_rules r WHERE r.enabled AND r.effective_from <= $2)
              AS "rulesInForce"
       FROM approvals a
      WHERE a.decided_at IS NOT NULL
        AND (a.decided_at AT TIME ZONE '${TIME_ZONE}')::date BETWEEN $1 AND $2`,
    [from, to],
  );
  return row ?? { given: 0, rejected: 0, rulesInForce: false };
}

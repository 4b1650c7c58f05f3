import type { MeetingDecision, MeetingKind, Participant } from '../../domain/governance/meetings';
import type { IsoDate } from '../../domain/months';
import type { Ore } from '../../domain/money';
import type { Queryable } from '../database';

/** Visitation and committee meetings, their agenda items, sign-offs and presentations. */

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface MeetingRow {
  id: string;
  kind: MeetingKind;
  heldOn: IsoDate;
  unitId: string | null;
  unitName: string | null;
  title: string;
  materialDeadline: IsoDate | null;
  participants: Participant[];
  note: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** visitation: items on the agenda and how many are still undecided */
  itemCount: number;
  openCount: number;
}

const MEETING_COLUMNS = `m.id, m.kind, to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn", m.unit_id AS "unitId",
  u.name AS "unitName", m.title, to_char(m.material_deadline, 'YYYY-MM-DD') AS "materialDeadline",
  m.participants, m.note, m.version, ${iso('m.updated_at')} AS "updatedAt", m.updated_by AS "updatedBy",
  (SELECT count(*)::int FROM meeting_items i WHERE i.meeting_id = m.id) AS "itemCount",
  (SELECT count(*)::int FROM meeting_items i WHERE i.meeting_id = m.id AND i.decision IS NULL) AS "openCount"`;

/**
 * Meetings held from `from` to `to` (inclusive, either open), oldest first. `unitIds` limits
 * visitation meetings to those units (null: all); committee meetings are included only when
 * `committee` is true.
 */
export async function listMeetings(
  db: Queryable,
  filter: {
    unitIds: string[] | null;
    visitation: boolean;
    committee: boolean;
    from?: IsoDate;
    to?: IsoDate;
    unitId?: string;
  },
): Promise<MeetingRow[]> {
  return db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS}
       FROM meetings m LEFT JOIN units u ON u.id = m.unit_id
      WHERE ((m.kind = 'visitation' AND $1::boolean AND ($3::uuid[] IS NULL OR m.unit_id = ANY($3)))
          OR (m.kind = 'committee' AND $2::boolean))
        AND ($4::date IS NULL OR m.held_on >= $4)
        AND ($5::date IS NULL OR m.held_on <= $5)
        AND ($6::uuid IS NULL OR m.unit_id = $6)
      ORDER BY m.held_on, m.kind, m.title`,
    [
      filter.visitation,
      filter.committee,
      filter.unitIds,
      filter.from ?? null,
      filter.to ?? null,
      filter.unitId ?? null,
    ],
  );
}

export async function findMeeting(
  db: Queryable,
  id: string,
  lock = false,
): Promise<MeetingRow | undefined> {
  const rows = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings m LEFT JOIN units u ON u.id = m.unit_id WHERE m.id = $1`,
    [id],
  );
  if (lock && rows[0]) await db.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

export interface NewMeeting {
  kind: MeetingKind;
  heldOn: IsoDate;
  unitId: string | null;
  title: string;
  materialDeadline: IsoDate | null;
  participants: Participant[];
  note: string;
}

export async function insertMeeting(
  tx: Queryable,
  m: NewMeeting & { by: string; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO meetings (kind, held_on, unit_id, title, material_deadline, participants, note,
                           created_at, created_by, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9) RETURNING id`,
    [
      m.kind,
      m.heldOn,
      m.unitId,
      m.title,
      m.materialDeadline,
      JSON.stringify(m.participants),
      m.note,
      m.at,
      m.by,
    ],
  );
  if (!row) throw new Error('insert into meetings returned no row');
  return row.id;
}

/** Saves a meeting's fields when `version` is current; false when it is not. */
export async function updateMeeting(
  tx: Queryable,
  id: string,
  version: number,
  m: Omit<NewMeeting, 'kind' | 'unitId'> & { by: string; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE meetings SET held_on = $3, title = $4, material_deadline = $5, participants = $6,
            note = $7, updated_at = $8, updated_by = $9, version = version + 1
      WHERE id = $1 AND version = $2 RETURNING id`,
    [
      id,
      version,
      m.heldOn,
      m.title,
      m.materialDeadline,
      JSON.stringify(m.participants),
      m.note,
      m.at,
      m.by,
    ],
  );
  return rows.length === 1;
}

export interface MeetingItemRow {
  id: string;
  meetingId: string;
  position: number;
  caseId: string;
  caseRef: string;
  unitId: string;
  approvalId: string | null;
  interventionRef: string | null;
  summary: string;
  putForwardBy: string;
  decision: MeetingDecision | null;
  decisionReason: string | null;
  amountOre: Ore | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
}

const ITEM_COLUMNS = `i.id, i.meeting_id AS "meetingId", i.position, i.case_id AS "caseId",
  c.ref AS "caseRef", c.unit_id AS "unitId", i.approval_id AS "approvalId",
  i.intervention_ref AS "interventionRef", i.summary, i.put_forward_by AS "putForwardBy",
  i.decision, i.decision_reason AS "decisionReason", i.amount_ore AS "amountOre",
  i.decided_by AS "decidedBy", ${iso('i.decided_at')} AS "decidedAt", i.version`;

export async function listItems(db: Queryable, meetingId: string): Promise<MeetingItemRow[]> {
  return db.query<MeetingItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM meeting_items i JOIN cases c ON c.id = i.case_id
      WHERE i.meeting_id = $1 ORDER BY i.position`,
    [meetingId],
  );
}

export async function findItem(
  db: Queryable,
  meetingId: string,
  itemId: string,
  lock = false,
): Promise<MeetingItemRow | undefined> {
  const rows = await db.query<MeetingItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM meeting_items i JOIN cases c ON c.id = i.case_id
      WHERE i.meeting_id = $1 AND i.id = $2 ${lock ? 'FOR UPDATE OF i' : ''}`,
    [meetingId, itemId],
  );
  return rows[0];
}

/** Approval ids that stand on an agenda without a decision yet (so not to be put forward twice). */
export async function approvalsOnOpenAgendas(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT approval_id AS id FROM meeting_items WHERE approval_id IS NOT NULL AND decision IS NULL`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function insertItem(
  tx: Queryable,
  item: {
    meetingId: string;
    caseId: string;
    approvalId: string | null;
    interventionRef: string | null;
    summary: string;
    by: string;
    at: Date;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO meeting_items (meeting_id, position, case_id, approval_id, intervention_ref, summary,
                                put_forward_by, put_forward_at)
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM meeting_items WHERE meeting_id = $1),
             $2, $3, $4, $5, $6, $7)
     ON CONFLICT (meeting_id, case_id) DO NOTHING
     RETURNING id`,
    [
      item.meetingId,
      item.caseId,
      item.approvalId,
      item.interventionRef,
      item.summary,
      item.by,
      item.at,
    ],
  );
  return row?.id ?? '';
}

/** Records the decision on an item when `version` is current and it is undecided. */
export async function decideItem(
  tx: Queryable,
  d: {
    itemId: string;
    version: number;
    decision: MeetingDecision;
    reason: string;
    amountOre: Ore | null;
    by: string;
    at: Date;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE meeting_items SET decision = $3, decision_reason = $4, amount_ore = $5,
            decided_by = $6, decided_at = $7, version = version + 1
      WHERE id = $1 AND version = $2 AND decision IS NULL RETURNING id`,
    [d.itemId, d.version, d.decision, d.reason, d.amountOre, d.by, d.at],
  );
  return rows.length === 1;
}

export async function touchMeeting(tx: Queryable, id: string, by: string, at: Date) {
  await tx.query(
    'UPDATE meetings SET version = version + 1, updated_by = $2, updated_at = $3 WHERE id = $1',
    [id, by, at],
  );
}

// ---- sign-off and presentations -------------------------------------------------------------

export type SignoffObjectType = 'status_report' | 'action_plan';

export interface SignoffRow {
  id: string;
  objectType: SignoffObjectType;
  objectId: string;
  objectVersion: number;
  status: 'requested' | 'signed';
  requestedBy: string | null;
  requestedAt: string | null;
  signedBy: string | null;
  signedByName: string | null;
  signedAt: string | null;
}

const SIGNOFF_COLUMNS = `id, object_type AS "objectType", object_id AS "objectId",
  object_version AS "objectVersion", status, requested_by AS "requestedBy",
  ${iso('requested_at')} AS "requestedAt", signed_by AS "signedBy",
  signed_by_name AS "signedByName", ${iso('signed_at')} AS "signedAt"`;

/** The newest sign-off (or request) of an object. */
export async function latestSignoff(
  db: Queryable,
  objectType: SignoffObjectType,
  objectId: string,
): Promise<SignoffRow | undefined> {
  const rows = await db.query<SignoffRow>(
    `SELECT ${SIGNOFF_COLUMNS} FROM signoffs WHERE object_type = $1 AND object_id = $2
      ORDER BY seq DESC LIMIT 1`,
    [objectType, objectId],
  );
  return rows[0];
}

export async function insertSignoff(
  tx: Queryable,
  s: {
    objectType: SignoffObjectType;
    objectId: string;
    objectVersion: number;
    status: 'requested' | 'signed';
    requestedBy: string | null;
    requestedAt: Date | null;
    signedBy: string | null;
    signedByName: string | null;
    signedAt: Date | null;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO signoffs (object_type, object_id, object_version, status, requested_by,
                           requested_at, signed_by, signed_by_name, signed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      s.objectType,
      s.objectId,
      s.objectVersion,
      s.status,
      s.requestedBy,
      s.requestedAt,
      s.signedBy,
      s.signedByName,
      s.signedAt,
    ],
  );
  if (!row) throw new Error('insert into signoffs returned no row');
  return row.id;
}

/** Turns a request into a sign-off of the version it was requested for. */
export async function signRequested(
  tx: Queryable,
  id: string,
  s: { objectVersion: number; signedBy: string; signedByName: string; signedAt: Date },
): Promise<void> {
  await tx.query(
    `UPDATE signoffs SET status = 'signed', object_version = $2, signed_by = $3,
            signed_by_name = $4, signed_at = $5 WHERE id = $1`,
    [id, s.objectVersion, s.signedBy, s.signedByName, s.signedAt],
  );
}

export interface PresentationRow {
  meetingId: string;
  heldOn: IsoDate;
  meetingTitle: string;
  objectType: SignoffObjectType;
  objectId: string;
  objectVersion: number;
  objectTitle: string;
  signedBy: string | null;
  signedByName: string | null;
  signedAt: string | null;
  presentedBy: string;
  presentedAt: string;
}

const PRESENTATION_SELECT = `SELECT p.meeting_id AS "meetingId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn",
    m.title AS "meetingTitle", p.object_type AS "objectType", p.object_id AS "objectId",
    p.object_version AS "objectVersion",
    coalesce(r.title, a.title, '') AS "objectTitle",
    s.signed_by AS "signedBy", s.signed_by_name AS "signedByName", ${iso('s.signed_at')} AS "signedAt",
    p.presented_by AS "presentedBy", ${iso('p.presented_at')} AS "presentedAt"
  FROM committee_presentations p
  JOIN meetings m ON m.id = p.meeting_id
  JOIN signoffs s ON s.id = p.signoff_id
  LEFT JOIN status_reports r ON p.object_type = 'status_report' AND r.id = p.object_id
  LEFT JOIN action_plans a ON p.object_type = 'action_plan' AND a.id = p.object_id`;

/** Where an object was presented, oldest meeting first. */
export async function presentationsOf(
  db: Queryable,
  objectType: SignoffObjectType,
  objectId: string,
): Promise<PresentationRow[]> {
  return db.query<PresentationRow>(
    `${PRESENTATION_SELECT} WHERE p.object_type = $1 AND p.object_id = $2 ORDER BY m.held_on`,
    [objectType, objectId],
  );
}

/** What was presented at the given meetings. */
export async function presentationsAt(
  db: Queryable,
  meetingIds: readonly string[],
): Promise<PresentationRow[]> {
  if (!meetingIds.length) return [];
  return db.query<PresentationRow>(
    `${PRESENTATION_SELECT} WHERE p.meeting_id = ANY($1::uuid[]) ORDER BY m.held_on, p.object_type, "objectTitle"`,
    [meetingIds],
  );
}

export async function insertPresentation(
  tx: Queryable,
  p: {
    meetingId: string;
    objectType: SignoffObjectType;
    objectId: string;
    objectVersion: number;
    signoffId: string;
    by: string;
    at: Date;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO committee_presentations (meeting_id, object_type, object_id, object_version,
                                          signoff_id, presented_by, presented_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING meeting_id`,
    [p.meetingId, p.objectType, p.objectId, p.objectVersion, p.signoffId, p.by, p.at],
  );
  return rows.length === 1;
}

export interface SignableRow {
  title: string;
  version: number;
  unitId: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** The title, version and unit (null for a status report) of a report or plan; `lock` locks it. */
export async function findSignable(
  db: Queryable,
  objectType: SignoffObjectType,
  objectId: string,
  lock = false,
): Promise<SignableRow | undefined> {
  const table = objectType === 'status_report' ? 'status_reports' : 'action_plans';
  const unit = objectType === 'status_report' ? 'NULL::uuid' : 'unit_id';
  const rows = await db.query<SignableRow>(
    `SELECT title, version, ${unit} AS "unitId", updated_by AS "updatedBy",
            ${iso('updated_at')} AS "updatedAt"
       FROM ${table} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [objectId],
  );
  return rows[0];
}

/** Active users holding a role, with the units they belong to (whom it reaches: the policy). */
export async function usersWithRole(
  db: Queryable,
  role: string,
): Promise<{ id: string; username: string; unitIds: string[] }[]> {
  return db.query(
    `SELECT u.id, u.username,
            COALESCE((SELECT array_agg(uu.unit_id::text) FROM user_units uu WHERE uu.user_id = u.id),
                     '{}') AS "unitIds"
       FROM users u
      WHERE u.is_active AND $1 = ANY(u.roles)
      ORDER BY u.username`,
    [role],
  );
}

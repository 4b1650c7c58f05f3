import type { Actor } from '../../domain/access';
import {
  approvalEffect,
  decisionProblems,
  type MeetingDecision,
  type Participant,
} from '../../domain/governance/meetings';
import { kronerFromJsonNumber, toKroner, type Ore } from '../../domain/money';
import { formatDanishDate, type IsoDate } from '../../domain/months';
import type { Queryable } from '../../db/database';
import { recordAudit, recordRead } from '../../db/repositories/audit';
import { listCaseSummaryIdsByRef } from '../../db/repositories/cases';
import {
  approvalsOnOpenAgendas,
  decideItem as storeDecision,
  findItem,
  findMeeting,
  insertItem,
  insertMeeting,
  listItems,
  listMeetings as listMeetingRows,
  presentationsAt,
  touchMeeting,
  updateMeeting as storeMeeting,
  type MeetingItemRow,
  type MeetingRow,
  type PresentationRow,
} from '../../db/repositories/meetings';
import { findUnit } from '../../db/repositories/organisation';
import { findUserByUsername } from '../../db/repositories/users';
import type {
  MeetingInputJson,
  MeetingItemJson,
  MeetingJson,
  PendingVisitationJson,
  PresentationJson,
} from '../../shared/schemas/meetings';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';
import { validationError } from '../validation';
import { translate } from '../../shared/i18n/translate';
import { danishMoment } from './action-plan-service';
import { notify, usersReaching } from './notification-service';
import { changedFieldNames } from './audit-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Danish name of a decision, as the minutes and messages write it. */
function decisionText(decision: MeetingDecision): string {
  return translate(`meetings.decisions.${decision}`);
}

export function presentPresentation(p: PresentationRow): PresentationJson {
  return {
    meetingId: p.meetingId,
    heldOn: p.heldOn,
    meetingTitle: p.meetingTitle,
    objectType: p.objectType,
    objectId: p.objectId,
    objectTitle: p.objectTitle,
    objectVersion: p.objectVersion,
    signedByName: p.signedByName,
    signedAt: p.signedAt,
    presentedBy: p.presentedBy,
  };
}

function presentItem(i: MeetingItemRow): MeetingItemJson {
  return {
    id: i.id,
    position: i.position,
    caseId: i.caseId,
    caseRef: i.caseRef,
    approvalId: i.approvalId,
    interventionRef: i.interventionRef,
    summary: i.summary,
    putForwardBy: i.putForwardBy,
    decision: i.decision,
    reason: i.decisionReason,
    amount: i.amountOre === null ? null : toKroner(i.amountOre),
    decidedBy: i.decidedBy,
    decidedAt: i.decidedAt,
    version: i.version,
  };
}

function presentMeeting(m: MeetingRow): MeetingJson {
  return {
    id: m.id,
    kind: m.kind,
    heldOn: m.heldOn,
    unitId: m.unitId,
    unitName: m.unitName,
    title: m.title,
    materialDeadline: m.materialDeadline,
    participants: m.participants,
    note: m.note,
    version: m.version,
    updatedAt: m.updatedAt,
    updatedBy: m.updatedBy,
    itemCount: m.kind === 'visitation' ? m.itemCount : 0,
    openCount: m.kind === 'visitation' ? m.openCount : 0,
  };
}

/**
 * Visitation meetings of the units the caller may read and, for those who may read the
 * committee's matters, committee meetings; oldest first.
 */
export async function listMeetings(
  deps: AppDeps,
  actor: Actor,
  filter: { kind?: 'visitation' | 'committee'; from?: IsoDate; to?: IsoDate; unitId?: string },
): Promise<MeetingJson[]> {
  const visitation = can(actor, 'meeting.read') && filter.kind !== 'committee';
  const committee = can(actor, 'committee.read') && filter.kind !== 'visitation';
  if (!can(actor, 'meeting.read') && !can(actor, 'committee.read')) throw new AppError('forbidden');
  if (filter.unitId && !UUID.test(filter.unitId)) return [];
  const rows = await listMeetingRows(deps.db, {
    unitIds: readableUnitIds(actor, 'meeting.read'),
    visitation,
    committee,
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
  });
  const committeeIds = rows.filter((m) => m.kind === 'committee').map((m) => m.id);
  const presented = await presentationsAt(deps.db, committeeIds);
  return rows.map((m) => {
    const json = presentMeeting(m);
    if (m.kind === 'committee')
      json.presented = presented.filter((p) => p.meetingId === m.id).map(presentPresentation);
    return json;
  });
}

/** Reads a meeting for `action`: 404 for one the caller may not read, 403 when they may only read. */
async function authorizedMeeting(
  db: Queryable,
  actor: Actor,
  id: string,
  action: 'read' | 'manage' | 'propose' | 'decide',
  lock = false,
): Promise<MeetingRow> {
  const meeting = UUID.test(id) ? await findMeeting(db, id, lock) : undefined;
  if (!meeting) throw new AppError('not_found');
  if (meeting.kind === 'committee') {
    if (!can(actor, 'committee.read')) throw new AppError('not_found');
    if (action !== 'read') authorize(actor, 'committee.write');
    return meeting;
  }
  authorizeOrNotFound(actor, `meeting.${action}`, 'meeting.read', { unitId: meeting.unitId });
  return meeting;
}

/** One meeting with its agenda and decisions (visitation) or what was presented (committee). */
export async function getMeeting(
  deps: AppDeps,
  actor: Actor,
  id: string,
  requestId?: string,
): Promise<MeetingJson> {
  const meeting = await authorizedMeeting(deps.db, actor, id, 'read');
  const json = presentMeeting(meeting);
  if (meeting.kind === 'visitation') {
    json.items = (await listItems(deps.db, id)).map(presentItem);
    // the agenda names cases: who opened it is logged like a case list
    await recordRead(
      deps.db,
      actor,
      { objectType: 'meeting', objectId: id, unitId: meeting.unitId },
      requestId,
    );
  } else {
    json.presented = (await presentationsAt(deps.db, [id])).map(presentPresentation);
  }
  return json;
}

function participantsOf(input: MeetingInputJson): Participant[] {
  return input.kind === 'visitation' ? input.participants : [];
}

function checkDates(input: MeetingInputJson): void {
  if (input.kind === 'committee' && input.materialDeadline > input.heldOn)
    throw validationError([
      {
        path: 'materialDeadline',
        code: 'after_meeting',
        message: translate('meetings.problems.deadlineAfterMeeting'),
      },
    ]);
}

/** Creates a visitation meeting (for a unit) or a committee meeting (audited). */
export async function createMeeting(
  deps: AppDeps,
  actor: Actor,
  input: MeetingInputJson,
  requestId: string,
): Promise<MeetingJson> {
  if (input.kind === 'visitation') {
    authorize(actor, 'meeting.manage', { unitId: input.unitId });
    if (!(await findUnit(deps.db, input.unitId)))
      throw validationError([
        { path: 'unitId', code: 'unknown', message: translate('meetings.problems.unknownUnit') },
      ]);
  } else authorize(actor, 'committee.write');
  checkDates(input);
  const id = await deps.db.transaction(async (tx) => {
    const newId = await insertMeeting(tx, {
      kind: input.kind,
      heldOn: input.heldOn,
      unitId: input.kind === 'visitation' ? input.unitId : null,
      title: input.title,
      materialDeadline: input.kind === 'committee' ? input.materialDeadline : null,
      participants: participantsOf(input),
      note: input.note,
      by: actor.username,
      at: deps.now(),
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        objectType: 'meeting',
        objectId: newId,
        unitId: input.kind === 'visitation' ? input.unitId : null,
        after: meetingAudit(null, input),
      },
      requestId,
    );
    return newId;
  });
  return getMeeting(deps, actor, id);
}

/** Saves a meeting's date, title, deadline, participants and note; 409 on a stale version. */
export async function updateMeeting(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: MeetingInputJson & { version: number },
  requestId: string,
): Promise<MeetingJson> {
  checkDates(input);
  await deps.db.transaction(async (tx) => {
    const before = await authorizedMeeting(tx, actor, id, 'manage', true);
    if (before.kind !== input.kind)
      throw new AppError('meeting_wrong_kind', { kind: kindName(before.kind) });
    if (input.kind === 'visitation' && input.unitId !== before.unitId)
      throw validationError([
        { path: 'unitId', code: 'fixed', message: translate('meetings.problems.unitFixed') },
      ]);
    const saved = await storeMeeting(tx, id, input.version, {
      heldOn: input.heldOn,
      title: input.title,
      materialDeadline: input.kind === 'committee' ? input.materialDeadline : null,
      participants: participantsOf(input),
      note: input.note,
      by: actor.username,
      at: deps.now(),
    });
    if (!saved) throw conflict(before);
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        objectType: 'meeting',
        objectId: id,
        unitId: before.unitId,
        before: { heldOn: before.heldOn, materialDeadline: before.materialDeadline },
        after: meetingAudit(
          {
            heldOn: before.heldOn,
            title: before.title,
            materialDeadline: before.materialDeadline,
            participants: before.participants,
            note: before.note,
          },
          input,
        ),
      },
      requestId,
    );
  });
  return getMeeting(deps, actor, id);
}

/**
 * A meeting's audit: its kind, dates and participants' roles, and the names of the fields that
 * changed; the title, the note and the participants' names stay in the meeting itself.
 */
function meetingAudit(before: Record<string, unknown> | null, input: MeetingInputJson) {
  const after: Record<string, unknown> = { ...input };
  return {
    kind: input.kind,
    heldOn: input.heldOn,
    ...(input.kind === 'committee' ? { materialDeadline: input.materialDeadline } : {}),
    ...(input.kind === 'visitation' ? { roles: input.participants.map((p) => p.role) } : {}),
    changed: changedFieldNames(before, after, [
      'heldOn',
      'title',
      'materialDeadline',
      'participants',
      'note',
    ]),
  };
}

function kindName(kind: 'visitation' | 'committee'): string {
  return translate(`meetings.kinds.${kind}`);
}

function conflict(m: MeetingRow): AppError {
  return new AppError(
    'version_conflict',
    {
      object: translate('objects.named', { object: translate('objects.meeting'), title: m.title }),
      user: m.updatedBy,
      at: danishMoment(m.updatedAt),
    },
    [],
    { currentVersion: m.version, changedBy: m.updatedBy, changedAt: m.updatedAt },
  );
}

/**
 * The seam to the approvals: what a visitation item decides. Set by the approvals integration
 * (see `setVisitationApprovals`); without it an item stands for no approval.
 */
export interface VisitationApprovals {
  /** Pending approvals of kind visitation in the units (null: all). */
  listPending(db: Queryable, unitIds: string[] | null): Promise<PendingVisitationJson[]>;
  /** The pending visitation approval `approvalId` of the case, or undefined. */
  findPending(
    tx: Queryable,
    approvalId: string,
    caseId: string,
  ): Promise<{ interventionRef: string; summary: string } | undefined>;
  /** Decides the approval in the caller's transaction, as decided at the meeting. */
  decide(
    tx: Queryable,
    deps: AppDeps,
    actor: Actor,
    input: {
      approvalId: string;
      decision: 'approved' | 'rejected';
      reason: string;
      meetingId: string;
      requestId: string;
    },
  ): Promise<void>;
}

let approvals: VisitationApprovals | undefined;

/** Wires the approvals in (once, at module load of the integration). */
export function setVisitationApprovals(a: VisitationApprovals): void {
  approvals = a;
}

/**
 * Puts a case on a visitation meeting's agenda: a pending visitation approval of the case, or
 * another case a participant puts forward. The case must belong to the meeting's unit. Those
 * who run the unit's meetings are told (audited).
 */
export async function addAgendaItem(
  deps: AppDeps,
  actor: Actor,
  meetingId: string,
  input: {
    caseRef: string;
    approvalId: string | null;
    interventionRef: string | null;
    summary: string;
  },
  requestId: string,
): Promise<MeetingJson> {
  await deps.db.transaction(async (tx) => {
    const meeting = await authorizedMeeting(tx, actor, meetingId, 'propose', true);
    if (meeting.kind !== 'visitation')
      throw new AppError('meeting_wrong_kind', { kind: kindName(meeting.kind) });
    const [found] = await listCaseSummaryIdsByRef(tx, [input.caseRef]);
    if (
      !found ||
      (found.unit_id !== meeting.unitId && !can(actor, 'case.read', { unitId: found.unit_id }))
    )
      throw validationError([
        {
          path: 'caseRef',
          code: 'unknown',
          message: translate('meetings.problems.unknownCase', { ref: input.caseRef }),
        },
      ]);
    if (found.unit_id !== meeting.unitId)
      throw new AppError('meeting_case_other_unit', { ref: input.caseRef });
    let interventionRef = input.interventionRef;
    let summary = input.summary;
    if (input.approvalId) {
      const pending = approvals
        ? await approvals.findPending(tx, input.approvalId, found.id)
        : undefined;
      if (!pending)
        throw validationError([
          {
            path: 'approvalId',
            code: 'not_pending',
            message: translate('meetings.problems.notPending'),
          },
        ]);
      interventionRef = pending.interventionRef;
      if (!summary) summary = pending.summary;
    }
    const itemId = await insertItem(tx, {
      meetingId,
      caseId: found.id,
      approvalId: input.approvalId,
      interventionRef,
      summary,
      by: actor.username,
      at: deps.now(),
    });
    if (!itemId) throw new AppError('meeting_case_on_agenda', { ref: input.caseRef });
    await touchMeeting(tx, meetingId, actor.username, deps.now());
    await recordAudit(
      tx,
      actor,
      {
        action: 'put_forward',
        objectType: 'meeting',
        objectId: meetingId,
        unitId: meeting.unitId,
        after: { itemId, caseRef: input.caseRef, approvalId: input.approvalId },
      },
      requestId,
    );
    const told = [
      ...(await usersReaching(tx, 'funktionsleder', meeting.unitId)),
      ...(await usersReaching(tx, 'faglig_koordinator', meeting.unitId)),
    ].filter((u, i, all) => u.id !== actor.userId && all.findIndex((x) => x.id === u.id) === i);
    await notify(
      tx,
      told.map((u) => ({
        userId: u.id,
        kind: 'visitation_agenda' as const,
        params: { caseRef: input.caseRef, title: meeting.title, heldOn: meeting.heldOn },
        link: `/moeder/${meetingId}`,
        dedupeKey: `agenda:${itemId}`,
      })),
      deps.now(),
    );
  });
  return getMeeting(deps, actor, meetingId);
}

/**
 * Records the meeting's decision on a case: bevilget or afslået decide the pending approval
 * the item stands for (the grant is made, or refused) in the same transaction; udsat leaves it
 * pending for a later meeting. Decided items cannot be changed (409); the one who put the case
 * forward is told (audited).
 */
export async function decideAgendaItem(
  deps: AppDeps,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: { decision: MeetingDecision; reason: string; amount: number | null; version: number },
  requestId: string,
  today: IsoDate,
): Promise<MeetingJson> {
  const parsed = input.amount === null ? null : kronerFromJsonNumber(input.amount);
  const amountOre: Ore | null = parsed?.ok ? parsed.value : null;
  const problems = decisionProblems({ decision: input.decision, reason: input.reason, amountOre });
  if (problems.length)
    throw validationError(
      problems.map((p) => ({
        path: p.path,
        code: p.code,
        message: translate(
          p.code === 'required' ? 'validation.mustFill' : 'meetings.problems.amountOnlyGranted',
        ),
      })),
    );
  await deps.db.transaction(async (tx) => {
    const meeting = await authorizedMeeting(tx, actor, meetingId, 'decide', true);
    if (meeting.kind !== 'visitation')
      throw new AppError('meeting_wrong_kind', { kind: kindName(meeting.kind) });
    if (today < meeting.heldOn)
      throw new AppError('meeting_not_held', { date: formatDanishDate(meeting.heldOn) });
    const item = UUID.test(itemId) ? await findItem(tx, meetingId, itemId, true) : undefined;
    if (!item) throw new AppError('not_found');
    if (item.decision)
      throw new AppError('meeting_item_decided', { decision: decisionText(item.decision) });
    if (item.version !== input.version) throw conflict(meeting);
    const effect = approvalEffect(input.decision);
    if (item.approvalId && effect && approvals) {
      await approvals.decide(tx, deps, actor, {
        approvalId: item.approvalId,
        decision: effect,
        reason: input.reason,
        meetingId,
        requestId,
      });
    }
    const stored = await storeDecision(tx, {
      itemId,
      version: input.version,
      decision: input.decision,
      reason: input.reason,
      amountOre,
      by: actor.username,
      at: deps.now(),
    });
    if (!stored) throw conflict(meeting);
    await touchMeeting(tx, meetingId, actor.username, deps.now());
    await recordAudit(
      tx,
      actor,
      {
        action: 'decide',
        objectType: 'meeting',
        objectId: meetingId,
        unitId: meeting.unitId,
        after: {
          itemId,
          caseRef: item.caseRef,
          approvalId: item.approvalId,
          decision: input.decision,
          amountOre,
        },
      },
      requestId,
    );
    const proposer = (await findUserByUsername(tx, item.putForwardBy))?.id;
    if (proposer && proposer !== actor.userId)
      await notify(
        tx,
        [
          {
            userId: proposer,
            kind: 'visitation_decided',
            params: {
              caseRef: item.caseRef,
              decision: decisionText(input.decision),
              heldOn: meeting.heldOn,
            },
            link: `/moeder/${meetingId}`,
            dedupeKey: `decided:${itemId}`,
          },
        ],
        deps.now(),
      );
  });
  return getMeeting(deps, actor, meetingId);
}

/** The minutes' content: the meeting with its items, checked for the caller. */
export async function minutesOf(deps: AppDeps, actor: Actor, id: string, requestId?: string) {
  const meeting = await getMeeting(deps, actor, id, requestId);
  if (meeting.kind !== 'visitation')
    throw new AppError('meeting_wrong_kind', { kind: kindName(meeting.kind) });
  return meeting;
}

/**
 * Cases "til visitation" the caller may put forward: pending approvals of kind visitation in
 * their units (or the one asked for) that are not on an agenda still to be decided.
 */
export async function pendingVisitations(
  deps: AppDeps,
  actor: Actor,
  unitId?: string,
): Promise<PendingVisitationJson[]> {
  authorize(actor, 'meeting.read');
  if (!approvals) return [];
  let units = readableUnitIds(actor, 'meeting.read');
  if (unitId) {
    if (!UUID.test(unitId) || (units && !units.includes(unitId))) return [];
    units = [unitId];
  }
  const onAgenda = await approvalsOnOpenAgendas(deps.db);
  return (await approvals.listPending(deps.db, units)).filter((p) => !onAgenda.has(p.approvalId));
}

import { SYSTEM_ACTOR, type Actor } from '../../domain/access';
import {
  grantIntervention,
  refuseIntervention,
  type CaseRecord,
  type Intervention,
} from '../../domain/cases';
import {
  approvalKindOf,
  asExpected,
  grantCatches,
  holdCaughtGrants,
  rulesInForce,
  type ApprovalCatch,
  type ApprovalKind,
  type ApprovalRule,
  type HeldGrant,
} from '../../domain/governance/approvals';
import type { IsoDate } from '../../domain/months';
import type { Queryable } from '../../db/database';
import {
  approvalsOfCases,
  approversOf,
  caseIdsOfHouseholds,
  findApproval,
  findPendingFor,
  insertApproval,
  listApprovals as listApprovalRows,
  listRules,
  storeDecision,
  type ApprovalRow,
} from '../../db/repositories/approvals';
import { recordAudit } from '../../db/repositories/audit';
import {
  loadCases,
  replaceInterventions,
  touchCase,
  type StoredCase,
} from '../../db/repositories/cases';
import type { ApprovalJson } from '../../shared/schemas/approvals';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';
import { versionConflict } from './audit-service';
import { todayIn } from '../context';
import { setVisitationApprovals } from './meeting-service';
import { notify, usersReaching } from './notification-service';
import { translate } from '../../shared/i18n/translate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The rules in force for a grant registered on `day` (enabled and in effect). */
export async function rulesInForceOn(db: Queryable, day: IsoDate): Promise<ApprovalRule[]> {
  return rulesInForce(await listRules(db), day);
}

/** Every case of the households given, as stored now (the household rule counts across them). */
export async function householdCases(
  db: Queryable,
  households: readonly string[],
): Promise<CaseRecord[]> {
  const ids = await caseIdsOfHouseholds(db, households);
  return ids.length ? (await loadCases(db, { ids })).map((s) => s.record) : [];
}

function interventionOf(record: CaseRecord | undefined, ref: string): Intervention | undefined {
  return record?.interventions.find((i) => i.ref === ref);
}

function presentApproval(a: ApprovalRow, actor: Actor, i: Intervention | undefined): ApprovalJson {
  return {
    id: a.id,
    caseId: a.caseId,
    caseRef: a.caseRef,
    household: a.household,
    unit: { id: a.unitId, name: a.unitName },
    interventionRef: a.interventionRef,
    kind: a.kind,
    status: a.status,
    reasons: a.reasons,
    source: a.source,
    intervention: i
      ? {
          category: i.category,
          paragraph: i.paragraph,
          provider: i.provider.name,
          startDate: i.startDate,
          endDate: i.endDate,
          decidedOn: i.decidedOn,
        }
      : null,
    requestedBy: { username: a.requestedBy, name: a.requestedByName },
    requestedAt: a.requestedAt,
    decidedBy: a.decidedBy ? { username: a.decidedBy, name: a.decidedByName ?? '' } : null,
    decidedAt: a.decidedAt,
    decidedOn: a.decidedOn,
    reason: a.reason,
    meetingId: a.meetingId,
    canDecide: mayDecide(actor, a),
    version: a.version,
  };
}

/**
 * Four-eyes and the unit: a pending approval of kind 'approval' is decided by one who holds
 * approval.decide in the case's unit and did not ask for it. Visitation approvals are decided
 * at a meeting.
 */
function mayDecide(actor: Actor, a: ApprovalRow): boolean {
  return (
    a.status === 'pending' &&
    a.kind === 'approval' &&
    a.requestedById !== actor.userId &&
    can(actor, 'approval.decide', { unitId: a.unitId })
  );
}

async function presentRows(db: Queryable, actor: Actor, rows: ApprovalRow[]) {
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const cases = caseIds.length ? await loadCases(db, { ids: caseIds }) : [];
  const byId = new Map(cases.map((c) => [c.id, c.record]));
  return rows.map((r) =>
    presentApproval(r, actor, interventionOf(byId.get(r.caseId), r.interventionRef)),
  );
}

/**
 * Approvals the caller may see. `status=pending` alone is the approver's inbox: what the caller
 * may decide here (their units, not their own requests, kind approval). `mine` lists the
 * caller's own requests; `caseId` one case's approvals (its history). Other filters list what
 * the caller may read of cases.
 */
export async function listApprovals(
  deps: AppDeps,
  actor: Actor,
  filter: { status?: ApprovalJson['status'] | 'all'; caseId?: string; mine?: boolean },
): Promise<ApprovalJson[]> {
  authorize(actor, 'case.read');
  if (filter.caseId !== undefined && !UUID.test(filter.caseId)) return [];
  const status = filter.status === 'all' ? undefined : filter.status;
  const inbox = status === 'pending' && !filter.caseId && !filter.mine;
  const unitIds = inbox
    ? readableUnitIds(actor, 'approval.decide')
    : readableUnitIds(actor, 'case.read');
  if (unitIds && unitIds.length === 0) return [];
  const rows = await listApprovalRows(deps.db, {
    unitIds,
    ...(status ? { status } : {}),
    ...(filter.caseId ? { caseId: filter.caseId } : {}),
    ...(filter.mine ? { requestedById: actor.userId } : {}),
    ...(inbox ? { kind: 'approval' as const, notRequestedById: actor.userId } : {}),
  });
  return presentRows(deps.db, actor, rows);
}

/** One approval; 404 for one whose case the caller may not read. */
export async function getApproval(deps: AppDeps, actor: Actor, id: string): Promise<ApprovalJson> {
  const row = UUID.test(id) ? await findApproval(deps.db, id) : undefined;
  if (!row || !can(actor, 'case.read', { unitId: row.unitId })) throw new AppError('not_found');
  const [json] = await presentRows(deps.db, actor, [row]);
  if (!json) throw new AppError('not_found');
  return json;
}

/**
 * In the caller's transaction: when a rule in force today catches granting `ref` on the stored
 * case, stores a pending request (see `storeRequest`) and returns it; otherwise returns null and
 * the grant goes ahead. A second request for an intervention already pending is a 409.
 */
export async function requestIfCaught(
  tx: Queryable,
  deps: Pick<AppDeps, 'now'>,
  actor: Actor,
  stored: StoredCase,
  ref: string,
  requestId: string,
): Promise<ApprovalJson | null> {
  const rules = await rulesInForceOn(tx, todayIn(deps));
  if (rules.length === 0) return null;
  const household = await householdCases(tx, [stored.record.household]);
  const catches = grantCatches(rules, household, stored.record.ref, ref);
  if (catches.length === 0) return null;
  if (await findPendingFor(tx, stored.id, ref))
    throw new AppError('approval_pending', { ref, caseRef: stored.record.ref });
  const id = await storeRequest(tx, deps, actor, {
    caseId: stored.id,
    caseRef: stored.record.ref,
    unitId: stored.unitId,
    ref,
    kind: approvalKindOf(rules, catches),
    catches,
    source: 'grant',
    requestId,
  });
  const row = await findApproval(tx, id);
  if (!row) throw new AppError('not_found');
  return presentApproval(row, actor, interventionOf(stored.record, ref));
}

/**
 * Stores a pending request for granting `ref` (audited as approval.request); the approvers, or
 * for visitation those who run the unit's meetings, are told. Returns its id.
 */
async function storeRequest(
  tx: Queryable,
  deps: Pick<AppDeps, 'now'>,
  actor: Actor,
  r: {
    caseId: string;
    caseRef: string;
    unitId: string;
    ref: string;
    kind: ApprovalKind;
    catches: ApprovalCatch[];
    source: 'grant' | 'import';
    requestId: string;
  },
): Promise<string> {
  const id = await insertApproval(tx, {
    caseId: r.caseId,
    interventionRef: r.ref,
    kind: r.kind,
    reasons: r.catches,
    source: r.source,
    by: requester(actor),
    at: deps.now(),
  });
  await recordAudit(
    tx,
    actor,
    {
      action: 'approval.request',
      objectType: 'approval',
      objectId: id,
      unitId: r.unitId,
      after: {
        caseRef: r.caseRef,
        interventionRef: r.ref,
        kind: r.kind,
        reasons: r.catches,
        source: r.source,
      },
    },
    r.requestId,
  );
  const recipients =
    r.kind === 'approval'
      ? await approversOf(tx, r.unitId)
      : [
          ...(await usersReaching(tx, 'funktionsleder', r.unitId)),
          ...(await usersReaching(tx, 'faglig_koordinator', r.unitId)),
        ];
  await notify(
    tx,
    recipients
      .filter((u, n, all) => u.id !== actor.userId && all.findIndex((x) => x.id === u.id) === n)
      .map((u) => ({
        userId: u.id,
        kind: 'approval_requested' as const,
        params: { by: actor.displayName, caseRef: r.caseRef },
        link: r.kind === 'approval' ? `/opgaver/godkendelser/${id}` : '/moeder',
        dedupeKey: `approval:${id}`,
      })),
    deps.now(),
  );
  return id;
}

/**
 * The rules on the import path (docs/formats.md, "Approvals"). An import states what the case
 * system decided, so it is never refused for a rule; instead:
 * - an intervention whose grant Overblik has already asked for keeps Overblik's state: pending
 *   stays expected, approved keeps the day it was granted, rejected stays refused;
 * - a granted intervention the import grants anew (a new case, a new intervention, or one
 *   stored as expected) is checked with the rules in force on its decision date; a caught one
 *   is imported as expected and held for a decision, exactly as the grant button would have
 *   left it. Whoever imports: an import is never the approval (four-eyes), so also an importer
 *   who may approve in the unit sees the grant wait for another approver.
 * Returns the records to store and the grants held (to request once the cases have ids).
 */
export async function holdImportedGrants(
  tx: Queryable,
  actor: Actor,
  records: readonly CaseRecord[],
  storedByRef: ReadonlyMap<string, StoredCase>,
): Promise<{ records: CaseRecord[]; held: HeldGrant[] }> {
  const approvals = await approvalsOfCases(
    tx,
    [...storedByRef.values()].map((s) => s.id),
  );
  const latest = new Map<string, ApprovalRow>();
  for (const a of approvals) {
    const key = `${a.caseId}\u0000${a.interventionRef}`;
    if (!latest.has(key)) latest.set(key, a);
  }
  const candidates: { caseRef: string; ref: string }[] = [];
  const reconciled = records.map((r): CaseRecord => {
    const stored = storedByRef.get(r.ref);
    const interventions = r.interventions.map((i): Intervention => {
      if (i.status !== 'granted') return i;
      const before = interventionOf(stored?.record, i.ref);
      const asked = stored ? latest.get(`${stored.id}\u0000${i.ref}`) : undefined;
      if (asked && before) {
        if (asked.status === 'pending') return asExpected(i);
        if (asked.status === 'rejected') return { ...asExpected(i), endings: before.endings ?? [] };
        return before.grantedOn ? { ...i, grantedOn: before.grantedOn } : i;
      }
      if (before?.status !== 'granted') candidates.push({ caseRef: r.ref, ref: i.ref });
      return i;
    });
    return { ...r, interventions };
  });
  if (candidates.length === 0) return { records: reconciled, held: [] };
  const rules = await listRules(tx);
  const householdOf = new Map(reconciled.map((r) => [r.ref, r.household]));
  const households = [...new Set(candidates.map((c) => householdOf.get(c.caseRef) ?? ''))];
  const concerned = new Set(households);
  const others = (await householdCases(tx, households)).filter((c) => !householdOf.has(c.ref));
  const inHouseholds = reconciled.filter((r) => concerned.has(r.household));
  const result = holdCaughtGrants(rules, [...inHouseholds, ...others], candidates);
  const byRef = new Map(result.records.map((r) => [r.ref, r]));
  return { records: reconciled.map((r) => byRef.get(r.ref) ?? r), held: result.held };
}

/** Requests the decision of the grants an import held (source 'import'), once stored. */
export async function requestHeldGrants(
  tx: Queryable,
  deps: AppDeps,
  actor: Actor,
  held: readonly HeldGrant[],
  cases: ReadonlyMap<string, { id: string; unitId: string }>,
  requestId: string,
): Promise<void> {
  for (const h of held) {
    const c = cases.get(h.caseRef);
    if (!c) continue;
    await storeRequest(tx, deps, actor, {
      caseId: c.id,
      caseRef: h.caseRef,
      unitId: c.unitId,
      ref: h.ref,
      kind: h.kind,
      catches: h.catches,
      source: 'import',
      requestId,
    });
  }
}

function requester(actor: Actor): { id: string | null; username: string; name: string } {
  return {
    id: actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId,
    username: actor.username,
    name: actor.displayName,
  };
}

/** Catches of a stored request, readable in one line (for the visitation agenda). */
function summaryOf(reasons: readonly ApprovalCatch[], i: Intervention | undefined): string {
  const what = i
    ? translate('approvals.summary.intervention', {
        category: i.category,
        provider: i.provider.name,
        start: i.startDate,
      })
    : '';
  const why = reasons
    .map((r) =>
      r.rule === 'household_several'
        ? translate('approvals.summary.household_several', { measures: r.measures })
        : translate('approvals.summary.visitation_category', { category: r.category }),
    )
    .join('; ');
  return [what, why].filter(Boolean).join(': ');
}

/**
 * Decides a pending approval in the caller's transaction: approved grants the intervention from
 * today (Copenhagen), rejected refuses it from today (a dated fact: statements as of earlier
 * dates still see it expected). Both the approval and the case are audited; the requester is
 * told. The caller has checked who may decide.
 */
async function applyDecision(
  tx: Queryable,
  deps: AppDeps,
  actor: Actor,
  a: ApprovalRow,
  decision: 'approved' | 'rejected',
  reason: string,
  meetingId: string | null,
  requestId: string,
): Promise<void> {
  const today = todayIn(deps);
  const [stored] = await loadCases(tx, { ids: [a.caseId] });
  if (!stored) throw new AppError('not_found');
  const refs = [a.interventionRef];
  let result: { ok: true; record: CaseRecord } | { ok: false };
  if (decision === 'approved') {
    const granted = grantIntervention(stored.record, a.interventionRef, today);
    if (granted.ok)
      for (const ref of [granted.endedRef, granted.removedRef]) if (ref) refs.push(ref);
    result = granted;
  } else result = refuseIntervention(stored.record, a.interventionRef, today);
  if (!result.ok) throw new AppError('case_not_expected', { ref: a.interventionRef });
  if (!(await touchCase(tx, stored.id, stored.version, deps.now())))
    throw await versionConflict(
      tx,
      'case',
      stored.id,
      translate('objects.case', { ref: stored.record.ref }),
    );
  await replaceInterventions(tx, [
    { caseId: stored.id, interventions: result.record.interventions },
  ]);
  const stored2 = await storeDecision(tx, {
    id: a.id,
    status: decision,
    reason,
    decidedOn: today,
    meetingId,
    by: requester(actor),
    at: deps.now(),
  });
  if (!stored2) throw new AppError('approval_decided');
  await recordAudit(
    tx,
    actor,
    {
      action: 'approval.decide',
      objectType: 'approval',
      objectId: a.id,
      unitId: a.unitId,
      after: {
        caseRef: a.caseRef,
        interventionRef: a.interventionRef,
        decision,
        decidedOn: today,
        meetingId,
      },
    },
    requestId,
  );
  const touched = (r: CaseRecord) => r.interventions.filter((i) => refs.includes(i.ref));
  await recordAudit(
    tx,
    actor,
    {
      action: decision === 'approved' ? 'case.grant' : 'case.refuse',
      objectType: 'case',
      objectId: stored.id,
      unitId: stored.unitId,
      before: touched(stored.record),
      after: touched(result.record),
    },
    requestId,
  );
  if (a.requestedById && a.requestedById !== actor.userId)
    await notify(
      tx,
      [
        {
          userId: a.requestedById,
          kind: 'approval_decided',
          params: {
            caseRef: a.caseRef,
            decision: decision === 'approved' ? 'godkendt' : 'afvist',
            by: actor.displayName,
          },
          link: `/sager/${a.caseId}`,
          dedupeKey: `approval-decided:${a.id}`,
        },
      ],
      deps.now(),
    );
}

/**
 * The approver's decision (POST /api/approvals/{id}/decision): 404 unless the caller may read
 * the case's unit, 403 unless they may decide there or when it is their own request, 409 when
 * it is decided already or belongs to a visitation meeting.
 */
export async function decideApproval(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { decision: 'approved' | 'rejected'; reason: string },
  requestId: string,
): Promise<ApprovalJson> {
  if (!UUID.test(id)) throw new AppError('not_found');
  await deps.db.transaction(async (tx) => {
    const a = await findApproval(tx, id, true);
    if (!a) throw new AppError('not_found');
    authorizeOrNotFound(actor, 'approval.decide', 'case.read', { unitId: a.unitId });
    if (a.status !== 'pending') throw new AppError('approval_decided');
    if (a.kind === 'visitation') throw new AppError('approval_at_meeting');
    if (a.requestedById === actor.userId) throw new AppError('approval_own_request');
    await applyDecision(tx, deps, actor, a, input.decision, input.reason, null, requestId);
  });
  return getApproval(deps, actor, id);
}

// The visitation meeting decides approvals of kind visitation through its agenda items.
setVisitationApprovals({
  async listPending(db, unitIds) {
    const rows = await listApprovalRows(db, { unitIds, status: 'pending', kind: 'visitation' });
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const cases = caseIds.length ? await loadCases(db, { ids: caseIds }) : [];
    const byId = new Map(cases.map((c) => [c.id, c.record]));
    return rows.map((r) => ({
      approvalId: r.id,
      caseId: r.caseId,
      caseRef: r.caseRef,
      unitId: r.unitId,
      interventionRef: r.interventionRef,
      summary: summaryOf(r.reasons, interventionOf(byId.get(r.caseId), r.interventionRef)),
    }));
  },
  async findPending(tx, approvalId, caseId) {
    if (!UUID.test(approvalId)) return undefined;
    const a = await findApproval(tx, approvalId);
    if (!a || a.caseId !== caseId || a.status !== 'pending' || a.kind !== 'visitation')
      return undefined;
    const [stored] = await loadCases(tx, { ids: [caseId] });
    return {
      interventionRef: a.interventionRef,
      summary: summaryOf(a.reasons, interventionOf(stored?.record, a.interventionRef)),
    };
  },
  async decide(tx, deps, actor, input) {
    const a = UUID.test(input.approvalId)
      ? await findApproval(tx, input.approvalId, true)
      : undefined;
    if (!a || a.status !== 'pending') throw new AppError('approval_decided');
    // four-eyes also at the meeting: who asked does not record the decision
    if (a.requestedById === actor.userId) throw new AppError('approval_own_request');
    await applyDecision(
      tx,
      deps,
      actor,
      a,
      input.decision,
      input.reason,
      input.meetingId,
      input.requestId,
    );
  },
});

import type { Actor } from '../../domain/access';
import {
  caseSchedule,
  isOnTime,
  isReviewerRole,
  linkProblem,
  reviewsRegisteredOn,
  type CaseSchedule,
  type HeldReview,
  type ReviewerRole,
  type ReviewRule,
  type ReviewState,
} from '../../domain/governance/reviews';
import {
  addDays,
  formatDanishDate,
  parseIsoDate,
  toDayNumber,
  type IsoDate,
} from '../../domain/months';
import { LRUCache } from 'lru-cache';
import type { Database, Queryable } from '../../db/database';
import { reviewsDueVersion } from '../../db/repositories/forecast';
import { recordAudit, recordAudits, recordRead } from '../../db/repositories/audit';
import { loadCases, type StoredCase } from '../../db/repositories/cases';
import { getSettings, listUnits } from '../../db/repositories/organisation';
import {
  insertReview,
  insertReviews,
  linkReviewAdjustment,
  listReviewRules,
  listReviews,
  reviewersOfUnits,
  updateReviewRule,
  type NewReview,
  type ReviewRow,
} from '../../db/repositories/reviews';
import type {
  CaseReviewsJson,
  DueReviewJson,
  ReviewInputJson,
  ReviewJson,
  ScheduleJson,
} from '../../shared/schemas/reviews';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';
import { todayIn } from '../context';
import { translate } from '../../shared/i18n/translate';
import { cachePerDatabase } from './notified-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function presentReview(r: ReviewRow): ReviewJson {
  return { ...r, onTime: isOnTime(r) };
}

function presentSchedule(s: CaseSchedule): ScheduleJson {
  return {
    track: s.track,
    dueOn: s.dueOn,
    role: s.role,
    state: s.state,
    lastHeldOn: s.last?.heldOn ?? null,
    lastRole: s.last?.role ?? null,
  };
}

/** The reviews of each case, by case id. */
function byCase(rows: readonly ReviewRow[]): Map<string, ReviewRow[]> {
  const out = new Map<string, ReviewRow[]>();
  for (const r of rows) {
    const list = out.get(r.caseId);
    if (list) list.push(r);
    else out.set(r.caseId, [r]);
  }
  return out;
}

/** `unit` as the query gives it: a unit's id or its name; undefined when not given. */
async function unitScope(
  db: Queryable,
  actor: Actor,
  unit: string | undefined,
): Promise<string[] | null> {
  const readable = readableUnitIds(actor, 'review.read');
  if (!unit) return readable;
  const units = await listUnits(db, readable);
  const found = units.find((u) => u.id === unit || u.name === unit);
  if (!found) throw new AppError('not_found');
  return [found.id];
}

/**
 * The day reviews are registered in Overblik from (the setting "Gennemgange registreres i
 * Overblik fra"); null: from the beginning.
 */
export async function reviewsRegisteredFrom(db: Queryable): Promise<IsoDate | null> {
  return (await getSettings(db))?.reviews_registered_from ?? null;
}

/**
 * Each case of the units (null: all) with a measure in force on `asOf`, its place in the
 * schedule as of that day (from the reviews recorded by then); none before the day reviews are
 * registered in Overblik from. Only cases paying within two months of the day are loaded: a
 * measure in force pays at least that often or ends.
 */
export async function reviewSchedules(
  db: Queryable,
  unitIds: string[] | null,
  asOf: IsoDate,
): Promise<{ stored: StoredCase; schedule: CaseSchedule }[]> {
  if (unitIds && unitIds.length === 0) return [];
  const registeredFrom = await reviewsRegisteredFrom(db);
  if (!reviewsRegisteredOn(asOf, registeredFrom)) return [];
  const [cases, rules] = await Promise.all([
    loadCases(db, {
      unitIds,
      paysBetween: { from: addDays(asOf, -62), to: addDays(asOf, 62) },
    }),
    listReviewRules(db),
  ]);
  if (cases.length === 0) return [];
  const reviews = byCase(
    await listReviews(db, { caseIds: cases.map((c) => c.id), recordedBy: asOf }),
  );
  const out: { stored: StoredCase; schedule: CaseSchedule }[] = [];
  for (const stored of cases) {
    const held = reviews.get(stored.id) ?? [];
    const schedule = caseSchedule(stored.record, held, rules, asOf, registeredFrom);
    if (schedule) out.push({ stored, schedule });
  }
  return out;
}

/** A case's place in the review schedule, with what the list of reviews due shows of the case. */
interface KeptSchedule {
  caseId: string;
  caseRef: string;
  household: string;
  unitId: string;
  unitName: string;
  schedule: CaseSchedule;
}

/** Schedules kept per process: a few scopes × days; older versions fall out first. */
const MAX_KEPT_SCHEDULES = 16;
const keptSchedules = cachePerDatabase(
  () => new LRUCache<string, Promise<readonly KeptSchedule[]>>({ max: MAX_KEPT_SCHEDULES }),
);

/**
 * `reviewSchedules` kept in this process for the versions of what they are computed from
 * (`reviewsDueVersion`, one row read on every call: the cases, settings, units, reviews and
 * rules) and the day and units: a change committed anywhere (through another app server, or in
 * the database) bumps a version, so the next read computes afresh. Reads of the same at once
 * share one computation. Only in memory: the list names cases and households. The caller must
 * not change what it is given.
 */
async function keptReviewSchedules(
  db: Database,
  unitIds: string[] | null,
  asOf: IsoDate,
): Promise<readonly KeptSchedule[]> {
  const version = await reviewsDueVersion(db);
  const key = JSON.stringify([version, asOf, unitIds]);
  const kept = keptSchedules(db);
  const found = kept.get(key);
  if (found) return found;
  const computing = reviewSchedules(db, unitIds, asOf).then((list) =>
    list.map(({ stored, schedule }) => ({
      caseId: stored.id,
      caseRef: stored.record.ref,
      household: stored.record.household,
      unitId: stored.unitId,
      unitName: stored.unitName,
      schedule,
    })),
  );
  kept.set(key, computing);
  computing.catch(() => {
    if (kept.get(key) === computing) kept.delete(key);
  });
  return computing;
}

/**
 * Cases due or overdue for review on `asOf` (default today) in the units the caller may read
 * (or one of them), with the role expected to hold the review and the people holding that role
 * in the case's unit; `mine` keeps the reviews that fall to the caller. Overdue first, the
 * longest overdue first. The list is logged as one read.
 */
export async function dueReviews(
  deps: AppDeps,
  actor: Actor,
  params: {
    asOf?: string | undefined;
    unit?: string | undefined;
    mine?: boolean | undefined;
    state?: ReviewState | undefined;
  },
  requestId?: string,
): Promise<{ asOf: IsoDate; items: DueReviewJson[] }> {
  authorize(actor, 'review.read');
  const { db } = deps;
  const asOf = (params.asOf ? parseIsoDate(params.asOf) : null) ?? todayIn(deps);
  const unitIds = await unitScope(db, actor, params.unit);
  const list = (await keptReviewSchedules(db, unitIds, asOf)).filter(
    ({ schedule: s }) => s.state !== 'upcoming' && (!params.state || s.state === params.state),
  );
  const people = await reviewersOfUnits(db, unitIds);
  const items = list
    .map(({ caseId, caseRef, household, unitId, unitName, schedule }) => ({
      caseId,
      caseRef,
      household,
      unit: { id: unitId, name: unitName },
      ...presentSchedule(schedule),
      daysOverdue: toDayNumber(asOf) - toDayNumber(schedule.dueOn),
      reviewers: people
        .filter((p) => p.unitId === unitId && p.role === schedule.role)
        .map((p) => ({ username: p.username, name: p.name })),
    }))
    .filter(
      (item) =>
        !params.mine || (actor.roles.includes(item.role) && actor.unitIds.includes(item.unit.id)),
    )
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.caseRef < b.caseRef ? -1 : 1));
  await recordRead(
    db,
    actor,
    {
      objectType: 'case.review',
      objectId: null,
      unitId: unitIds?.length === 1 ? (unitIds[0] ?? null) : null,
    },
    requestId,
  );
  return { asOf, items };
}

async function loadCase(db: Queryable, caseId: string): Promise<StoredCase> {
  if (!UUID.test(caseId)) throw new AppError('not_found');
  const [stored] = await loadCases(db, { ids: [caseId] });
  if (!stored) throw new AppError('not_found');
  return stored;
}

/** A case's reviews, newest first, and its place in the schedule today; the read is logged. */
export async function caseReviews(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  requestId?: string,
): Promise<CaseReviewsJson> {
  const { db } = deps;
  const stored = await loadCase(db, caseId);
  authorizeOrNotFound(actor, 'review.read', 'case.read', { unitId: stored.unitId });
  const asOf = todayIn(deps);
  const [rows, rules, registeredFrom] = await Promise.all([
    listReviews(db, { caseIds: [stored.id] }),
    listReviewRules(db),
    reviewsRegisteredFrom(db),
  ]);
  await recordRead(
    db,
    actor,
    { objectType: 'case.review', objectId: stored.id, unitId: stored.unitId },
    requestId,
  );
  const schedule = caseSchedule(stored.record, rows, rules, asOf, registeredFrom);
  return {
    asOf,
    schedule: schedule ? presentSchedule(schedule) : null,
    canRecord: can(actor, 'review.record', { unitId: stored.unitId }),
    reviews: rows.map(presentReview).reverse(),
  };
}

/** The role a review is held in: the one asked for, else the expected one if the caller holds it. */
function heldByRole(actor: Actor, asked: ReviewerRole | null | undefined, expected: ReviewerRole) {
  const own = actor.roles.filter(isReviewerRole);
  const administrator = actor.roles.includes('administrator');
  if (asked) {
    if (own.includes(asked) || administrator) return asked;
    throw validationError([
      { path: 'role', code: 'not_your_role', message: translate('reviews.problems.notYourRole') },
    ]);
  }
  if (own.includes(expected) || administrator || own.length === 0) return expected;
  return own[0] ?? expected;
}

/**
 * The review to store when `actor` records `input` on a case as it stands (its reviews held so
 * far, oldest first, and the schedule's rules): the day it was held (not in the future, not
 * before the case's last review), its outcome, the role it was held in and the adjustment it
 * led to; the schedule as it stood that day is kept with it (due date, expected role), so
 * whether it was held on time never changes. Throws the problem a user would see.
 */
function reviewToStore(
  stored: StoredCase,
  known: readonly HeldReview[],
  rules: readonly ReviewRule[],
  registeredFrom: IsoDate | null,
  actor: Actor,
  input: ReviewInputJson,
  today: IsoDate,
): NewReview {
  authorizeOrNotFound(actor, 'review.record', 'case.read', { unitId: stored.unitId });
  const heldOn = (input.heldOn ? parseIsoDate(input.heldOn) : null) ?? today;
  if (heldOn > today)
    throw validationError([
      { path: 'heldOn', code: 'future_date', message: translate('reviews.problems.futureDate') },
    ]);
  const latest = known.at(-1);
  if (latest && heldOn < latest.heldOn)
    throw validationError([
      {
        path: 'heldOn',
        code: 'before_last_review',
        message: translate('reviews.problems.beforeLastReview'),
      },
    ]);
  if (registeredFrom !== null && !reviewsRegisteredOn(heldOn, registeredFrom))
    throw validationError([
      {
        path: 'heldOn',
        code: 'before_registration',
        message: translate('reviews.problems.beforeRegistration', {
          date: formatDanishDate(registeredFrom),
        }),
      },
    ]);
  const schedule = caseSchedule(stored.record, known, rules, heldOn, registeredFrom);
  if (!schedule)
    throw validationError([
      {
        path: 'heldOn',
        code: 'nothing_to_review',
        message: translate('reviews.problems.nothingToReview'),
      },
    ]);
  const adjustmentRef = input.adjustmentRef || null;
  checkLink(stored, input.outcome, adjustmentRef);
  return {
    caseId: stored.id,
    heldOn,
    heldBy: actor.username,
    heldByName: actor.displayName,
    role: heldByRole(actor, input.role, schedule.role),
    outcome: input.outcome,
    note: input.note.trim(),
    track: schedule.track,
    dueOn: schedule.dueOn,
    expectedRole: schedule.role,
    adjustmentRef,
    recordedOn: today,
  };
}

function reviewAudit(stored: StoredCase, id: string, review: NewReview) {
  return {
    action: 'case.review.record',
    objectType: 'case',
    objectId: stored.id,
    unitId: stored.unitId,
    // the note lives in the review itself
    after: { id, ...review, note: undefined },
  };
}

/**
 * Records a review held on a case (use case, inside the caller's transaction); see
 * `reviewToStore` for what is checked and kept. Audited.
 */
export async function recordReviewIn(
  tx: Queryable,
  actor: Actor,
  params: { caseId: string; input: ReviewInputJson; today: IsoDate },
  requestId?: string,
): Promise<ReviewJson> {
  const stored = await loadCase(tx, params.caseId);
  authorizeOrNotFound(actor, 'review.record', 'case.read', { unitId: stored.unitId });
  const [known, rules, registeredFrom] = await Promise.all([
    listReviews(tx, { caseIds: [stored.id] }),
    listReviewRules(tx),
    reviewsRegisteredFrom(tx),
  ]);
  const review = reviewToStore(
    stored,
    known,
    rules,
    registeredFrom,
    actor,
    params.input,
    params.today,
  );
  const id = await insertReview(tx, review);
  if (!id) throw new AppError('review_exists');
  await recordAudit(tx, actor, reviewAudit(stored, id, review), requestId);
  return presentReview({ id, ...review, version: 1 });
}

/**
 * Records many reviews inside the caller's transaction, each as `recordReviewIn` would (the same
 * checks, in the order given, each seeing the ones before it), with the cases, their reviews
 * and the rules read once and the reviews and their audit rows written in one statement each:
 * a year of a municipality's reviews recorded at once (the demo). All or nothing.
 */
export async function recordReviewsIn(
  tx: Queryable,
  entries: readonly { actor: Actor; caseId: string; input: ReviewInputJson; today: IsoDate }[],
  requestId?: string,
): Promise<ReviewJson[]> {
  if (entries.length === 0) return [];
  const caseIds = [...new Set(entries.map((e) => e.caseId))];
  if (caseIds.some((id) => !UUID.test(id))) throw new AppError('not_found');
  const [cases, rules, rows, registeredFrom] = await Promise.all([
    loadCases(tx, { ids: caseIds }),
    listReviewRules(tx),
    listReviews(tx, { caseIds }),
    reviewsRegisteredFrom(tx),
  ]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const known = byCase(rows);
  const reviews = entries.map((entry) => {
    const stored = caseById.get(entry.caseId);
    if (!stored) throw new AppError('not_found');
    const held = known.get(stored.id) ?? [];
    const review = reviewToStore(
      stored,
      held,
      rules,
      registeredFrom,
      entry.actor,
      entry.input,
      entry.today,
    );
    held.push({ ...review, id: '', version: 1 });
    known.set(stored.id, held);
    return { stored, actor: entry.actor, review };
  });
  const ids = await insertReviews(
    tx,
    reviews.map((r) => r.review),
  );
  if (ids.some((id) => id === null)) throw new AppError('review_exists');
  await recordAudits(
    tx,
    reviews.map(({ stored, actor, review }, n) => ({
      actor,
      entry: reviewAudit(stored, ids[n] ?? '', review),
    })),
    requestId,
  );
  return reviews.map(({ review }, n) => presentReview({ id: ids[n] ?? '', ...review, version: 1 }));
}

function checkLink(stored: StoredCase, outcome: ReviewInputJson['outcome'], ref: string | null) {
  const problem = linkProblem(
    outcome,
    ref === null ? null : stored.record.interventions.find((i) => i.ref === ref),
  );
  if (!problem) return;
  const key =
    problem === 'not_adjustment' && outcome === 'juster' ? 'not_adjustment_juster' : problem;
  const message = translate(`reviews.problems.link.${key}`);
  throw validationError([{ path: 'adjustmentRef', code: problem, message }]);
}

/** Records a review on a case in one transaction (POST /api/cases/{id}/reviews). */
export async function recordReview(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  input: ReviewInputJson,
  requestId: string,
): Promise<ReviewJson> {
  const today = todayIn(deps);
  return deps.db.transaction((tx) =>
    recordReviewIn(tx, actor, { caseId, input, today }, requestId),
  );
}

/**
 * Links a recorded review to the adjustment it led to (registered after the review), or
 * removes the link; the same rules as when recording. Audited; 409 on a stale version.
 */
export async function linkReview(
  deps: AppDeps,
  actor: Actor,
  params: { caseId: string; reviewId: string; adjustmentRef: string | null; version: number },
  requestId: string,
): Promise<ReviewJson> {
  return deps.db.transaction(async (tx) => {
    const stored = await loadCase(tx, params.caseId);
    authorizeOrNotFound(actor, 'review.record', 'case.read', { unitId: stored.unitId });
    const review = (await listReviews(tx, { caseIds: [stored.id] })).find(
      (r) => r.id === params.reviewId,
    );
    if (!review) throw new AppError('not_found');
    const ref = params.adjustmentRef || null;
    checkLink(stored, review.outcome, ref);
    if (!(await linkReviewAdjustment(tx, review.id, ref, params.version)))
      throw await versionConflict(
        tx,
        'case',
        stored.id,
        translate('objects.review', { ref: stored.record.ref }),
      );
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.review.link',
        objectType: 'case',
        objectId: stored.id,
        unitId: stored.unitId,
        before: { id: review.id, adjustmentRef: review.adjustmentRef },
        after: { id: review.id, adjustmentRef: ref },
      },
      requestId,
    );
    return presentReview({ ...review, adjustmentRef: ref, version: review.version + 1 });
  });
}

/** The schedule's rules (readable by whoever may read reviews). */
export async function getReviewRules(
  deps: AppDeps,
  actor: Actor,
): Promise<(ReviewRule & { version: number })[]> {
  authorize(actor, 'review.read');
  return listReviewRules(deps.db);
}

/** Changes one of the schedule's rules (administrators; audited; 409 on a stale version). */
export async function saveReviewRule(
  deps: AppDeps,
  actor: Actor,
  rule: ReviewRule,
  version: number,
  requestId: string,
): Promise<ReviewRule & { version: number }> {
  authorize(actor, 'settings.write');
  return deps.db.transaction(async (tx) => {
    const before = (await listReviewRules(tx)).find((r) => r.track === rule.track);
    if (!before) throw new AppError('not_found');
    if (!(await updateReviewRule(tx, rule, version, actor.username, deps.now())))
      throw await versionConflict(tx, 'review_rule', rule.track, translate('objects.rule'));
    await recordAudit(
      tx,
      actor,
      {
        action: 'review.rule.update',
        objectType: 'review_rule',
        objectId: rule.track,
        before,
        after: rule,
      },
      requestId,
    );
    return { ...rule, version: version + 1 };
  });
}

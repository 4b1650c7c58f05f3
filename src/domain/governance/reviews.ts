import type { Role } from '../access';
import { measuresInForce } from '../cases/families';
import type { CaseRecord } from '../cases/types';
import { addDays, addMonths, type IsoDate } from '../months';

/**
 * Case reviews (sagsgennemgang, opfølgning): every case with a measure in force is reviewed at
 * least twice a year; efterværn cases 3–4 times a year, every other time by the faglig
 * koordinator (professional focus) and by the funktionsleder (economy focus), as the status
 * report of May 2020 decided. The schedule is computed from the rules (data) and the reviews
 * held; nothing here reads a clock ("as of" is always an argument).
 */

/** A review's outcome: continue as is, adjust the measure, or end it (stored in ASCII). */
export const REVIEW_OUTCOMES = ['fortsaet', 'juster', 'afslut'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The roles that hold reviews. */
export const REVIEWER_ROLES = [
  'faglig_koordinator',
  'funktionsleder',
] as const satisfies readonly Role[];
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export function isReviewerRole(role: string): role is ReviewerRole {
  return (REVIEWER_ROLES as readonly string[]).includes(role);
}

/** Which rule a case follows: efterværn when an efterværn measure is in force, else standard. */
export const REVIEW_TRACKS = ['standard', 'eftervaern'] as const;
export type ReviewTrack = (typeof REVIEW_TRACKS)[number];

/** One schedule rule, kept as data (table `review_rules`) so the municipality can tune it. */
export interface ReviewRule {
  track: ReviewTrack;
  /** the longest time from one review (or the start of the case's measures) to the next */
  intervalMonths: number;
  /** a review shows as due this many days before its due date */
  noticeDays: number;
  /** who holds the reviews, in turn: the next review goes to the role after the last one's */
  roles: ReviewerRole[];
}

/**
 * The rules of the reference (status maj 2020): every case at least twice a year (at most six
 * months apart), by the faglig koordinator; efterværn 3–4 times a year (at most four months
 * apart), alternating faglig koordinator and funktionsleder. Migration 0015 stores the same.
 */
export const DEFAULT_REVIEW_RULES: readonly ReviewRule[] = [
  { track: 'standard', intervalMonths: 6, noticeDays: 30, roles: ['faglig_koordinator'] },
  {
    track: 'eftervaern',
    intervalMonths: 4,
    noticeDays: 30,
    roles: ['faglig_koordinator', 'funktionsleder'],
  },
];

/** A review as the schedule needs it. */
export interface HeldReview {
  heldOn: IsoDate;
  role: ReviewerRole;
}

/**
 * The next review after `last` (or, before any review, after `anchor`, the day the case's
 * measures started): due `intervalMonths` after it, held by the role after the last review's
 * in the rule's turn (the first role when the last was held by a role outside the turn).
 */
export function nextReview(
  rule: ReviewRule,
  anchor: IsoDate,
  last: HeldReview | null,
): { dueOn: IsoDate; role: ReviewerRole } {
  const from = last ? last.heldOn : anchor;
  const at = last ? rule.roles.indexOf(last.role) : -1;
  const role = rule.roles[(at + 1) % rule.roles.length] ?? REVIEWER_ROLES[0];
  return { dueOn: addMonths(from, Math.max(1, rule.intervalMonths)), role };
}

/** Overdue after the due date; due from `noticeDays` before it; upcoming before that. */
export type ReviewState = 'overdue' | 'due' | 'upcoming';

export function reviewState(dueOn: IsoDate, asOf: IsoDate, noticeDays: number): ReviewState {
  if (asOf > dueOn) return 'overdue';
  if (asOf >= addDays(dueOn, -noticeDays)) return 'due';
  return 'upcoming';
}

/** A case's place in the schedule on a date. */
export interface CaseSchedule {
  track: ReviewTrack;
  /**
   * the start of the measures in force (the earliest first day of their chains), or the day
   * reviews are registered in Overblik from when that is later
   */
  anchor: IsoDate;
  last: HeldReview | null;
  dueOn: IsoDate;
  role: ReviewerRole;
  state: ReviewState;
}

/**
 * Whether reviews are registered in Overblik on `day`: from `registeredFrom` on (the setting
 * "Gennemgange registreres i Overblik fra"); always when it is null (from the beginning).
 */
export function reviewsRegisteredOn(day: IsoDate, registeredFrom: IsoDate | null): boolean {
  return registeredFrom === null || day >= registeredFrom;
}

/**
 * The schedule of a case as of `asOf`, from the measures in force that day (as decided by then)
 * and the reviews held by then; null when no measure is in force (nothing to review), or when
 * `asOf` is before `registeredFrom`, the day reviews are registered in Overblik from (before it
 * Overblik knows nothing of reviews, so none is due). From that day the schedule runs as if the
 * measures started on it at the earliest (the anchor is the later of the two), and reviews held
 * before it do not count.
 */
export function caseSchedule(
  record: CaseRecord,
  reviews: readonly HeldReview[],
  rules: readonly ReviewRule[],
  asOf: IsoDate,
  registeredFrom: IsoDate | null = null,
): CaseSchedule | null {
  if (!reviewsRegisteredOn(asOf, registeredFrom)) return null;
  const measures = measuresInForce(record, asOf);
  if (measures.length === 0) return null;
  const track: ReviewTrack = measures.some((m) => m.intervention.category === 'eftervaern')
    ? 'eftervaern'
    : 'standard';
  const rule =
    rules.find((r) => r.track === track) ?? DEFAULT_REVIEW_RULES.find((r) => r.track === track);
  if (!rule) return null;
  const byRef = new Map(record.interventions.map((i) => [i.ref, i]));
  let anchor = measures[0]?.intervention.startDate ?? asOf;
  for (const m of measures) {
    const start = byRef.get(m.rootRef)?.startDate ?? m.intervention.startDate;
    if (start < anchor) anchor = start;
  }
  if (registeredFrom !== null && anchor < registeredFrom) anchor = registeredFrom;
  let last: HeldReview | null = null;
  for (const r of reviews)
    if (
      r.heldOn <= asOf &&
      reviewsRegisteredOn(r.heldOn, registeredFrom) &&
      (!last || r.heldOn >= last.heldOn)
    )
      last = r;
  const next = nextReview(rule, anchor, last);
  return { track, anchor, last, ...next, state: reviewState(next.dueOn, asOf, rule.noticeDays) };
}

/** A review is held on time when held on or before the day it was due. */
export function isOnTime(review: { heldOn: IsoDate; dueOn: IsoDate }): boolean {
  return review.heldOn <= review.dueOn;
}

/**
 * Which intervention a review may be linked to as the adjustment it led to: none after
 * fortsæt; after juster an adjustment (it modifies another intervention of the case); after
 * afslut an adjustment or an intervention given an end (an end date or a later ending).
 * `intervention` is null when no link is asked for, undefined when the ref is not on the case.
 */
export function linkProblem(
  outcome: ReviewOutcome,
  intervention:
    | { modifies: string | null; endDate: IsoDate | null; endings?: readonly unknown[] | null }
    | undefined
    | null,
): 'not_allowed' | 'unknown' | 'not_adjustment' | null {
  if (intervention === null) return null;
  if (outcome === 'fortsaet') return 'not_allowed';
  if (intervention === undefined) return 'unknown';
  const adjusts = intervention.modifies !== null;
  const ends = intervention.endDate !== null || (intervention.endings?.length ?? 0) > 0;
  if (outcome === 'juster' ? adjusts : adjusts || ends) return null;
  return 'not_adjustment';
}

/** The indicator "gennemgange holdt til tiden". */
export interface ReviewsOnTime {
  /** reviews held in the period */
  held: number;
  /** of those, held on or before their due date */
  onTime: number;
  /** cases overdue at the end of the period (a review not held, counted as not on time) */
  overdue: number;
  /** onTime / (held + overdue) in whole per cent, rounded half up; null when both are 0 */
  percent: number | null;
}

/**
 * Reviews held on time in a period: the reviews held in it, and the cases overdue at its end
 * as reviews that were not held on time. Per cent rounded half up to whole numbers.
 */
export function reviewsOnTime(
  held: readonly { heldOn: IsoDate; dueOn: IsoDate }[],
  overdue: number,
): ReviewsOnTime {
  const onTime = held.filter(isOnTime).length;
  const all = held.length + overdue;
  return {
    held: held.length,
    onTime,
    overdue,
    percent: all === 0 ? null : Math.floor((onTime * 100) / all + 0.5),
  };
}

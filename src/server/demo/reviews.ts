import { Random } from './generator/random';
import type { Queryable } from '../../db/database';
import { loadCases, type StoredCase } from '../../db/repositories/cases';
import { listReviewRules } from '../../db/repositories/reviews';
import type { Actor, Role } from '../../domain/access';
import type { CaseRecord } from '../../domain/cases/types';
import { measuresInForce } from '../../domain/cases/families';
import {
  caseSchedule,
  isReviewerRole,
  type HeldReview,
  type ReviewOutcome,
  type ReviewRule,
} from '../../domain/governance/reviews';
import { addDays, firstDayOf, type IsoDate } from '../../domain/months';
import type { ReviewInputJson } from '../../shared/schemas/reviews';
import { recordReviewsIn, reviewsRegisteredFrom } from '../services/review-service';
import { DEMO_CURRENT_YEAR } from './budget';

/**
 * The demo's case reviews: the demo municipality registers reviews in Overblik from the first
 * day of the current year (the setting "Gennemgange registreres i Overblik fra"), so before it
 * Overblik knows nothing of reviews. Every case with a measure in force from that day on has
 * been reviewed as the schedule asks since then (the first review due one interval after the
 * later of that day and the start of its measures), by the demo user who holds the role the
 * schedule expects in the case's unit, recorded through the review service. Whether a
 * review was held early or late is drawn from a seeded stream, nothing else: most are held in
 * the month before they are due, some after; a case whose next review falls between its due
 * date and a late draw after today is overdue now. A review's outcome follows the case's own
 * records: juster when an adjustment of the case was decided in the six weeks after it (and is
 * linked to it), afslut when the measures in force end within two months, else fortsæt.
 */

/** The day the demo municipality registers reviews in Overblik from. */
export const DEMO_REVIEWS_REGISTERED_FROM = firstDayOf(DEMO_CURRENT_YEAR);

const SEED = 2020;
/** The share of reviews held after their due date, and how late at most (days). */
const LATE_SHARE = 0.15;
const LATEST = 60;
/** How early a review held on time is held at most (days before its due date). */
const EARLIEST = 28;

const NOTES: Record<ReviewOutcome, readonly string[]> = {
  fortsaet: [
    'Indsatsen virker efter hensigten og fortsætter uændret.',
    'Målene i handleplanen er delvist nået; indsatsen fortsætter.',
    'Statusrapport fra leverandøren gennemgået; ingen ændringer.',
    'Fortsætter; skolegang og trivsel følges ved næste gennemgang.',
    'Økonomien gennemgået; prisen svarer til bevillingen.',
  ],
  juster: [
    'Omfanget tilpasses behovet, jf. justeringen.',
    'Støtten trappes ned, da målene er nået i højere grad.',
    'Indsatsen ændres efter ny børnefaglig vurdering.',
  ],
  afslut: [
    'Målene er nået; indsatsen afsluttes som bevilget.',
    'Indsatsen afsluttes; sagen overgår til almenområdet.',
  ],
};

export async function seedDemoReviews(tx: Queryable, today: IsoDate): Promise<void> {
  const from = (await reviewsRegisteredFrom(tx)) ?? DEMO_REVIEWS_REGISTERED_FROM;
  const [cases, rules, reviewers] = await Promise.all([
    loadCases(tx, { paysBetween: { from, to: today } }),
    listReviewRules(tx),
    demoReviewers(tx),
  ]);
  const random = new Random(SEED);
  const entries: Parameters<typeof recordReviewsIn>[1][number][] = [];
  for (const stored of cases)
    for (const review of scheduleOf(stored, rules, reviewers, random, { from, today }))
      entries.push(review);
  await recordReviewsIn(tx, entries);
}

/** The demo users who hold reviews, by unit and role. */
async function demoReviewers(tx: Queryable): Promise<Map<string, Actor>> {
  const users = await tx.query<{
    id: string;
    username: string;
    display_name: string;
    roles: Role[];
    unit_ids: string[];
  }>(
    `SELECT u.id, u.username, u.display_name, u.roles,
            array_agg(uu.unit_id::text ORDER BY uu.unit_id) AS unit_ids
       FROM users u JOIN user_units uu ON uu.user_id = u.id
      WHERE u.is_active GROUP BY u.id ORDER BY u.username`,
  );
  const out = new Map<string, Actor>();
  for (const u of users) {
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      roles: u.roles,
      unitIds: u.unit_ids,
    };
    for (const role of u.roles.filter(isReviewerRole))
      for (const unitId of u.unit_ids) {
        const key = `${unitId}:${role}`;
        if (!out.has(key)) out.set(key, actor);
      }
  }
  return out;
}

/** The first day from `from` (checked a week apart) on which the case has a measure in force. */
function firstInForce(record: CaseRecord, from: IsoDate, to: IsoDate): IsoDate | null {
  for (let day = from; day <= to; day = addDays(day, 7))
    if (measuresInForce(record, day).length > 0) return day;
  return null;
}

/**
 * The reviews of one case from `from` (the day reviews are registered from) or the later start
 * of its measures up to today, as they were held.
 */
function scheduleOf(
  stored: StoredCase,
  rules: readonly ReviewRule[],
  reviewers: Map<string, Actor>,
  random: Random,
  { from, today }: { from: IsoDate; today: IsoDate },
): { actor: Actor; caseId: string; input: ReviewInputJson; today: IsoDate }[] {
  const record = stored.record;
  const starts = record.interventions.map((i) => i.startDate).sort();
  const first = starts[0] && starts[0] > from ? starts[0] : from;
  let cursor = firstInForce(record, first, today);
  const held: HeldReview[] = [];
  const linked = new Set<string>();
  const out: { actor: Actor; caseId: string; input: ReviewInputJson; today: IsoDate }[] = [];
  while (cursor) {
    const due = caseSchedule(record, held, rules, cursor, from);
    if (!due) {
      cursor = firstInForce(record, addDays(cursor, 1), today);
      continue;
    }
    const drawn = random.chance(LATE_SHARE)
      ? addDays(due.dueOn, random.int(1, LATEST))
      : addDays(due.dueOn, -random.int(0, EARLIEST));
    const last = held.at(-1)?.heldOn;
    let heldOn = drawn > cursor ? drawn : cursor;
    if (last && heldOn <= last) heldOn = addDays(last, 1);
    if (heldOn > today) break;
    const schedule = caseSchedule(record, held, rules, heldOn, from);
    if (!schedule) {
      cursor = firstInForce(record, addDays(heldOn, 1), today);
      continue;
    }
    const actor =
      reviewers.get(`${stored.unitId}:${schedule.role}`) ??
      reviewers.get(`${stored.unitId}:faglig_koordinator`) ??
      reviewers.get(`${stored.unitId}:funktionsleder`);
    if (!actor) break;
    const { outcome, adjustmentRef } = outcomeOf(record, heldOn, linked);
    out.push({
      actor,
      caseId: stored.id,
      input: {
        heldOn,
        outcome,
        role: null,
        note: random.pick(NOTES[outcome]),
        adjustmentRef,
      },
      today: minDate(addDays(heldOn, random.int(0, 2)), today),
    });
    held.push({
      heldOn,
      role: actor.roles.includes(schedule.role)
        ? schedule.role
        : (actor.roles.find(isReviewerRole) ?? schedule.role),
    });
    cursor = heldOn;
  }
  return out;
}

/** What a review held on `heldOn` led to, read from the case's own later records. */
function outcomeOf(
  record: CaseRecord,
  heldOn: IsoDate,
  linked: Set<string>,
): { outcome: ReviewOutcome; adjustmentRef: string | null } {
  const soon = addDays(heldOn, 42);
  const adjustment = record.interventions.find(
    (i) =>
      i.modifies !== null &&
      i.status === 'granted' &&
      i.decidedOn > heldOn &&
      i.decidedOn <= soon &&
      !linked.has(i.ref),
  );
  if (adjustment) {
    linked.add(adjustment.ref);
    return { outcome: 'juster', adjustmentRef: adjustment.ref };
  }
  const inForce = measuresInForce(record, heldOn);
  if (measuresInForce(record, addDays(heldOn, 60)).length === 0) {
    const ending = inForce.find((m) => m.intervention.endDate !== null);
    return { outcome: 'afslut', adjustmentRef: ending?.intervention.ref ?? null };
  }
  return { outcome: 'fortsaet', adjustmentRef: null };
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

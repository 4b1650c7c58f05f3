import type {
  ReviewerRole,
  ReviewOutcome,
  ReviewRule,
  ReviewTrack,
} from '../../domain/governance/reviews';
import type { IsoDate } from '../../domain/months';
import type { Queryable } from '../database';

/** Case reviews (sagsgennemgang) and the rules of their schedule. */

export interface ReviewRow {
  id: string;
  caseId: string;
  heldOn: IsoDate;
  heldBy: string;
  heldByName: string;
  role: ReviewerRole;
  outcome: ReviewOutcome;
  note: string;
  track: ReviewTrack;
  dueOn: IsoDate;
  expectedRole: ReviewerRole;
  adjustmentRef: string | null;
  recordedOn: IsoDate;
  version: number;
}

const COLUMNS = `r.id, r.case_id AS "caseId", to_char(r.held_on, 'YYYY-MM-DD') AS "heldOn",
  r.held_by AS "heldBy", r.held_by_name AS "heldByName", r.held_by_role AS role, r.outcome, r.note,
  r.track, to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.expected_role AS "expectedRole",
  r.adjustment_ref AS "adjustmentRef", to_char(r.recorded_on, 'YYYY-MM-DD') AS "recordedOn", r.version`;

/** The schedule's rules, standard first. */
export async function listReviewRules(
  db: Queryable,
): Promise<(ReviewRule & { version: number })[]> {
  return db.query<ReviewRule & { version: number }>(
    `SELECT track, interval_months AS "intervalMonths", notice_days AS "noticeDays", roles, version
       FROM review_rules ORDER BY track DESC`,
  );
}

/** Changes one rule if its version is still `version`; false when it was changed meanwhile. */
export async function updateReviewRule(
  tx: Queryable,
  rule: ReviewRule,
  version: number,
  by: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE review_rules SET interval_months = $2, notice_days = $3, roles = $4::text[],
            version = version + 1, updated_at = $7, updated_by = $6
      WHERE track = $1 AND version = $5 RETURNING track`,
    [rule.track, rule.intervalMonths, rule.noticeDays, rule.roles, version, by, at],
  );
  return rows.length === 1;
}

/**
 * Reviews of the given cases (null: every case) recorded on or before `recordedBy` (null: all),
 * by case and oldest first.
 */
export async function listReviews(
  db: Queryable,
  filter: { caseIds: string[] | null; recordedBy?: IsoDate | null },
): Promise<ReviewRow[]> {
  return db.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM case_reviews r
      WHERE ($1::uuid[] IS NULL OR r.case_id = ANY($1)) AND ($2::date IS NULL OR r.recorded_on <= $2)
      ORDER BY r.case_id, r.held_on, r.created_at`,
    [filter.caseIds, filter.recordedBy ?? null],
  );
}

/**
 * Reviews held from `from` to `to` (inclusive) on cases of the units (null: all), recorded by
 * `to`: the reviews a period's indicator counts.
 */
export async function reviewsHeldBetween(
  db: Queryable,
  filter: { unitIds: string[] | null; from: IsoDate; to: IsoDate },
): Promise<ReviewRow[]> {
  return db.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM case_reviews r JOIN cases c ON c.id = r.case_id
      WHERE ($1::uuid[] IS NULL OR c.unit_id = ANY($1))
        AND r.held_on BETWEEN $2 AND $3 AND r.recorded_on <= $3
      ORDER BY r.held_on, r.created_at`,
    [filter.unitIds, filter.from, filter.to],
  );
}

/** A review as it is recorded: its id and version are the database's. */
export type NewReview = Omit<ReviewRow, 'id' | 'version'>;

/** Stores a review; null when the case already has a review held that day in that role. */
export async function insertReview(tx: Queryable, r: NewReview): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO case_reviews (case_id, held_on, held_by, held_by_name, held_by_role, outcome, note,
            track, due_on, expected_role, adjustment_ref, recorded_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (case_id, held_on, held_by_role) DO NOTHING RETURNING id`,
    [
      r.caseId,
      r.heldOn,
      r.heldBy,
      r.heldByName,
      r.role,
      r.outcome,
      r.note,
      r.track,
      r.dueOn,
      r.expectedRole,
      r.adjustmentRef,
      r.recordedOn,
    ],
  );
  return rows[0]?.id ?? null;
}

/**
 * Stores many reviews in one statement (a batch recorded in one transaction); the ids in the
 * order given, null for a review that conflicts with one already stored (same case, day, role).
 */
export async function insertReviews(
  tx: Queryable,
  reviews: readonly NewReview[],
): Promise<(string | null)[]> {
  if (reviews.length === 0) return [];
  const rows = await tx.query<{ id: string; n: number }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t("caseId" uuid,
              "heldOn" date, "heldBy" text, "heldByName" text, role text, outcome text, note text,
              track text, "dueOn" date, "expectedRole" text, "adjustmentRef" text,
              "recordedOn" date, n int)),
     stored AS (
       INSERT INTO case_reviews (case_id, held_on, held_by, held_by_name, held_by_role, outcome,
              note, track, due_on, expected_role, adjustment_ref, recorded_on)
       SELECT "caseId", "heldOn", "heldBy", "heldByName", role, outcome, note, track, "dueOn",
              "expectedRole", "adjustmentRef", "recordedOn" FROM input ORDER BY n
       ON CONFLICT (case_id, held_on, held_by_role) DO NOTHING
       RETURNING id, case_id, held_on, held_by_role)
     SELECT s.id, i.n FROM stored s JOIN input i ON i."caseId" = s.case_id
        AND i."heldOn" = s.held_on AND i.role = s.held_by_role`,
    [JSON.stringify(reviews.map((r, n) => ({ ...r, n })))],
  );
  const ids: (string | null)[] = reviews.map(() => null);
  for (const row of rows) ids[row.n] = row.id;
  return ids;
}

/** Links a review to the adjustment it led to, if its version is still `version`. */
export async function linkReviewAdjustment(
  tx: Queryable,
  id: string,
  adjustmentRef: string | null,
  version: number,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE case_reviews SET adjustment_ref = $2, version = version + 1
      WHERE id = $1 AND version = $3 RETURNING id`,
    [id, adjustmentRef, version],
  );
  return rows.length === 1;
}

/** The users who hold `role` in a unit (active ones), by name: who a due review falls to. */
export async function reviewersOfUnits(
  db: Queryable,
  unitIds: string[] | null,
): Promise<{ unitId: string; role: string; username: string; name: string }[]> {
  return db.query(
    `SELECT uu.unit_id AS "unitId", r.role, u.username, u.display_name AS name
       FROM users u JOIN user_units uu ON uu.user_id = u.id, unnest(u.roles) AS r(role)
      WHERE u.is_active AND r.role IN ('faglig_koordinator', 'funktionsleder')
        AND ($1::uuid[] IS NULL OR uu.unit_id = ANY($1))
      ORDER BY u.display_name, u.username`,
    [unitIds],
  );
}

import type { Queryable } from '../database';

export interface RoundRow {
  id: string;
  year: number;
  name: string;
  as_of: string;
  /** through which date the round took actual spending; null for rounds frozen before it was kept */
  actuals_through: string | null;
  intake_params: Record<string, unknown>;
  created_by: string;
  created_at: string;
}

const ROUND = `id, year, name, as_of, actuals_through, intake_params, created_by,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

export async function insertRound(
  tx: Queryable,
  r: {
    year: number;
    name: string;
    asOf: string;
    actualsThrough: string | null;
    intakeParams: unknown;
    by: string;
    /** when it is frozen (the injected clock) */
    at: Date;
  },
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO followup_rounds (year, name, as_of, actuals_through, intake_params, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (year, name) DO NOTHING RETURNING id`,
    [r.year, r.name, r.asOf, r.actualsThrough, JSON.stringify(r.intakeParams), r.by, r.at],
  );
  return rows[0]?.id ?? null;
}

export async function listRounds(db: Queryable, year: number): Promise<RoundRow[]> {
  return db.query<RoundRow>(
    `SELECT ${ROUND} FROM followup_rounds WHERE year = $1 ORDER BY as_of, created_at`,
    [year],
  );
}

export async function findRound(db: Queryable, id: string): Promise<RoundRow | undefined> {
  const rows = await db.query<RoundRow>(`SELECT ${ROUND} FROM followup_rounds WHERE id = $1`, [id]);
  return rows[0];
}

export interface RoundLineRow {
  id: string;
  round_id: string;
  unit_id: string;
  unit_name: string;
  account_function: string;
  budget_ore: number;
  actuals_ore: number;
  committed_ore: number;
  intake_ore: number;
  adjustments_ore: number;
  refusion_ore: number;
  forecast_ore: number;
  overspend_ore: number;
  comment: string;
  version: number;
}

export interface NewRoundLine {
  unitId: string;
  accountFunction: string;
  budgetOre: number;
  actualsOre: number;
  committedOre: number;
  intakeOre: number;
  adjustmentsOre: number;
  refusionOre: number;
  forecastOre: number;
  overspendOre: number;
}

/** Freezes a round's lines in one statement. */
export async function insertRoundLines(
  tx: Queryable,
  roundId: string,
  lines: readonly NewRoundLine[],
): Promise<void> {
  if (lines.length === 0) return;
  const col = <K extends keyof NewRoundLine>(k: K) => lines.map((l) => l[k]);
  await tx.query(
    `INSERT INTO followup_round_lines (round_id, unit_id, account_function, budget_ore, actuals_ore, committed_ore,
                                       intake_ore, adjustments_ore, forecast_ore, overspend_ore, refusion_ore)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                              $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])`,
    [
      roundId,
      col('unitId'),
      col('accountFunction'),
      col('budgetOre'),
      col('actualsOre'),
      col('committedOre'),
      col('intakeOre'),
      col('adjustmentsOre'),
      col('forecastOre'),
      col('overspendOre'),
      col('refusionOre'),
    ],
  );
}

export async function listRoundLines(
  db: Queryable,
  roundIds: readonly string[],
  unitIds: readonly string[] | null,
): Promise<RoundLineRow[]> {
  return db.query<RoundLineRow>(
    `SELECT l.id, l.round_id, l.unit_id, u.name AS unit_name, l.account_function, l.budget_ore, l.actuals_ore,
            l.committed_ore, l.intake_ore, l.adjustments_ore, l.refusion_ore, l.forecast_ore, l.overspend_ore, l.comment, l.version
       FROM followup_round_lines l JOIN units u ON u.id = l.unit_id
      WHERE l.round_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR l.unit_id = ANY($2::uuid[]))
      ORDER BY u.name, l.account_function`,
    [roundIds, unitIds],
  );
}

export async function findRoundLine(db: Queryable, id: string): Promise<RoundLineRow | undefined> {
  const rows = await listRoundLinesById(db, id);
  return rows[0];
}

async function listRoundLinesById(db: Queryable, id: string): Promise<RoundLineRow[]> {
  return db.query<RoundLineRow>(
    `SELECT l.id, l.round_id, l.unit_id, u.name AS unit_name, l.account_function, l.budget_ore, l.actuals_ore,
            l.committed_ore, l.intake_ore, l.adjustments_ore, l.refusion_ore, l.forecast_ore, l.overspend_ore, l.comment, l.version
       FROM followup_round_lines l JOIN units u ON u.id = l.unit_id WHERE l.id = $1`,
    [id],
  );
}

export async function updateRoundLineComment(
  tx: Queryable,
  id: string,
  version: number,
  comment: string,
): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE followup_round_lines SET comment = $3, version = version + 1 WHERE id = $1 AND version = $2 RETURNING id',
    [id, version, comment],
  );
  return rows.length === 1;
}

/** Late postings (in a month a round had closed) of a unit and year: count and sum in øre. */
export async function latePostings(
  db: Queryable,
  unitId: string,
  year: number,
): Promise<{ n: number; sum_ore: number }> {
  const [row] = await db.query<{ n: number; sum_ore: number }>(
    `SELECT count(*)::int AS n, COALESCE(SUM(p.amount_ore), 0)::bigint AS sum_ore
       FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done'
      WHERE p.unit_id = $1 AND p.is_late AND extract(year FROM p.posted_on) = $2`,
    [unitId, year],
  );
  return row ?? { n: 0, sum_ore: 0 };
}

/**
 * Income and state reimbursement a unit has posted from 1 January to `asOf`, for the causes
 * of a draft action plan. Income is the sum of the postings with a negative amount on any
 * dranst but 2 (the account string carries no art, so credit notes count as income too);
 * reimbursement is the net sum of the postings on dranst 2 (statsrefusion). Both are returned
 * as posted: income is negative or 0, reimbursement normally negative.
 */
export async function incomePostedToDate(
  db: Queryable,
  p: { unitId: string; year: number; asOf: string },
): Promise<{
  income_ore: number;
  income_n: number;
  reimbursement_ore: number;
  reimbursement_n: number;
}> {
  const [row] = await db.query<{
    income_ore: number;
    income_n: number;
    reimbursement_ore: number;
    reimbursement_n: number;
  }>(
    `SELECT COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst <> '2' AND p.amount_ore < 0), 0)::bigint AS income_ore,
            (count(*) FILTER (WHERE p.dranst <> '2' AND p.amount_ore < 0))::int AS income_n,
            COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst = '2'), 0)::bigint AS reimbursement_ore,
            (count(*) FILTER (WHERE p.dranst = '2'))::int AS reimbursement_n
       FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done'
      WHERE p.unit_id = $1 AND p.posted_on BETWEEN make_date($2, 1, 1) AND $3::date`,
    [p.unitId, p.year, p.asOf],
  );
  return row ?? { income_ore: 0, income_n: 0, reimbursement_ore: 0, reimbursement_n: 0 };
}

import type { Queryable } from '../database';

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

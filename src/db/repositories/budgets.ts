import type { Queryable } from '../database';

export interface AccountFunctionRow {
  code: string;
  name: string;
}

export async function listAccountFunctions(db: Queryable): Promise<AccountFunctionRow[]> {
  return db.query<AccountFunctionRow>('SELECT code, name FROM account_functions ORDER BY code');
}

export interface BudgetLineRow {
  id: string;
  unit_id: string;
  unit_name: string;
  account_function: string;
  year: number;
  original_ore: number;
  transfer_ore: number;
  monthly_profile: number[] | null;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface BudgetCorrectionRow {
  id: string;
  budget_line_id: string;
  corrected_on: string;
  amount_ore: number;
  reason: string;
  created_by: string;
}

const SELECT_LINE = `
  SELECT b.id, b.unit_id, u.name AS unit_name, b.account_function, b.year, b.original_ore,
         b.transfer_ore, b.monthly_profile, b.version,
         to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
         b.updated_by
    FROM budget_lines b JOIN units u ON u.id = b.unit_id`;

/** Budget lines of a year, for the given units (null = all). */
export async function listBudgetLines(
  db: Queryable,
  year: number,
  unitIds: readonly string[] | null,
): Promise<BudgetLineRow[]> {
  return db.query<BudgetLineRow>(
    `${SELECT_LINE}
      WHERE b.year = $1 AND ($2::uuid[] IS NULL OR b.unit_id = ANY($2::uuid[]))
      ORDER BY u.name, b.account_function`,
    [year, unitIds],
  );
}

export async function findBudgetLine(
  db: Queryable,
  id: string,
): Promise<BudgetLineRow | undefined> {
  const rows = await db.query<BudgetLineRow>(`${SELECT_LINE} WHERE b.id = $1`, [id]);
  return rows[0];
}

export async function findBudgetLineByKey(
  db: Queryable,
  key: { unitId: string; accountFunction: string; year: number },
): Promise<BudgetLineRow | undefined> {
  const rows = await db.query<BudgetLineRow>(
    `${SELECT_LINE} WHERE b.unit_id = $1 AND b.account_function = $2 AND b.year = $3`,
    [key.unitId, key.accountFunction, key.year],
  );
  return rows[0];
}

export async function listCorrections(
  db: Queryable,
  lineIds: readonly string[],
): Promise<BudgetCorrectionRow[]> {
  if (lineIds.length === 0) return [];
  return db.query<BudgetCorrectionRow>(
    `SELECT id, budget_line_id, corrected_on, amount_ore, reason, created_by
       FROM budget_corrections WHERE budget_line_id = ANY($1::uuid[])
      ORDER BY corrected_on, created_at`,
    [lineIds],
  );
}

export interface BudgetLineValues {
  unitId: string;
  accountFunction: string;
  year: number;
  originalOre: number;
  transferOre: number;
  monthlyProfile: number[] | null;
  by: string;
  at: Date;
}

export async function insertBudgetLine(tx: Queryable, v: BudgetLineValues): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO budget_lines (unit_id, account_function, year, original_ore, transfer_ore, monthly_profile, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      v.unitId,
      v.accountFunction,
      v.year,
      v.originalOre,
      v.transferOre,
      v.monthlyProfile,
      v.by,
      v.at,
    ],
  );
  if (!row) throw new Error('insert into budget_lines returned no row');
  return row.id;
}

/** Updates a line when its version still is `version`; returns false on a stale version. */
export async function updateBudgetLine(
  tx: Queryable,
  id: string,
  version: number,
  v: Pick<BudgetLineValues, 'originalOre' | 'transferOre' | 'monthlyProfile' | 'by' | 'at'>,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE budget_lines SET original_ore = $3, transfer_ore = $4, monthly_profile = $5,
            updated_by = $6, updated_at = $7, version = version + 1
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, v.originalOre, v.transferOre, v.monthlyProfile, v.by, v.at],
  );
  return rows.length === 1;
}

/** Bumps the line's version (a correction changes the corrected budget); false when stale. */
export async function touchBudgetLine(
  tx: Queryable,
  id: string,
  version: number,
  by: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE budget_lines SET version = version + 1, updated_by = $3, updated_at = $4
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, by, at],
  );
  return rows.length === 1;
}

export async function insertCorrection(
  tx: Queryable,
  c: { lineId: string; date: string; amountOre: number; reason: string; by: string; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO budget_corrections (budget_line_id, corrected_on, amount_ore, reason, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.lineId, c.date, c.amountOre, c.reason, c.by, c.at],
  );
  if (!row) throw new Error('insert into budget_corrections returned no row');
  return row.id;
}

/** Corrected budget per unit and function for a year, in øre (for the forecast). */
export async function correctedBudgetsByUnitFunction(
  db: Queryable,
  year: number,
  unitIds: readonly string[] | null,
): Promise<
  {
    unit_id: string;
    account_function: string;
    corrected_ore: number;
    monthly_profile: number[] | null;
  }[]
> {
  return db.query(
    `SELECT b.unit_id, b.account_function, b.monthly_profile,
            (b.original_ore + b.transfer_ore + COALESCE(SUM(c.amount_ore), 0))::bigint AS corrected_ore
       FROM budget_lines b LEFT JOIN budget_corrections c ON c.budget_line_id = b.id
      WHERE b.year = $1 AND ($2::uuid[] IS NULL OR b.unit_id = ANY($2::uuid[]))
      GROUP BY b.id`,
    [year, unitIds],
  );
}

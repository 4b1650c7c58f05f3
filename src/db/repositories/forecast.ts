import type { Queryable } from '../database';

export interface AdjustmentRow {
  id: string;
  unit_id: string;
  account_function: string;
  year: number;
  amount_ore: number;
  reason: string;
  created_by: string;
  created_at: string;
}

export async function listAdjustments(
  db: Queryable,
  year: number,
  unitIds: readonly string[] | null,
): Promise<AdjustmentRow[]> {
  return db.query<AdjustmentRow>(
    `SELECT id, unit_id, account_function, year, amount_ore, reason, created_by,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
       FROM forecast_adjustments
      WHERE year = $1 AND ($2::uuid[] IS NULL OR unit_id = ANY($2::uuid[]))
      ORDER BY created_at`,
    [year, unitIds],
  );
}

export async function insertAdjustment(
  tx: Queryable,
  a: {
    unitId: string;
    accountFunction: string;
    year: number;
    amountOre: number;
    reason: string;
    by: string;
    at: Date;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO forecast_adjustments (unit_id, account_function, year, amount_ore, reason, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [a.unitId, a.accountFunction, a.year, a.amountOre, a.reason, a.by, a.at],
  );
  if (!row) throw new Error('insert into forecast_adjustments returned no row');
  return row.id;
}

/** Years before `year` with a finished ledger import: the history the intake is estimated from. */
export async function yearsWithPostings(db: Queryable, beforeYear: number): Promise<number[]> {
  const rows = await db.query<{ y: number }>(
    `SELECT DISTINCT year AS y FROM ledger_imports WHERE status = 'done' AND year < $1 ORDER BY y DESC`,
    [beforeYear],
  );
  return rows.map((r) => r.y);
}

/**
 * The version of everything the committed cost is computed from (cases, interventions, rates,
 * reimbursement thresholds; bumped at the commit of any change, migration 0027): equal versions
 * mean equal commitments, so the forecast may reuse them. One row read. Inside a transaction
 * that has changed them and not committed yet, the version names its changes too ("12+3": three
 * statements), since it sees them before the bump.
 */
export async function commitmentsVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `SELECT version::text
            || coalesce('+' || nullif(current_setting('overblik.commitments_changed', true), ''), '')
            AS version
       FROM commitments_version`,
  );
  return row?.version ?? '';
}

/**
 * The versions of everything the forecast and its backtest are computed from, in one row read:
 * the commitments' (migration 0027) and the rest's (ledger, budgets, adjustments, settings,
 * units, account functions; migration 0028), as `commitments.figures`. Equal versions mean
 * equal figures. For reads outside a transaction (a transaction's own uncommitted changes are
 * not in it).
 */
export async function figuresVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `SELECT c.version::text || '.' || f.version::text AS version
       FROM commitments_version c, figures_version f`,
  );
  return row?.version ?? '';
}

/**
 * The versions of everything the reviews due are computed from, in one row read: the cases'
 * (migration 0027), the settings' and units' (0028) and the reviews' and their rules' (0032),
 * as `commitments.figures.reviews`. For reads outside a transaction.
 */
export async function reviewsDueVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `SELECT c.version::text || '.' || f.version::text || '.' || r.version::text AS version
       FROM commitments_version c, figures_version f, reviews_version r`,
  );
  return row?.version ?? '';
}

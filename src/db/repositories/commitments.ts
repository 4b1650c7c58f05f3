import type { ReimbursementThresholds } from '../../domain/cases';
import type { Ore } from '../../domain/money';
import type { IsoDate } from '../../domain/months';
import type { Queryable } from '../database';

/** The dated thresholds for reimbursement of very expensive cases, oldest first. */
export async function listReimbursementThresholds(
  db: Queryable,
): Promise<ReimbursementThresholds[]> {
  const rows = await db.query<{
    valid_from: string;
    t25_ore: number;
    t50_ore: number;
    t75_ore: number;
    source: string;
  }>(
    'SELECT valid_from, t25_ore, t50_ore, t75_ore, source FROM reimbursement_thresholds ORDER BY valid_from',
  );
  return rows.map((r) => ({
    validFrom: r.valid_from as IsoDate,
    t25Ore: r.t25_ore as Ore,
    t50Ore: r.t50_ore as Ore,
    t75Ore: r.t75_ore as Ore,
    source: r.source,
  }));
}

/** Stores the thresholds valid from a date (replacing those of the same date). */
export async function upsertReimbursementThresholds(
  tx: Queryable,
  t: ReimbursementThresholds,
): Promise<void> {
  await tx.query(
    `INSERT INTO reimbursement_thresholds (valid_from, t25_ore, t50_ore, t75_ore, source)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (valid_from) DO UPDATE SET t25_ore = EXCLUDED.t25_ore, t50_ore = EXCLUDED.t50_ore,
       t75_ore = EXCLUDED.t75_ore, source = EXCLUDED.source`,
    [t.validFrom, t.t25Ore, t.t50Ore, t.t75Ore, t.source],
  );
}

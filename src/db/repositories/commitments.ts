import type { ReimbursementThresholds } from '../../domain/cases';
import type { Ore } from '../../domain/money';
import type { IsoDate } from '../../domain/months';
import type { Queryable } from '../database';

/** The dated thresholds for reimbursement of very expensive cases, oldest first. */
export async function listReimbursementThresholds(
  db: Queryable,
): Promise<(ReimbursementThresholds & { version: number })[]> {
  const rows = await db.query<{
    valid_from: string;
    t25_ore: number;
    t50_ore: number;
    t75_ore: number;
    source: string;
    version: number;
  }>(
    'SELECT valid_from, t25_ore, t50_ore, t75_ore, source, version FROM reimbursement_thresholds ORDER BY valid_from',
  );
  return rows.map((r) => ({
    validFrom: r.valid_from as IsoDate,
    t25Ore: r.t25_ore as Ore,
    t50Ore: r.t50_ore as Ore,
    t75Ore: r.t75_ore as Ore,
    source: r.source,
    version: r.version,
  }));
}

/**
 * Stores the thresholds valid from a date: new when `basedOn` is null, otherwise only if the
 * stored row still has version `basedOn`. Returns the new version, or null when someone else
 * changed (or created) the row meanwhile and nothing was stored.
 */
export async function saveReimbursementThresholds(
  tx: Queryable,
  t: ReimbursementThresholds,
  basedOn: number | null,
): Promise<number | null> {
  const values = [t.validFrom, t.t25Ore, t.t50Ore, t.t75Ore, t.source];
  const [row] =
    basedOn === null
      ? await tx.query<{ version: number }>(
          `INSERT INTO reimbursement_thresholds (valid_from, t25_ore, t50_ore, t75_ore, source)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (valid_from) DO NOTHING RETURNING version`,
          values,
        )
      : await tx.query<{ version: number }>(
          `UPDATE reimbursement_thresholds SET t25_ore = $2, t50_ore = $3, t75_ore = $4,
             source = $5, version = version + 1
           WHERE valid_from = $1 AND version = $6 RETURNING version`,
          [...values, basedOn],
        );
  return row ? row.version : null;
}

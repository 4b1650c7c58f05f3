import type { Queryable } from '../../db/database';
import { committedByUnitFunctionMonth } from './commitment-service';

/** The committed cost per unit, function and month (disponering) as the cases capability states it. */
export interface CommittedRow {
  unitId: string;
  accountFunction: string;
  month: number;
  expectedOre: number;
  grantedOre: number;
}

/**
 * Committed cost for a year as of a date from the cases' payment plans. `available` stays in
 * the answer so a forecast can say when its committed part is missing.
 */
export async function committedByUnitFunctionMonthIfAvailable(
  db: Queryable,
  params: { year: number; asOf: string; unitIds: string[] | null },
): Promise<{ available: boolean; rows: CommittedRow[] }> {
  return { available: true, rows: await committedByUnitFunctionMonth(db, params) };
}

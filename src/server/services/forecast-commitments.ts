import type { Queryable } from '../../db/database';

/** The committed cost per unit, function and month (disponering) as the cases capability states it. */
export interface CommittedRow {
  unitId: string;
  accountFunction: string;
  month: number;
  expectedOre: number;
  grantedOre: number;
}

type CommittedByUnitFunctionMonth = (
  db: Queryable,
  params: { year: number; asOf: string; unitIds?: string[] | null },
) => Promise<CommittedRow[]>;

// Loaded by name so the forecast also runs where the cases capability is not installed:
// without it, the committed part is 0 and the forecast says so (`commitmentsAvailable`).
const COMMITMENT_MODULE = './commitment-service';
let loaded: Promise<CommittedByUnitFunctionMonth | null> | undefined;

function load(): Promise<CommittedByUnitFunctionMonth | null> {
  loaded ??= import(COMMITMENT_MODULE).then(
    (mod: { committedByUnitFunctionMonth?: CommittedByUnitFunctionMonth }) =>
      mod.committedByUnitFunctionMonth ?? null,
    (error: unknown) => {
      if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return null;
      throw error;
    },
  );
  return loaded;
}

/** Committed cost for a year as of a date, or `available: false` without the cases capability. */
export async function committedByUnitFunctionMonthIfAvailable(
  db: Queryable,
  params: { year: number; asOf: string; unitIds: string[] | null },
): Promise<{ available: boolean; rows: CommittedRow[] }> {
  const fn = await load();
  if (!fn) return { available: false, rows: [] };
  return { available: true, rows: await fn(db, params) };
}

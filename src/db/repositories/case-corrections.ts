import {
  correctedFields,
  type CorrectedFields,
  type InterventionCorrection,
} from '../../domain/cases';
import type { IsoDate } from '../../domain/months';
import type { Queryable } from '../database';
import { canonicalPayment } from './cases';

/** A stored correction: the domain's, with its id, its case's id and who made it by name. */
export interface StoredCorrection extends InterventionCorrection {
  id: string;
  caseId: string;
  /** the display name of `by` (the username when the user is gone) */
  byName: string;
  /** when it was stored (UTC, ISO 8601) */
  at: string;
}

interface CorrectionRow {
  id: string;
  case_id: string;
  case_ref: string;
  intervention_ref: string;
  corrected_on: string;
  reason: string;
  before: CorrectedFields | string;
  after: CorrectedFields | string;
  corrected_by: string;
  by_name: string | null;
  at: string;
}

const fields = (v: CorrectedFields | string): CorrectedFields => {
  const f = correctedFields(typeof v === 'string' ? (JSON.parse(v) as CorrectedFields) : v);
  return { ...f, payment: canonicalPayment(f.payment) };
};

/** Stores one correction (in the transaction that stores the corrected intervention). */
export async function insertCorrection(
  tx: Queryable,
  c: {
    caseId: string;
    interventionRef: string;
    correctedOn: IsoDate;
    reason: string;
    by: string;
    at: Date;
    before: CorrectedFields;
    after: CorrectedFields;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO case_corrections (case_id, intervention_ref, corrected_on, reason, before, after, corrected_by,
                                   created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) RETURNING id`,
    [
      c.caseId,
      c.interventionRef,
      c.correctedOn,
      c.reason,
      JSON.stringify(correctedFields(c.before)),
      JSON.stringify(correctedFields(c.after)),
      c.by,
      c.at,
    ],
  );
  return row?.id ?? '';
}

/**
 * Corrections in the order they were made: of the given cases (`caseIds`) or of the cases in
 * the given units (`unitIds`, null = every unit), made after the day `after` when given.
 */
export async function listCorrections(
  db: Queryable,
  filter: { caseIds?: string[]; unitIds?: string[] | null; after?: IsoDate },
): Promise<StoredCorrection[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.caseIds) {
    params.push(filter.caseIds);
    where.push(`k.case_id = ANY($${params.length}::uuid[])`);
  }
  if (filter.unitIds) {
    params.push(filter.unitIds);
    where.push(`c.unit_id = ANY($${params.length}::uuid[])`);
  }
  if (filter.after) {
    params.push(filter.after);
    where.push(`k.corrected_on > $${params.length}::date`);
  }
  const rows = await db.query<CorrectionRow>(
    `SELECT k.id, k.case_id, c.ref AS case_ref, k.intervention_ref,
            to_char(k.corrected_on, 'YYYY-MM-DD') AS corrected_on, k.reason, k.before, k.after,
            k.corrected_by, u.display_name AS by_name,
            to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
       FROM case_corrections k
       JOIN cases c ON c.id = k.case_id
       LEFT JOIN users u ON u.username = k.corrected_by
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY k.corrected_on, k.created_at, k.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseRef: r.case_ref,
    interventionRef: r.intervention_ref,
    correctedOn: r.corrected_on as IsoDate,
    reason: r.reason,
    by: r.corrected_by,
    byName: r.by_name ?? r.corrected_by,
    at: r.at,
    before: fields(r.before),
    after: fields(r.after),
  }));
}

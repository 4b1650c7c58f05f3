import type { FocusAreaFigures, FocusAreaSpec } from '../../domain/status-report/report';
import type { IsoDate } from '../../domain/months';
import type { ReportIndicatorsJson } from '../../shared/schemas/status-report';
import type { Queryable } from '../database';

export type ReportStatus = 'draft' | 'final';

/** The texts of a report and what its figures are computed from. */
export interface ReportContent {
  title: string;
  year: number;
  asOf: IsoDate;
  intro: string;
  closing: string;
  focusAreas: FocusAreaSpec[];
}

export interface StoredReport extends ReportContent {
  id: string;
  status: ReportStatus;
  /** the figures as they were when the report was marked final; null while a draft */
  frozenFigures: FocusAreaFigures[] | null;
  /** the indicators as they were when the report was marked final; null while a draft */
  frozenIndicators: ReportIndicatorsJson | null;
  finalisedAt: string | null;
  finalisedBy: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

interface Row {
  id: string;
  title: string;
  year: number;
  as_of: string;
  intro: string;
  closing: string;
  focus_areas: FocusAreaSpec[];
  status: ReportStatus;
  frozen_figures: FocusAreaFigures[] | null;
  frozen_indicators: ReportIndicatorsJson | null;
  finalised_at: string | null;
  finalised_by: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `id, title, year, to_char(as_of, 'YYYY-MM-DD') AS as_of, intro, closing, focus_areas,
  status, frozen_figures, frozen_indicators, ${iso('finalised_at')} AS finalised_at, finalised_by, version,
  ${iso('updated_at')} AS updated_at, updated_by`;

function fromRow(row: Row): StoredReport {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    asOf: row.as_of as IsoDate,
    intro: row.intro,
    closing: row.closing,
    focusAreas: row.focus_areas,
    status: row.status,
    frozenFigures: row.frozen_figures,
    frozenIndicators: row.frozen_indicators,
    finalisedAt: row.finalised_at,
    finalisedBy: row.finalised_by,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Every report, newest year and date first. */
export async function listReports(db: Queryable): Promise<StoredReport[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM status_reports ORDER BY year DESC, as_of DESC, title`,
  );
  return rows.map(fromRow);
}

/** One report, or undefined; `lock` takes a row lock for a change in the same transaction. */
export async function findReport(
  db: Queryable,
  id: string,
  lock = false,
): Promise<StoredReport | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM status_reports WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ? fromRow(row) : undefined;
}

/** Inserts a draft report (version 1); returns its id. */
export async function insertReport(
  tx: Queryable,
  input: { content: ReportContent; by: string; at: Date },
): Promise<string> {
  const c = input.content;
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO status_reports (title, year, as_of, intro, closing, focus_areas, created_at, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
    [c.title, c.year, c.asOf, c.intro, c.closing, JSON.stringify(c.focusAreas), input.at, input.by],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Replaces a draft's content and bumps its version; the caller has checked the version. */
export async function updateReport(
  tx: Queryable,
  input: { id: string; content: ReportContent; by: string; at: Date },
): Promise<void> {
  const c = input.content;
  await tx.query(
    `UPDATE status_reports SET title = $2, year = $3, as_of = $4, intro = $5, closing = $6,
        focus_areas = $7, version = version + 1, updated_at = $8, updated_by = $9
      WHERE id = $1`,
    [
      input.id,
      c.title,
      c.year,
      c.asOf,
      c.intro,
      c.closing,
      JSON.stringify(c.focusAreas),
      input.at,
      input.by,
    ],
  );
}

/** Marks a report final with the figures it had at that moment, and bumps its version. */
export async function finaliseReport(
  tx: Queryable,
  input: {
    id: string;
    figures: FocusAreaFigures[];
    indicators: ReportIndicatorsJson;
    by: string;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `UPDATE status_reports SET status = 'final', frozen_figures = $2, frozen_indicators = $5,
        finalised_at = $3, finalised_by = $4, version = version + 1, updated_at = $3,
        updated_by = $4
      WHERE id = $1`,
    [input.id, JSON.stringify(input.figures), input.at, input.by, JSON.stringify(input.indicators)],
  );
}

import type { Queryable } from '../database';
import type { ValidPosting } from '../../domain/budget/ledger-line';

export interface LedgerSourceRow {
  name: string;
  mapping: Record<string, unknown>;
  version: number;
}

export async function listLedgerSources(db: Queryable): Promise<LedgerSourceRow[]> {
  return db.query<LedgerSourceRow>(
    'SELECT name, mapping, version FROM ledger_sources ORDER BY name',
  );
}

export async function findLedgerSource(
  db: Queryable,
  name: string,
): Promise<LedgerSourceRow | undefined> {
  const rows = await db.query<LedgerSourceRow>(
    'SELECT name, mapping, version FROM ledger_sources WHERE name = $1',
    [name],
  );
  return rows[0];
}

export async function upsertLedgerSource(
  tx: Queryable,
  name: string,
  mapping: unknown,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO ledger_sources (name, mapping, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET mapping = EXCLUDED.mapping, version = ledger_sources.version + 1, updated_at = $3`,
    [name, JSON.stringify(mapping), at],
  );
}

export interface LedgerImportRow {
  id: string;
  source: string;
  year: number;
  file_name: string;
  file_sha256: string;
  byte_size: number;
  encoding: string;
  status: 'receiving' | 'queued' | 'running' | 'done' | 'failed' | 'duplicate';
  line_count: number | null;
  posting_count: number | null;
  late_count: number | null;
  report: unknown;
  created_by: string;
  created_at: string;
}

const IMPORT_COLUMNS = `id, source, year, file_name, file_sha256, byte_size, encoding, status, line_count,
  posting_count, late_count, report, created_by,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

export async function insertLedgerImport(
  db: Queryable,
  v: { source: string; year: number; fileName: string; encoding: string; createdBy: string },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, encoding, status, created_by, received_at)
     VALUES ($1, $2, $3, '', 0, $4, 'receiving', $5, now()) RETURNING id`,
    [v.source, v.year, v.fileName, v.encoding, v.createdBy],
  );
  if (!row) throw new Error('insert into ledger_imports returned no row');
  return row.id;
}

/**
 * Stores consecutive chunks of an upload, numbered from `fromSeq`, in one statement (each chunk
 * its own binary parameter: no hex text of it is built).
 */
export async function insertImportChunks(
  db: Queryable,
  importId: string,
  fromSeq: number,
  chunks: readonly Uint8Array[],
): Promise<void> {
  if (chunks.length === 0) return;
  const values = chunks.map((_, i) => `($1, ${fromSeq + i}, $${i + 2})`).join(', ');
  await db.query(`INSERT INTO ledger_import_chunks (import_id, seq, data) VALUES ${values}`, [
    importId,
    ...chunks,
  ]);
}

/** Up to `count` stored chunks of an upload from `fromSeq` on, in order. */
export async function readImportChunks(
  db: Queryable,
  importId: string,
  fromSeq: number,
  count: number,
): Promise<Uint8Array[]> {
  const rows = await db.query<{ data: Uint8Array }>(
    `SELECT data FROM ledger_import_chunks WHERE import_id = $1 AND seq >= $2 AND seq < $2 + $3
      ORDER BY seq`,
    [importId, fromSeq, count],
  );
  return rows.map((r) => r.data);
}

export async function deleteImportChunks(db: Queryable, importId: string): Promise<void> {
  await db.query('DELETE FROM ledger_import_chunks WHERE import_id = $1', [importId]);
}

/** An upload still arriving says it is alive (see `deleteOrphanUpload`). */
export async function touchUpload(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE ledger_imports SET received_at = now() WHERE id = $1 AND status = 'receiving'`,
    [id],
  );
}

/**
 * The whole file is in: records its hash and size and makes the upload an import (queued, or
 * `status` as given). False when it is no longer receiving (removed as an orphan meanwhile).
 */
export async function completeUpload(
  tx: Queryable,
  id: string,
  file: { sha256: string; byteSize: number; status: 'queued' | 'duplicate' },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE ledger_imports SET file_sha256 = $2, byte_size = $3, status = $4
      WHERE id = $1 AND status = 'receiving' RETURNING id`,
    [id, file.sha256, file.byteSize, file.status],
  );
  return rows.length > 0;
}

/** Removes an upload that did not arrive whole, with its chunks (nothing of it remains). */
export async function deleteUpload(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM ledger_imports WHERE id = $1 AND status = 'receiving'`, [id]);
}

export interface OrphanUploadRow {
  id: string;
  source: string;
  year: number;
  file_name: string;
  created_by: string;
  created_at: string;
  bytes_received: number;
}

/**
 * Removes the uploads a crash left half received: still receiving, and silent for
 * `staleSeconds` or since before `before` (the start of the only process that can receive).
 * Returns what was removed, for the audit trail.
 */
export async function deleteOrphanUploads(
  tx: Queryable,
  staleSeconds: number,
  before: Date | null,
): Promise<OrphanUploadRow[]> {
  return tx.query<OrphanUploadRow>(
    `WITH gone AS (
       DELETE FROM ledger_imports
        WHERE status = 'receiving'
          AND (received_at < now() - make_interval(secs => $1) OR received_at < $2::timestamptz)
        RETURNING id, source, year, file_name, created_by, created_at)
     SELECT g.id, g.source, g.year, g.file_name, g.created_by,
            to_char(g.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
            COALESCE((SELECT sum(length(c.data)) FROM ledger_import_chunks c WHERE c.import_id = g.id), 0)::bigint
              AS bytes_received
       FROM gone g`,
    [staleSeconds, before?.toISOString() ?? null],
  );
}

/**
 * Chunks of imports that have ended, left by a crash between the end and their removal; not
 * those of an import whose job is dead, kept so the job can be retried.
 */
export async function deleteEndedImportChunks(db: Queryable): Promise<number> {
  const rows = await db.query(
    `DELETE FROM ledger_import_chunks c USING ledger_imports i
      WHERE c.import_id = i.id AND i.status IN ('done', 'failed', 'duplicate')
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'ledger.import' AND j.status = 'dead'
                          AND j.payload ->> 'importId' = i.id::text)
      RETURNING c.seq`,
  );
  return rows.length;
}

export async function findDoneImportByHash(
  db: Queryable,
  sha256: string,
): Promise<LedgerImportRow | undefined> {
  const rows = await db.query<LedgerImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM ledger_imports WHERE file_sha256 = $1 AND status = 'done'`,
    [sha256],
  );
  return rows[0];
}

export async function findLedgerImport(
  db: Queryable,
  id: string,
): Promise<LedgerImportRow | undefined> {
  const rows = await db.query<LedgerImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM ledger_imports WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function listLedgerImports(db: Queryable, limit = 50): Promise<LedgerImportRow[]> {
  return db.query<LedgerImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM ledger_imports WHERE status <> 'receiving'
      ORDER BY created_at DESC LIMIT $1`,
    [limit],
  );
}

export async function setImportStatus(
  db: Queryable,
  id: string,
  v: {
    status: LedgerImportRow['status'];
    lineCount?: number;
    postingCount?: number;
    lateCount?: number;
    report?: unknown;
  },
  /** Only from one of these statuses; false when the import was in another. */
  from?: LedgerImportRow['status'][],
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ledger_imports SET status = $2, line_count = COALESCE($3, line_count),
            posting_count = COALESCE($4, posting_count), late_count = COALESCE($5, late_count),
            report = COALESCE($6, report),
            finished_at = CASE WHEN $2 IN ('done', 'failed', 'duplicate') THEN now() ELSE finished_at END
      WHERE id = $1 AND ($7::text[] IS NULL OR status = ANY($7::text[])) RETURNING id`,
    [
      id,
      v.status,
      v.lineCount ?? null,
      v.postingCount ?? null,
      v.lateCount ?? null,
      v.report === undefined ? null : JSON.stringify(v.report),
      from ?? null,
    ],
  );
  return rows.length > 0;
}

export interface PostingBatch {
  lineNo: number[];
  postedOn: string[];
  unitId: string[];
  accountFunction: string[];
  group: string[];
  dranst: string[];
  accountString: string[];
  amountOre: number[];
  text: string[];
  isLate: boolean[];
}

/** Inserts a batch of postings in one statement (arrays unnested server-side). */
export async function insertPostings(
  db: Queryable,
  importId: string,
  b: PostingBatch,
): Promise<void> {
  if (b.lineNo.length === 0) return;
  await db.query(
    `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_group, dranst,
                                  account_string, amount_ore, text, is_late)
     SELECT $1, * FROM unnest($2::int[], $3::date[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                              $9::bigint[], $10::text[], $11::boolean[])`,
    [
      importId,
      b.lineNo,
      b.postedOn,
      b.unitId,
      b.accountFunction,
      b.group,
      b.dranst,
      b.accountString,
      b.amountOre,
      b.text,
      b.isLate,
    ],
  );
}

/** One posting of a file, with its line number there. */
export interface NewPosting extends ValidPosting {
  lineNo: number;
}

/** A value for COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/**
 * Writes postings with `COPY … FROM STDIN` (PostgreSQL, inside a transaction): each group of
 * rows becomes one piece of COPY text, and the next group is only asked for when the server
 * has taken the previous ones, so memory stays bounded by a few groups. Returns the row count.
 */
export async function copyPostings(
  tx: Queryable,
  importId: string,
  groups: AsyncIterable<readonly NewPosting[]>,
): Promise<number> {
  if (!tx.copyFrom) throw new Error('COPY FROM STDIN needs a PostgreSQL transaction');
  async function* text(): AsyncGenerator<string> {
    for await (const rows of groups) {
      let out = '';
      for (const r of rows) {
        out += `${importId}\t${r.lineNo}\t${r.postedOn}\t${r.unitId}\t${copyText(r.accountFunction)}\t${copyText(r.group)}\t${copyText(r.dranst)}\t${copyText(r.accountString)}\t${r.amountOre}\t${copyText(r.text)}\t${r.isLate ? 't' : 'f'}\n`;
      }
      if (out) yield out;
    }
  }
  return tx.copyFrom(
    `COPY ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_group, dranst,
                           account_string, amount_ore, text, is_late) FROM STDIN`,
    text(),
  );
}

/** The postings of an import that is not done (a done import's postings are never removed). */
export async function deletePostingsOfImport(db: Queryable, importId: string): Promise<void> {
  await db.query(
    `DELETE FROM ledger_postings WHERE import_id = $1
        AND NOT EXISTS (SELECT 1 FROM ledger_imports WHERE id = $1 AND status = 'done')`,
    [importId],
  );
}

/**
 * Actual spending per unit, function and month of a year up to and including `asOf` (done
 * imports only), with the state refusion posted (dranst 2) apart from the spending. Read from
 * the monthly totals kept with the postings (migration 0030) for the months that end by
 * `asOf`; the postings of a month `asOf` ends in the middle of are summed as they are.
 */
export async function actualsByUnitFunctionMonth(
  db: Queryable,
  p: { year: number; asOf: string; unitIds: readonly string[] | null },
): Promise<
  {
    unit_id: string;
    account_function: string;
    month: number;
    /** spending: every posting but state refusion (dranst 2) */
    amount_ore: number;
    /** state refusion posted (dranst 2), as posted (normally negative) */
    refusion_ore: number;
    late_ore: number;
  }[]
> {
  const { lastWholeMonth, partFrom } = monthsThrough(p.asOf);
  const part =
    partFrom === null
      ? ''
      : `UNION ALL
         SELECT p.unit_id, p.account_function, extract(month FROM p.posted_on)::int AS month,
                CASE WHEN p.dranst IS DISTINCT FROM '2' THEN p.amount_ore ELSE 0 END AS amount_ore,
                CASE WHEN p.dranst = '2' THEN p.amount_ore ELSE 0 END AS refusion_ore,
                CASE WHEN p.is_late THEN p.amount_ore ELSE 0 END AS late_ore
           FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done'
          WHERE p.posted_on BETWEEN greatest(make_date($1, 1, 1), $4::date) AND $5::date
            AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3::uuid[]))`;
  return db.query(
    `SELECT x.unit_id, x.account_function, x.month,
            SUM(x.amount_ore)::bigint AS amount_ore, SUM(x.refusion_ore)::bigint AS refusion_ore,
            SUM(x.late_ore)::bigint AS late_ore
       FROM (SELECT t.unit_id, t.account_function, extract(month FROM t.month)::int AS month,
                    t.spending_ore AS amount_ore, t.refusion_ore, t.late_ore
               FROM ledger_month_totals t
               JOIN ledger_imports i ON i.id = t.import_id AND i.status = 'done'
              WHERE t.month BETWEEN make_date($1, 1, 1) AND $2::date
                AND ($3::uuid[] IS NULL OR t.unit_id = ANY($3::uuid[]))
             ${part}) x
      GROUP BY 1, 2, 3`,
    partFrom === null
      ? [p.year, lastWholeMonth, p.unitIds]
      : [p.year, lastWholeMonth, p.unitIds, partFrom, p.asOf],
  );
}

/**
 * The months that end by `asOf` (`YYYY-MM-DD`), as the first day of the last of them, and the
 * first day of `asOf`'s own month when `asOf` is not its last day (null when it is).
 */
function monthsThrough(asOf: string): { lastWholeMonth: string; partFrom: string | null } {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const d = Number(asOf.slice(8, 10));
  const first = `${asOf.slice(0, 7)}-01`;
  if (d === new Date(Date.UTC(y, m, 0)).getUTCDate())
    return { lastWholeMonth: first, partFrom: null };
  const before = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  return { lastWholeMonth: before, partFrom: first };
}

export interface PostingRow {
  id: number;
  posted_on: string;
  unit_id: string;
  account_function: string;
  account_string: string;
  amount_ore: number;
  text: string;
  is_late: boolean;
  file_name: string;
}

export async function listPostings(
  db: Queryable,
  p: {
    unitId: string;
    year: number;
    accountFunction?: string;
    month?: number;
    limit: number;
    offset: number;
  },
): Promise<{ rows: PostingRow[]; total: number; sum_ore: number }> {
  const params = [p.unitId, p.year, p.accountFunction ?? null, p.month ?? null];
  const where = `p.unit_id = $1 AND extract(year FROM p.posted_on) = $2
        AND ($3::text IS NULL OR p.account_function = $3)
        AND ($4::int IS NULL OR extract(month FROM p.posted_on) = $4)`;
  const rows = await db.query<PostingRow>(
    `SELECT p.id, p.posted_on, p.unit_id, p.account_function, p.account_string, p.amount_ore, p.text, p.is_late,
            i.file_name
       FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done'
      WHERE ${where}
      ORDER BY p.posted_on, p.id LIMIT $5 OFFSET $6`,
    [...params, p.limit, p.offset],
  );
  const [agg] = await db.query<{ total: number; sum_ore: number }>(
    `SELECT count(*)::int AS total, COALESCE(SUM(p.amount_ore), 0)::bigint AS sum_ore
       FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done'
      WHERE ${where}`,
    params,
  );
  return { rows, total: agg?.total ?? 0, sum_ore: agg?.sum_ore ?? 0 };
}

/** The last closed date of a year: the latest as-of date of a frozen follow-up round, or null. */
export async function closedThrough(db: Queryable, year: number): Promise<string | null> {
  const [row] = await db.query<{ d: string | null }>(
    'SELECT max(as_of) AS d FROM followup_rounds WHERE year = $1',
    [year],
  );
  return row?.d ?? null;
}

export interface SourcePeriodRow {
  source: string;
  closedMonths: string[];
  firstPostedMonth: string | null;
  lastPostedMonth: string | null;
}

/**
 * Per ledger source: its closed months (in order) and the first and last month with postings
 * (done imports), read from the kept monthly totals (one small index per import there, where
 * the postings have a partition per import to plan and open).
 */
export async function listSourcePeriods(db: Queryable): Promise<SourcePeriodRow[]> {
  const rows = await db.query<{
    source: string;
    closed_months: string[] | null;
    first_posted: string | null;
    last_posted: string | null;
  }>(
    `SELECT s.name AS source,
            (SELECT array_agg(c.month ORDER BY c.month) FROM ledger_closed_months c
              WHERE c.source = s.name) AS closed_months,
            to_char(min(d.first_on), 'YYYY-MM') AS first_posted,
            to_char(max(d.last_on), 'YYYY-MM') AS last_posted
       FROM ledger_sources s
       LEFT JOIN LATERAL (
         SELECT (SELECT min(t.month) FROM ledger_month_totals t WHERE t.import_id = i.id) AS first_on,
                (SELECT max(t.month) FROM ledger_month_totals t WHERE t.import_id = i.id) AS last_on
           FROM ledger_imports i WHERE i.source = s.name AND i.status = 'done'
       ) d ON true
      GROUP BY s.name
      ORDER BY s.name`,
  );
  return rows.map((r) => ({
    source: r.source,
    closedMonths: r.closed_months ?? [],
    firstPostedMonth: r.first_posted,
    lastPostedMonth: r.last_posted,
  }));
}

/** Locks a ledger source's row for the rest of the transaction (closing months one at a time); false if it does not exist. */
export async function lockLedgerSource(tx: Queryable, name: string): Promise<boolean> {
  const rows = await tx.query('SELECT name FROM ledger_sources WHERE name = $1 FOR UPDATE', [name]);
  return rows.length > 0;
}

export async function insertClosedMonths(
  tx: Queryable,
  source: string,
  months: readonly string[],
  by: string,
): Promise<void> {
  if (months.length === 0) return;
  await tx.query(
    `INSERT INTO ledger_closed_months (source, month, closed_by)
     SELECT $1, m, $3 FROM unnest($2::text[]) AS m`,
    [source, months, by],
  );
}

export async function deleteClosedMonth(
  tx: Queryable,
  source: string,
  month: string,
): Promise<void> {
  await tx.query('DELETE FROM ledger_closed_months WHERE source = $1 AND month = $2', [
    source,
    month,
  ]);
}

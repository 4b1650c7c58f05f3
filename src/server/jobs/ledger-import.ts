import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Database, Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { listAccountFunctions } from '../../db/repositories/budgets';
import {
  closedThrough,
  copyPostings,
  deleteImportChunks,
  deletePostingsOfImport,
  findDoneImportByHash,
  findLedgerImport,
  findLedgerSource,
  insertImportChunks,
  insertPostings,
  readImportChunks,
  setImportStatus,
  touchUpload,
  type LedgerImportRow,
  type NewPosting,
  type PostingBatch,
} from '../../db/repositories/ledger';
import { listUnits } from '../../db/repositories/organisation';
import { SYSTEM_ACTOR } from '../../domain/access';
import {
  locateColumns,
  looksMisdecoded,
  validateLedgerLine,
  type ColumnIndexes,
  type LedgerLineContext,
  type LineIssue,
} from '../../domain/budget/ledger-line';
import { LedgerMappingSchema } from '../../shared/schemas/budget';
import {
  detectEncoding,
  latin1AsWindows1252,
  type DeclaredEncoding,
} from '../../shared/text-encoding';
import { registerJobHandler } from './worker';

/**
 * Size of the stored pieces of an upload. Small on purpose: node-postgres reads a bytea as a
 * hex string twice its size, and strings above 128 KB go straight to V8's old generation,
 * where a 1 MB chunk per read left 2 MB of garbage that only a full collection frees.
 */
export const CHUNK_BYTES = 32 * 1024;
/** Chunks read per query. */
const CHUNKS_PER_READ = 8;
/** Chunks written per statement while an upload arrives (one round trip per 512 KB). */
const CHUNKS_PER_WRITE = 16;
/** An upload's body silent this long has its whole chunks written without waiting for more. */
const PAUSE_MS = 20;
/** The encoding is detected on this much of the file's start. */
const DETECT_BYTES = 1024 * 1024;
/** Rows per insert on PGlite. */
const BATCH_ROWS = 5000;
/** Rows per piece of COPY text on PostgreSQL: small enough to die young in the heap. */
const GROUP_ROWS = 200;
/** Bytes of the file decoded and handed to the CSV parser at a time. */
const TEXT_PIECE_BYTES = 16 * 1024;
/** Progress is looked at every this many lines. */
const PROGRESS_ROWS = 5000;
/** The report keeps this many line issues; the count of all of them is always exact. */
export const MAX_REPORTED_ISSUES = 50_000;

export type Encoding = DeclaredEncoding;

/** An upload being received says it is alive this often (while its chunks arrive). */
const TOUCH_MS = 10_000;
/**
 * An upload silent this long is an orphan: the process receiving it stopped (a crash, a kill).
 * A client sending less than 32 KB a minute is taken for one too.
 */
export const UPLOAD_STALE_SECONDS = 60;

/**
 * Stores an uploaded file in chunks of CHUNK_BYTES while hashing it; returns its SHA-256 and
 * size. The import stays 'receiving' meanwhile and is touched every TOUCH_MS, so the sweep can
 * tell an upload still arriving from one a crash left behind.
 */
export async function storeUpload(
  db: Database,
  importId: string,
  body: AsyncIterable<Uint8Array>,
): Promise<{ sha256: string; byteSize: number }> {
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let size = 0;
  let touched = Date.now();
  const flush = async (all: boolean) => {
    let buffered = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    let at = 0;
    const pieces: Buffer[] = [];
    while (buffered.length - at >= CHUNK_BYTES || (all && at < buffered.length)) {
      const piece = buffered.subarray(at, at + CHUNK_BYTES);
      pieces.push(piece);
      at += piece.length;
    }
    for (let i = 0; i < pieces.length; i += CHUNKS_PER_WRITE) {
      const some = pieces.slice(i, i + CHUNKS_PER_WRITE);
      await insertImportChunks(db, importId, seq, some);
      seq += some.length;
      if (Date.now() - touched > TOUCH_MS) {
        touched = Date.now();
        await touchUpload(db, importId);
      }
    }
    buffered = buffered.subarray(at);
    pending = buffered.length ? [buffered] : [];
    pendingBytes = buffered.length;
  };
  const parts = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = parts.next();
      // Whole chunks are written in groups while more arrives at once (one round trip per
      // group); as soon as the body pauses, what is whole is written (a slow client's upload
      // is in the database as it arrives).
      if (pendingBytes >= CHUNK_BYTES && (await pausesFirst(next, PAUSE_MS))) await flush(false);
      const part = await next;
      if (part.done) break;
      const buf = Buffer.from(part.value);
      hash.update(buf);
      size += buf.length;
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= CHUNK_BYTES * CHUNKS_PER_WRITE) await flush(false);
    }
  } catch (error) {
    await parts.return?.();
    throw error;
  }
  await flush(true);
  return { sha256: hash.digest('hex'), byteSize: size };
}

/** True when `ms` pass before `next` settles (its rejection is left to whoever awaits it). */
function pausesFirst(next: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(false);
    };
    next.then(settled, settled);
  });
}

async function* chunksOf(db: Database, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += CHUNKS_PER_READ) {
    const chunks = await readImportChunks(db, importId, seq, CHUNKS_PER_READ);
    for (const data of chunks) yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (chunks.length < CHUNKS_PER_READ) return;
  }
}

/**
 * The CSV parser, each record with the line number it ends on, as csv-parse's `info` option
 * gives it, but without the object of a dozen statistics that option builds for every record
 * (half the parse time of a large file, and much of its garbage).
 */
class NumberedParser extends Parser {
  override push(record: unknown): boolean {
    return super.push(record === null ? null : { record, info: { lines: this.info.lines } });
  }
}

/**
 * Decodes Windows-1252 through Latin-1 (one-byte strings, no buffer twice the input's size per
 * piece): only the bytes 0x80–0x9F need another character.
 */
function windows1252Decoder(): { write(b: Buffer): string; end(): string } {
  return { write: (b) => latin1AsWindows1252(b.toString('latin1')), end: () => '' };
}

function detectDelimiter(firstLine: string): string {
  const counts = [';', '\t', ','].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ';';
}

export interface ImportReport {
  encoding: string;
  delimiter: string;
  lineCount: number;
  postingCount: number;
  lateCount: number;
  errorCount: number;
  fileIssues: string[];
  issues: LineIssue[];
}

/**
 * Reads a stored upload line by line in bounded memory and inserts its postings in batches
 * that stay invisible until the import is marked done. Any bad line: every posting of the
 * import is removed again and the report lists every bad line (all or nothing).
 */
export async function runLedgerImport(
  db: Database,
  importId: string,
  progress: (percent: number) => Promise<void>,
): Promise<ImportReport> {
  const imp = await findLedgerImport(db, importId);
  if (!imp) throw new Error(`no ledger import ${importId}`);
  const report: ImportReport = {
    encoding: imp.encoding,
    delimiter: ';',
    lineCount: 0,
    postingCount: 0,
    lateCount: 0,
    errorCount: 0,
    fileIssues: [],
    issues: [],
  };
  if (hasEnded(imp)) {
    // A retried job whose earlier attempt ended the import but stopped before it ended the job:
    // the import keeps its outcome (a done import's postings are never touched again).
    await deleteImportChunks(db, importId);
    return { ...report, ...(imp.report as Partial<ImportReport> | null) };
  }
  await deletePostingsOfImport(db, importId); // a retried job starts clean (PGlite's batches)
  await setImportStatus(db, importId, { status: 'running' }, OPEN);
  const fail = async () => {
    await deletePostingsOfImport(db, importId);
    await setImportStatus(
      db,
      importId,
      { status: 'failed', lineCount: report.lineCount, report },
      OPEN,
    );
    return report;
  };

  const source = await findLedgerSource(db, imp.source);
  const mapping = LedgerMappingSchema.safeParse(source?.mapping);
  if (!source || !mapping.success) {
    report.fileIssues.push(`Kilden "${imp.source}" har ingen gyldig kolonneopsætning.`);
    return fail();
  }
  const first = Buffer.concat(
    await readImportChunks(db, importId, 0, Math.ceil(DETECT_BYTES / CHUNK_BYTES)),
  );
  if (first.length === 0) {
    report.fileIssues.push('Filen er tom.');
    return fail();
  }
  const isXlsx = first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
  const encoding = isXlsx ? 'utf-8' : detectEncoding(first, imp.encoding as Encoding);
  report.encoding = isXlsx ? 'xlsx' : encoding;
  if (encoding === 'utf-16') {
    report.fileIssues.push(
      'Filen er i en tegnkodning, der ikke understøttes (UTF-16). Gem den som CSV i UTF-8 eller Windows-1252 (ANSI).',
    );
    return fail();
  }

  const units = await listUnits(db);
  const unitMap = new Map<string, string>();
  for (const u of units) unitMap.set(u.name.toLowerCase(), u.id);
  for (const [code, id] of Object.entries(mapping.data.unitCodes ?? {}))
    unitMap.set(code.trim().toLowerCase(), id);
  const closed = await closedThrough(db, imp.year);
  const ctx: LedgerLineContext = {
    year: imp.year,
    knownFunctions: new Set((await listAccountFunctions(db)).map((f) => f.code)),
    units: unitMap,
    closedThroughMonth:
      closed && closed.startsWith(String(imp.year)) ? Number(closed.slice(5, 7)) : 0,
  };

  const decoder = encoding === 'windows-1252' ? windows1252Decoder() : iconv.getDecoder(encoding);
  let bytesRead = 0;
  const total = Math.max(1, imp.byte_size);
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of chunksOf(db, importId)) {
      // Small pieces: the parser turns each piece into records at once, and records waiting
      // in its buffer would otherwise outlive the young generation.
      for (let at = 0; at < chunk.length; at += TEXT_PIECE_BYTES) {
        const piece = chunk.subarray(at, at + TEXT_PIECE_BYTES);
        bytesRead += piece.length;
        const s = decoder.write(piece);
        if (s) yield s;
      }
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  let records: AsyncIterable<{ record: string[]; info: { lines: number } }>;
  let stop = () => undefined as void;
  if (isXlsx) {
    report.delimiter = '';
    const sheetRows = xlsxRecords(Readable.from(chunksOf(db, importId)), (n) => {
      bytesRead = n;
    });
    records = sheetRows;
  } else {
    const firstText = iconv.decode(first.subarray(0, 8192), encoding);
    report.delimiter = detectDelimiter(firstText.split(/\r?\n/)[0] ?? '');
    const parser = Readable.from(text(), { highWaterMark: 1 }).pipe(
      new NumberedParser({
        delimiter: report.delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
      }),
    );
    records = parser as AsyncIterable<{ record: string[]; info: { lines: number } }>;
    stop = () => {
      parser.destroy();
    };
  }

  const columnNames = mapping.data;
  let fileFailed = false;
  let lastPercent = -1;
  /**
   * Checks every line of the file and yields its good postings in small groups while the file
   * has no bad line; after the first bad one it goes on checking (to report every bad line)
   * but yields nothing more. Pulled by the writer, so it reads no faster than rows are stored.
   */
  async function* postings(): AsyncGenerator<NewPosting[]> {
    let group: NewPosting[] = [];
    let columns: ColumnIndexes | null = null;
    for await (const { record, info } of records) {
      if (!columns) {
        if (record.some((c) => looksMisdecoded(c))) {
          report.fileIssues.push(
            `Filen kan ikke læses som ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}: æ, ø og å bliver forkerte allerede i kolonneoverskrifterne. Vælg den anden tegnkodning og prøv igen.`,
          );
          fileFailed = true;
          break;
        }
        const located = locateColumns(record, columnNames);
        if (!located.ok) {
          report.fileIssues.push(
            `Filen mangler kolonnen/kolonnerne ${located.missing.map((m) => `"${m}"`).join(', ')}. Fundne kolonner: ${record.map((r) => `"${r}"`).join(', ')}.`,
          );
          fileFailed = true;
          break;
        }
        columns = located.columns;
        continue;
      }
      if (record.every((c) => c.trim() === '')) continue;
      report.lineCount++;
      if (report.lineCount % PROGRESS_ROWS === 0) {
        // Progress (and the heartbeat with it) also while a bad file is only being checked.
        const percent = Math.min(99, Math.floor((bytesRead / total) * 100));
        if (percent !== lastPercent) {
          lastPercent = percent;
          await progress(percent);
        }
      }
      const result = validateLedgerLine(record, info.lines, columns, ctx);
      if (!result.ok) {
        report.errorCount++;
        for (const i of result.issues)
          if (report.issues.length < MAX_REPORTED_ISSUES) report.issues.push(i);
        continue;
      }
      if (report.errorCount > 0) continue; // nothing more is stored once the file is known bad
      const p = result.posting;
      report.postingCount++;
      if (p.isLate) report.lateCount++;
      group.push({ lineNo: info.lines, ...p });
      if (group.length >= GROUP_ROWS) {
        yield group;
        group = [];
      }
    }
    stop();
    if (!columns && !fileFailed) {
      report.fileIssues.push('Filen har ingen kolonneoverskrifter.');
      fileFailed = true;
    }
    if (group.length > 0 && !fileFailed && report.errorCount === 0) yield group;
  }
  const failed = () => fileFailed || report.errorCount > 0;

  /**
   * Marks the import done with its audit row, unless the same file was imported meanwhile
   * ('duplicate') or another attempt at this job ended the import first ('ended': the job was
   * taken over while this attempt still ran).
   */
  const markDone = async (tx: Queryable): Promise<'done' | 'duplicate' | 'ended'> => {
    const done = await findDoneImportByHash(tx, imp.file_sha256);
    if (done) return done.id === importId ? 'ended' : 'duplicate';
    const marked = await setImportStatus(
      tx,
      importId,
      {
        status: 'done',
        lineCount: report.lineCount,
        postingCount: report.postingCount,
        lateCount: report.lateCount,
        report,
      },
      OPEN,
    );
    if (!marked) return 'ended';
    await recordAudit(
      tx,
      { ...SYSTEM_ACTOR, username: imp.created_by },
      {
        action: 'ledger.import',
        objectType: 'ledger_import',
        objectId: importId,
        after: { fileName: imp.file_name, postings: report.postingCount, late: report.lateCount },
      },
    );
    return 'done';
  };

  let outcome: 'done' | 'duplicate' | 'ended';
  if (db.kind === 'postgresql') {
    // One transaction: the postings stream in with COPY and become visible only with the
    // import's status; a bad file, a duplicate or a crash rolls all of them back.
    const ended = await db
      .transaction(async (tx) => {
        await copyPostings(tx, importId, postings());
        if (failed()) throw new RollBack('failed');
        const marked = await markDone(tx);
        if (marked !== 'done') throw new RollBack(marked);
        return 'done' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof RollBack) return error.outcome;
        // Another import of the same file was marked done first (unique index on the hash).
        if ((error as { constraint?: string }).constraint === 'ledger_imports_done_hash_idx')
          return 'duplicate' as const;
        throw error;
      });
    if (ended === 'failed') return fail();
    outcome = ended;
  } else {
    // PGlite (one connection): batches that stay invisible until the import is marked done.
    let batch: NewPosting[] = [];
    for await (const group of postings()) {
      batch.push(...group);
      if (batch.length >= BATCH_ROWS) {
        await insertPostings(db, importId, toBatch(batch));
        batch = [];
      }
    }
    if (failed()) return fail();
    await insertPostings(db, importId, toBatch(batch));
    outcome = await db.transaction(markDone);
    if (outcome !== 'done') await deletePostingsOfImport(db, importId);
  }
  if (outcome === 'duplicate') await setImportStatus(db, importId, { status: 'duplicate' }, OPEN);
  await deleteImportChunks(db, importId);
  return report;
}

/** The statuses of an import that has not ended: only from these is its status changed. */
const OPEN: LedgerImportRow['status'][] = ['queued', 'running'];

function hasEnded(imp: LedgerImportRow): boolean {
  return imp.status === 'done' || imp.status === 'failed' || imp.status === 'duplicate';
}

/** Ends the import's transaction without keeping anything. */
class RollBack extends Error {
  constructor(readonly outcome: 'failed' | 'duplicate' | 'ended') {
    super(`ledger import rolled back (${outcome})`);
  }
}

/**
 * The first worksheet of an Excel file as text cells, row by row (streamed). Dates become
 * `YYYY-MM-DD`, numbers plain decimals with at most two decimals when they have them.
 */
async function* xlsxRecords(
  input: Readable,
  onBytes: (n: number) => void,
): AsyncGenerator<{ record: string[]; info: { lines: number } }> {
  // Loaded before the input starts flowing (a 'data' listener starts it).
  const { default: ExcelJS } = await import('exceljs');
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { record: values.map(cellText), info: { lines: row.number } };
    }
    break;
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    const cents = Math.round(value * 100);
    return Math.abs(value * 100 - cents) < 1e-6 ? (cents / 100).toFixed(2) : String(value);
  }
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

function toBatch(rows: readonly NewPosting[]): PostingBatch {
  return {
    lineNo: rows.map((r) => r.lineNo),
    postedOn: rows.map((r) => r.postedOn),
    unitId: rows.map((r) => r.unitId),
    accountFunction: rows.map((r) => r.accountFunction),
    group: rows.map((r) => r.group),
    dranst: rows.map((r) => r.dranst),
    accountString: rows.map((r) => r.accountString),
    amountOre: rows.map((r) => r.amountOre),
    text: rows.map((r) => r.text),
    isLate: rows.map((r) => r.isLate),
  };
}

registerJobHandler(
  'ledger.import',
  async (db, job, progress) => {
    const importId = String(job.payload.importId);
    const report = await runLedgerImport(db, importId, progress);
    const failed = report.errorCount > 0 || report.fileIssues.length > 0;
    return { status: failed ? 'failed' : 'done', result: { importId, ...report } };
  },
  {
    // The job is dead (its attempts used up): the import ends failed with no postings; its file
    // is kept, so the finance partner can retry the job from the job history.
    async onDead(db, job) {
      const importId = String(job.payload.importId);
      await deletePostingsOfImport(db, importId);
      await setImportStatus(
        db,
        importId,
        { status: 'failed', report: { fileIssues: [ABANDONED] } },
        OPEN,
      );
    },
    // A retry: the import is queued again, when its file is still there.
    async onRetry(tx, job) {
      const importId = String(job.payload.importId);
      if ((await readImportChunks(tx, importId, 0, 1)).length === 0) return false;
      return setImportStatus(tx, importId, { status: 'queued' }, ['failed']);
    },
  },
);

const ABANDONED =
  'Indlæsningen blev afbrudt for mange gange og er opgivet. Intet fra filen er bogført; prøv igen fra listen over baggrundsarbejde, eller indlæs filen igen.';

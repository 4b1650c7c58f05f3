import type { AppDeps } from '../context';
import type { Actor } from '../../domain/access';
import type { Database } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { insertJob } from '../../db/repositories/ledger-jobs';
import {
  completeUpload,
  deleteEndedImportChunks,
  deleteImportChunks,
  deleteOrphanUploads,
  deleteUpload,
  findDoneImportByHash,
  findLedgerImport,
  findLedgerSource,
  insertLedgerImport,
  listLedgerImports,
  listLedgerSources,
  listPostings,
  setImportStatus,
  upsertLedgerSource,
  type LedgerImportRow,
} from '../../db/repositories/ledger';
import { SYSTEM_ACTOR } from '../../domain/access';
import { ore, toKroner } from '../../domain/money';
import type { LedgerMapping } from '../../shared/schemas/budget';
import { AppError } from '../errors';
import { storeUpload, UPLOAD_STALE_SECONDS, type Encoding } from '../jobs/ledger-import';
import { drainJobs } from '../jobs/worker';
import { authorize, authorizeOrNotFound } from '../policies/policy';
import type { LedgerImportOutcome } from '../../shared/schemas/jobs';
import { translate } from '../../shared/i18n/translate';

export async function getLedgerSources(deps: AppDeps, actor: Actor) {
  const { db } = deps;
  authorize(actor, 'ledger.import');
  return (await listLedgerSources(db)).map((s) => ({
    name: s.name,
    // the column holds what `saveLedgerSource` saved: a checked mapping
    mapping: s.mapping as LedgerMapping,
    version: s.version,
  }));
}

/** Saves the column mapping of a source system (KMD Opus, Fujitsu Prisme, ...). */
export async function saveLedgerSource(
  deps: AppDeps,
  actor: Actor,
  name: string,
  mapping: LedgerMapping,
  requestId?: string,
) {
  const { db } = deps;
  authorize(actor, 'ledger.import');
  await db.transaction(async (tx) => {
    const before = await findLedgerSource(tx, name);
    await upsertLedgerSource(tx, name, mapping, deps.now());
    await recordAudit(
      tx,
      actor,
      {
        action: 'ledger.source.save',
        objectType: 'ledger_source',
        objectId: name,
        before: before?.mapping,
        after: mapping,
      },
      requestId,
    );
  });
  return { name, mapping };
}

export function presentImport(row: LedgerImportRow) {
  return {
    id: row.id,
    source: row.source,
    year: row.year,
    fileName: row.file_name,
    byteSize: row.byte_size,
    status: row.status,
    lineCount: row.line_count,
    postingCount: row.posting_count,
    lateCount: row.late_count,
    // the column holds what the import wrote (`runLedgerImport`, a duplicate, an abandoned run)
    report: row.report as LedgerImportOutcome,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Receives a ledger file: stores it in chunks (bounded memory), and queues its import as
 * background work. The same file again (same SHA-256 as a finished import) changes nothing.
 * An upload is one unit: while it arrives its import is 'receiving' (listed nowhere); it
 * becomes queued, with its job and audit row, in one transaction once the whole file is in. A
 * body that breaks off leaves nothing; one a crash cut off is removed by `removeOrphanUploads`.
 */
export async function uploadLedgerFile(
  deps: AppDeps,
  actor: Actor,
  input: {
    source: string;
    year: number;
    fileName: string;
    encoding: Encoding;
    body: AsyncIterable<Uint8Array>;
  },
  requestId?: string,
  onError?: (error: unknown) => void,
): Promise<{
  importId: string;
  jobId: string | null;
  status: 'queued' | 'duplicate';
  duplicateOf: string | null;
}> {
  const { db } = deps;
  authorize(actor, 'ledger.import');
  if (!(await findLedgerSource(db, input.source))) {
    throw new AppError('validation_failed', {}, [
      {
        path: 'source',
        code: 'unknown_source',
        message: translate('budget.issues.unknownSource', { source: input.source }),
      },
    ]);
  }
  const importId = await insertLedgerImport(db, { ...input, createdBy: actor.username });
  let stored: { sha256: string; byteSize: number };
  try {
    stored = await storeUpload(db, importId, input.body);
  } catch (error) {
    await deleteUpload(db, importId).catch(() => undefined); // else the sweep removes it
    throw error;
  }
  const result = await db.transaction(async (tx) => {
    const done = await findDoneImportByHash(tx, stored.sha256);
    if (!(await completeUpload(tx, importId, { ...stored, status: done ? 'duplicate' : 'queued' })))
      throw new Error(`upload ${importId} was removed as an orphan while it was received`);
    if (done) {
      await setImportStatus(tx, importId, {
        status: 'duplicate',
        report: { duplicateOf: done.id },
      });
      await deleteImportChunks(tx, importId);
      await recordAudit(
        tx,
        actor,
        {
          action: 'ledger.upload.duplicate',
          objectType: 'ledger_import',
          objectId: importId,
          after: { duplicateOf: done.id },
        },
        requestId,
      );
      return { importId, jobId: null, status: 'duplicate' as const, duplicateOf: done.id };
    }
    const jobId = await insertJob(tx, {
      kind: 'ledger.import',
      payload: { importId },
      createdBy: actor.username,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'ledger.upload',
        objectType: 'ledger_import',
        objectId: importId,
        after: { fileName: input.fileName, bytes: stored.byteSize, sha256: stored.sha256, jobId },
      },
      requestId,
    );
    return { importId, jobId, status: 'queued' as const, duplicateOf: null };
  });
  if (result.status === 'queued') void drainJobs(db, onError);
  return result;
}

/**
 * Removes what crashes left of uploads: the ones still 'receiving' that stopped arriving
 * (silent for UPLOAD_STALE_SECONDS, or, `atStartOf` the only process that can receive, from
 * before it started), each with an audit row by the system; and the chunks of imports that
 * ended but were not cleared. Run by the job worker at start and every minute.
 */
export async function removeOrphanUploads(
  db: Database,
  options: { atStartOf?: Date } = {},
): Promise<{ uploads: number; chunks: number }> {
  const removed = await db.transaction(async (tx) => {
    const gone = await deleteOrphanUploads(tx, UPLOAD_STALE_SECONDS, options.atStartOf ?? null);
    for (const upload of gone) {
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: 'ledger.upload.discard',
        objectType: 'ledger_import',
        objectId: upload.id,
        before: {
          source: upload.source,
          year: upload.year,
          fileName: upload.file_name,
          createdBy: upload.created_by,
          createdAt: upload.created_at,
          bytesReceived: upload.bytes_received,
        },
      });
    }
    return gone.length;
  });
  return { uploads: removed, chunks: await deleteEndedImportChunks(db) };
}

export async function getLedgerImports(deps: AppDeps, actor: Actor) {
  const { db } = deps;
  authorize(actor, 'ledger.import');
  return (await listLedgerImports(db)).map(presentImport);
}

export async function getLedgerImport(deps: AppDeps, actor: Actor, id: string) {
  const { db } = deps;
  authorize(actor, 'ledger.import');
  const row = await findLedgerImport(db, id);
  if (!row || row.status === 'receiving') throw new AppError('not_found');
  return presentImport(row);
}

/** The postings behind a figure (drill-down), for a unit the actor may read. */
export async function getPostings(
  deps: AppDeps,
  actor: Actor,
  q: {
    unitId: string;
    year: number;
    accountFunction?: string | undefined;
    month?: number | undefined;
    limit: number;
    offset: number;
  },
) {
  const { db } = deps;
  authorizeOrNotFound(actor, 'budget.read', 'budget.read', { unitId: q.unitId });
  const { rows, total, sum_ore } = await listPostings(db, {
    unitId: q.unitId,
    year: q.year,
    limit: q.limit,
    offset: q.offset,
    ...(q.accountFunction ? { accountFunction: q.accountFunction } : {}),
    ...(q.month ? { month: q.month } : {}),
  });
  return {
    total,
    sum: toKroner(ore(sum_ore)),
    postings: rows.map((r) => ({
      id: r.id,
      date: r.posted_on,
      accountFunction: r.account_function,
      accountString: r.account_string,
      amount: toKroner(ore(r.amount_ore)),
      text: r.text,
      isLate: r.is_late,
      fileName: r.file_name,
    })),
  };
}

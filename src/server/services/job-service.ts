import type { Actor } from '../../domain/access';
import { recordAudit } from '../../db/repositories/audit';
import { findJob, listJobs, requeueDeadJob, type JobRow } from '../../db/repositories/ledger-jobs';
import { AppError } from '../errors';
import type { AppDeps } from '../context';
import { authorize, authorizeOrNotFound, can } from '../policies/policy';
import { drainJobs, prepareRetry } from '../jobs/worker';
import '../jobs/ledger-import';
import type { JobResult } from '../../shared/schemas/jobs';

function presentJob(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    // the column holds what the job's handler returned
    result: job.result as JobResult,
    error: job.error,
    attempts: job.attempts,
    history: job.history,
    createdBy: job.created_by,
    createdAt: job.created_at,
    startedAt: job.started_at,
    runAfter: job.run_after,
    finishedAt: job.finished_at,
  };
}

/**
 * A job's status and progress for the one who started it (or anyone who may import). A job
 * still queued is picked up here too, so work left by a stopped process resumes.
 */
export async function getJob(
  deps: AppDeps,
  actor: Actor,
  id: string,
  onError?: (e: unknown) => void,
) {
  const { db } = deps;
  const job = await findJob(db, id);
  if (!job || (job.created_by !== actor.username && !can(actor, 'ledger.import')))
    throw new AppError('not_found');
  if (job.status === 'queued' || job.status === 'running') void drainJobs(db, onError);
  return presentJob(job);
}

/**
 * The job history for those who may import (the finance partner): the newest jobs with their
 * attempts, each failed or abandoned attempt, and their outcome.
 */
export async function getJobs(
  deps: AppDeps,
  actor: Actor,
  q: { kind?: string | undefined; limit: number },
) {
  const { db } = deps;
  authorize(actor, 'ledger.import');
  return { items: (await listJobs(db, q)).map(presentJob) };
}

/**
 * Queues a dead job again (its attempts start over), for those who may import in its unit;
 * audited. Only a dead job: of two retries at once one wins, the other gets 409
 * `job_not_dead`; a job whose data is gone (`onRetry` of its kind) 409 `job_not_retryable`.
 */
export async function retryDeadJob(deps: AppDeps, actor: Actor, id: string, requestId: string) {
  authorize(actor, 'ledger.import');
  const job = await deps.db.transaction(async (tx) => {
    const before = await findJob(tx, id);
    if (!before) throw new AppError('not_found');
    // a job of one unit (none so far: a ledger file covers many) is that unit's to retry
    if (before.unit_id)
      authorizeOrNotFound(actor, 'ledger.import', 'ledger.import', { unitId: before.unit_id });
    const requeued = await requeueDeadJob(tx, id);
    if (!requeued) throw new AppError('job_not_dead');
    if (!(await prepareRetry(tx, requeued))) throw new AppError('job_not_retryable');
    await recordAudit(
      tx,
      actor,
      {
        action: 'job.retry',
        objectType: 'job',
        objectId: id,
        unitId: before.unit_id,
        before: { kind: before.kind, status: before.status, attempts: before.attempts },
        after: { status: requeued.status },
      },
      requestId,
    );
    return requeued;
  });
  void drainJobs(deps.db, (err) => deps.logger.error({ event: 'job_failed', err }));
  return presentJob(job);
}

import type { Actor } from '../../domain/access';
import type { Database } from '../../db/database';
import { findJob, listJobs, type JobRow } from '../../db/repositories/ledger-jobs';
import { AppError } from '../errors';
import { authorize, can } from '../policies/policy';
import { drainJobs } from '../jobs/worker';
import '../jobs/ledger-import';

function presentJob(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    result: job.result,
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
  db: Database,
  actor: Actor,
  id: string,
  onError?: (e: unknown) => void,
) {
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
  db: Database,
  actor: Actor,
  q: { kind?: string | undefined; limit: number },
) {
  authorize(actor, 'ledger.import');
  return { items: (await listJobs(db, q)).map(presentJob) };
}

import type { Actor } from '../../domain/access';
import type { Database } from '../../db/database';
import { findJob } from '../../db/repositories/ledger-jobs';
import { AppError } from '../errors';
import { can } from '../policies/policy';
import { drainJobs } from '../jobs/worker';
import '../jobs/ledger-import';

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
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    result: job.result,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

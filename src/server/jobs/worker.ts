import type { Database } from '../../db/database';
import {
  claimJob,
  failAbandonedJobs,
  finishJob,
  setJobProgress,
  type JobRow,
} from '../../db/repositories/ledger-jobs';

/** A job handler: does the work, reports progress 0–100, returns the job's result. */
export type JobHandler = (
  db: Database,
  job: JobRow,
  progress: (percent: number) => Promise<void>,
) => Promise<{ status: 'done' | 'failed'; result: unknown }>;

const handlers = new Map<string, JobHandler>();

/** Registers the handler of a job kind (once per process, at module load). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/** A running worker whose heartbeat is older than this is taken to be dead. */
export const STALE_SECONDS = 300;

const draining = new WeakMap<Database, Promise<void>>();

/**
 * Works the queue until it is empty: claims one job at a time with SKIP LOCKED (so several
 * processes can share the queue), runs its handler and records the outcome. Returns the
 * running drain when one is already going in this process.
 */
export function drainJobs(
  db: Database,
  onError: (error: unknown) => void = () => undefined,
): Promise<void> {
  const running = draining.get(db);
  if (running) return running;
  const work = (async () => {
    try {
      await failAbandonedJobs(db, STALE_SECONDS);
      for (;;) {
        const job = await claimJob(db, STALE_SECONDS);
        if (!job) break;
        const handler = handlers.get(job.kind);
        if (!handler) {
          await finishJob(db, job.id, { status: 'failed', error: `unknown job kind ${job.kind}` });
          continue;
        }
        let last = -1;
        try {
          const outcome = await handler(db, job, async (percent) => {
            const p = Math.floor(percent);
            if (p !== last) {
              last = p;
              await setJobProgress(db, job.id, p);
            }
          });
          await finishJob(db, job.id, outcome);
        } catch (error) {
          onError(error);
          await finishJob(db, job.id, {
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    } catch (error) {
      onError(error);
    } finally {
      draining.delete(db);
    }
  })();
  draining.set(db, work);
  return work;
}

import type { Database, Queryable } from '../../db/database';
import {
  beatJob,
  claimJob,
  deadLetterAbandonedJobs,
  finishJob,
  retryJob,
  setJobProgress,
  type JobRow,
} from '../../db/repositories/ledger-jobs';

/** A job handler: does the work, reports progress 0–100, returns the job's result. */
export type JobHandler = (
  db: Database,
  job: JobRow,
  progress: (percent: number) => Promise<void>,
) => Promise<{ status: 'done' | 'failed'; result: unknown }>;

interface Registered {
  run: JobHandler;
  /** Cleans up after a job of this kind went dead (its attempts used up). */
  onDead?: (db: Database, job: JobRow) => Promise<void>;
  /** Readies a dead job's data to run again (in the retry's transaction); false: it cannot. */
  onRetry?: (tx: Queryable, job: JobRow) => Promise<boolean>;
}

const handlers = new Map<string, Registered>();

/** Registers the handler of a job kind (once per process, at module load). */
export function registerJobHandler(
  kind: string,
  run: JobHandler,
  options: Omit<Registered, 'run'> = {},
): void {
  handlers.set(kind, { run, ...options });
}

/** A running job's worker tells it is alive this often. */
export const HEARTBEAT_SECONDS = 2;
/** A running job whose heartbeat is older than this is taken over by another worker. */
export const STALE_SECONDS = 10;
/** Attempts before a job is dead (the dead-letter state). */
export const MAX_ATTEMPTS = 3;
/** Wait before attempt n + 1 after attempt n threw: 5, 10, 20 … seconds. */
export const retryDelaySeconds = (attempt: number) => 5 * 2 ** Math.max(0, attempt - 1);
/** The queue is looked at this often besides when a notification says a job was queued. */
export const POLL_SECONDS = 5;
/** The channel of migration 0023's trigger: a job was queued (payload: its kind). */
export const JOBS_CHANNEL = 'overblik_jobs';

/** The attempt was taken over by another worker: whatever it does from now on must not count. */
export class JobTakenOver extends Error {
  constructor(id: string) {
    super(`job ${id} was taken over by another worker`);
  }
}

const draining = new WeakMap<Database, { run: Promise<void>; again: boolean }>();

/**
 * Works the queue until it is empty: claims one job at a time with SKIP LOCKED (so several
 * processes can share the queue), runs its handler with a heartbeat, and records the outcome:
 * done or failed as the handler says; when it throws, queued again after a delay, or dead after
 * MAX_ATTEMPTS. Called while a drain is going in this process, it makes that drain look once
 * more before it stops (a job queued just as it found the queue empty is not left waiting).
 */
export function drainJobs(
  db: Database,
  onError: (error: unknown) => void = () => undefined,
): Promise<void> {
  const running = draining.get(db);
  if (running) {
    running.again = true;
    return running.run;
  }
  const state = { run: Promise.resolve(), again: false };
  state.run = (async () => {
    try {
      do {
        state.again = false;
        for (const dead of await deadLetterAbandonedJobs(db, STALE_SECONDS, MAX_ATTEMPTS))
          await handlers.get(dead.kind)?.onDead?.(db, dead);
        for (;;) {
          const job = await claimJob(db, STALE_SECONDS, MAX_ATTEMPTS);
          if (!job) break;
          await runJob(db, job, onError);
        }
      } while (state.again);
    } catch (error) {
      onError(error);
    } finally {
      draining.delete(db);
    }
  })();
  draining.set(db, state);
  return state.run;
}

async function runJob(db: Database, job: JobRow, onError: (error: unknown) => void) {
  const registered = handlers.get(job.kind);
  if (!registered) {
    await finishJob(db, job.id, job.attempts, {
      status: 'failed',
      error: `unknown job kind ${job.kind}`,
    });
    return;
  }
  let takenOver = false;
  const beat = setInterval(() => {
    beatJob(db, job.id, job.attempts).then(
      (mine) => {
        if (!mine) takenOver = true;
      },
      () => undefined, // the database is away: the handler meets that itself
    );
  }, HEARTBEAT_SECONDS * 1000);
  beat.unref();
  let last = -1;
  try {
    const outcome = await registered.run(db, job, async (percent) => {
      if (takenOver) throw new JobTakenOver(job.id);
      const p = Math.floor(percent);
      if (p !== last) {
        last = p;
        if (!(await setJobProgress(db, job.id, job.attempts, p))) {
          takenOver = true;
          throw new JobTakenOver(job.id);
        }
      }
    });
    clearInterval(beat);
    await finishJob(db, job.id, job.attempts, outcome);
  } catch (error) {
    clearInterval(beat);
    if (error instanceof JobTakenOver) return;
    onError(error);
    const message = error instanceof Error ? error.message : String(error);
    const status = await retryJob(
      db,
      job.id,
      job.attempts,
      message,
      MAX_ATTEMPTS,
      retryDelaySeconds(job.attempts),
    );
    if (status === 'dead') await registered.onDead?.(db, { ...job, status: 'dead' });
  }
}

/**
 * The worker of one process: drains the queue at once, whenever the database notifies that a
 * job was queued (migration 0023), and every POLL_SECONDS for retries that came due and jobs
 * whose worker stopped; `sweep` runs with it, at start and then every minute. Returns `stop`.
 */
export function startJobWorker(
  db: Database,
  options: {
    onError: (error: unknown) => void;
    /** Clean-up besides the queue (orphaned uploads); `atStart` on its first run. */
    sweep?: (atStart: boolean) => Promise<void>;
  },
): { stop: () => void } {
  const { onError, sweep } = options;
  let stopped = false;
  const drain = () => {
    if (!stopped) void drainJobs(db, onError);
  };
  db.listen(JOBS_CHANNEL, { message: drain, ready: drain, lost: () => undefined }).catch(
    () => undefined, // retried by the listener; the timer covers the gap
  );
  const poll = setInterval(drain, POLL_SECONDS * 1000);
  poll.unref();
  let sweeping: NodeJS.Timeout | undefined;
  if (sweep) {
    const run = (atStart: boolean) => {
      if (!stopped) sweep(atStart).catch(onError);
    };
    run(true);
    sweeping = setInterval(() => run(false), 60_000);
    sweeping.unref();
  }
  drain();
  return {
    stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(sweeping);
    },
  };
}

/** Readies a dead job of a registered kind to run again; false when its data is gone. */
export async function prepareRetry(tx: Queryable, job: JobRow): Promise<boolean> {
  return (await handlers.get(job.kind)?.onRetry?.(tx, job)) ?? true;
}

import type { Queryable } from '../database';

/** The background-work queue (table `jobs`), claimed with FOR UPDATE SKIP LOCKED. */
export interface JobRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed' | 'dead';
  progress: number;
  result: unknown;
  error: string | null;
  attempts: number;
  /** Each attempt that did not end the job, oldest first. */
  history: JobAttempt[];
  unit_id: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  run_after: string;
  finished_at: string | null;
}

/** An attempt that ended without an outcome: its handler threw, or its worker stopped. */
export interface JobAttempt {
  attempt: number;
  /** retried: a user queued the dead job again (its attempts start over) */
  outcome: 'error' | 'abandoned' | 'retried';
  error: string | null;
  at: string;
}

const utc = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const COLUMNS = `id, kind, payload, status, progress, result, error, attempts, history, unit_id, created_by,
  ${utc('created_at')} AS created_at, ${utc('started_at')} AS started_at,
  ${utc('run_after')} AS run_after, ${utc('finished_at')} AS finished_at`;

/** The history entry of the attempt now ending (`attempts` as it is in the row). */
const attemptEntry = (outcome: JobAttempt['outcome'], error: string) =>
  `jsonb_build_array(jsonb_build_object('attempt', attempts, 'outcome', '${outcome}',
     'error', ${error}, 'at', ${utc('now()')}))`;

export async function insertJob(
  tx: Queryable,
  job: { kind: string; payload: unknown; createdBy: string; unitId?: string | null },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO jobs (kind, payload, created_by, unit_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [job.kind, JSON.stringify(job.payload), job.createdBy, job.unitId ?? null],
  );
  if (!row) throw new Error('insert into jobs returned no row');
  return row.id;
}

export async function findJob(db: Queryable, id: string): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return rows[0];
}

/** The newest jobs first, of one kind when given. */
export async function listJobs(
  db: Queryable,
  q: { kind?: string | undefined; limit: number },
): Promise<JobRow[]> {
  return db.query<JobRow>(
    `SELECT ${COLUMNS} FROM jobs WHERE ($1::text IS NULL OR kind = $1)
      ORDER BY created_at DESC, id LIMIT $2`,
    [q.kind ?? null, q.limit],
  );
}

/**
 * Claims the oldest queued job that is due, or a running one whose worker stopped sending
 * heartbeats (`staleSeconds`) and has attempts left, for this worker. SKIP LOCKED lets several
 * workers claim without waiting. The attempt number in the returned row fences this worker:
 * once another has taken the job over, its heartbeats and its outcome no longer count.
 */
export async function claimJob(
  db: Queryable,
  staleSeconds: number,
  maxAttempts = 3,
): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = now(), heartbeat_at = now(),
            history = CASE WHEN status = 'running' THEN history || ${attemptEntry('abandoned', 'NULL')}
                           ELSE history END
      WHERE id = (
        SELECT id FROM jobs
         WHERE (status = 'queued' AND run_after <= now())
            OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
                AND attempts < $2)
         ORDER BY created_at
         FOR UPDATE SKIP LOCKED
         LIMIT 1)
      RETURNING ${COLUMNS}`,
    [staleSeconds, maxAttempts],
  );
  return rows[0];
}

/** Tells that attempt `attempt` is alive; false when the job is no longer this attempt's. */
export async function beatJob(db: Queryable, id: string, attempt: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET heartbeat_at = now() WHERE id = $1 AND attempts = $2 AND status = 'running'
      RETURNING id`,
    [id, attempt],
  );
  return rows.length > 0;
}

export async function setJobProgress(
  db: Queryable,
  id: string,
  attempt: number,
  progress: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET progress = $3, heartbeat_at = now()
      WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING id`,
    [id, attempt, Math.max(0, Math.min(100, Math.round(progress)))],
  );
  return rows.length > 0;
}

/** Records the outcome of attempt `attempt`; false (nothing changed) when it was taken over. */
export async function finishJob(
  db: Queryable,
  id: string,
  attempt: number,
  outcome: { status: 'done' | 'failed'; result?: unknown; error?: string },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET status = $3, progress = CASE WHEN $3 = 'done' THEN 100 ELSE progress END,
            result = $4, error = $5, finished_at = now(), heartbeat_at = now()
      WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING id`,
    [
      id,
      attempt,
      outcome.status,
      outcome.result === undefined ? null : JSON.stringify(outcome.result),
      outcome.error ?? null,
    ],
  );
  return rows.length > 0;
}

/**
 * After attempt `attempt` threw: queued again to run after `delaySeconds`, or dead once it has
 * had `maxAttempts`. Returns the new status, or null when the attempt had been taken over.
 */
export async function retryJob(
  db: Queryable,
  id: string,
  attempt: number,
  error: string,
  maxAttempts: number,
  delaySeconds: number,
): Promise<'queued' | 'dead' | null> {
  const [row] = await db.query<{ status: 'queued' | 'dead' }>(
    `UPDATE jobs SET status = CASE WHEN attempts >= $3 THEN 'dead' ELSE 'queued' END,
            run_after = now() + make_interval(secs => $4), error = $5::text,
            history = history || ${attemptEntry('error', '$5::text')},
            finished_at = CASE WHEN attempts >= $3 THEN now() END
      WHERE id = $1 AND attempts = $2 AND status = 'running'
      RETURNING status`,
    [id, attempt, maxAttempts, delaySeconds, error],
  );
  return row?.status ?? null;
}

/**
 * Jobs whose worker stopped on their last attempt: dead (the dead-letter state), kept for the
 * record and never run again by themselves. Returns them, for their kind's own clean-up.
 */
export async function deadLetterAbandonedJobs(
  db: Queryable,
  staleSeconds: number,
  maxAttempts: number,
): Promise<JobRow[]> {
  return db.query<JobRow>(
    `UPDATE jobs SET status = 'dead', error = 'Arbejdet blev afbrudt for mange gange.', finished_at = now(),
            history = history || ${attemptEntry('abandoned', 'NULL')}
      WHERE status = 'running' AND attempts >= $2
        AND heartbeat_at < now() - make_interval(secs => $1)
      RETURNING ${COLUMNS}`,
    [staleSeconds, maxAttempts],
  );
}

/**
 * Queues a dead job again, its attempts starting over, with a `retried` entry in its history.
 * Only a job that is dead when the row is locked: of two retries at once, one gets the row and
 * the other undefined.
 */
export async function requeueDeadJob(db: Queryable, id: string): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `UPDATE jobs SET status = 'queued', attempts = 0, progress = 0, run_after = now(), error = NULL,
            result = NULL, started_at = NULL, finished_at = NULL,
            history = history || ${attemptEntry('retried', 'NULL')}
      WHERE id = $1 AND status = 'dead'
      RETURNING ${COLUMNS}`,
    [id],
  );
  return rows[0];
}

/**
 * Removes the finished jobs of a kind that leave nothing to look back at (each new one redoes
 * the whole work), but `keep`: its failed and dead ones stay for the operator.
 */
export async function deleteDoneJobs(db: Queryable, kind: string, keep: string): Promise<void> {
  await db.query(`DELETE FROM jobs WHERE kind = $1 AND status = 'done' AND id <> $2`, [kind, keep]);
}

import type { Queryable } from '../database';

/** The background-work queue (table `jobs`), claimed with FOR UPDATE SKIP LOCKED. */
export interface JobRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  result: unknown;
  error: string | null;
  attempts: number;
  unit_id: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
}

const COLUMNS = `id, kind, payload, status, progress, result, error, attempts, unit_id, created_by,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at`;

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

/**
 * Claims the oldest queued job, or a running one whose worker stopped sending heartbeats
 * (`staleSeconds`), for this worker. SKIP LOCKED lets several workers claim without waiting.
 */
export async function claimJob(db: Queryable, staleSeconds: number): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = now(), heartbeat_at = now()
      WHERE id = (
        SELECT id FROM jobs
         WHERE (status = 'queued'
            OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)))
           AND attempts < 3
         ORDER BY created_at
         FOR UPDATE SKIP LOCKED
         LIMIT 1)
      RETURNING ${COLUMNS}`,
    [staleSeconds],
  );
  return rows[0];
}

export async function setJobProgress(db: Queryable, id: string, progress: number): Promise<void> {
  await db.query('UPDATE jobs SET progress = $2, heartbeat_at = now() WHERE id = $1', [
    id,
    Math.max(0, Math.min(100, Math.round(progress))),
  ]);
}

export async function finishJob(
  db: Queryable,
  id: string,
  outcome: { status: 'done' | 'failed'; result?: unknown; error?: string },
): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = $2, progress = CASE WHEN $2 = 'done' THEN 100 ELSE progress END,
            result = $3, error = $4, finished_at = now(), heartbeat_at = now()
      WHERE id = $1`,
    [
      id,
      outcome.status,
      outcome.result === undefined ? null : JSON.stringify(outcome.result),
      outcome.error ?? null,
    ],
  );
}

/** Failed jobs that used up their attempts stay failed; this marks those a dead worker left. */
export async function failAbandonedJobs(db: Queryable, staleSeconds: number): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'failed', error = 'Arbejdet blev afbrudt for mange gange.', finished_at = now()
      WHERE status = 'running' AND attempts >= 3 AND heartbeat_at < now() - make_interval(secs => $1)`,
    [staleSeconds],
  );
}

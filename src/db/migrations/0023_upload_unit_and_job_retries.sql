-- An upload is one unit, and jobs are taken over within seconds, retried, and dead-lettered.

-- A ledger upload being received: its row and its chunks exist, its job does not yet. It becomes
-- 'queued' (with its job) or 'duplicate' in one transaction when the whole file is in; a
-- 'receiving' row whose upload stopped sending (received_at, touched while chunks arrive) is an
-- orphan of a crash and is removed by the worker's sweep, with an audit row.
ALTER TABLE ledger_imports DROP CONSTRAINT ledger_imports_status_check;
ALTER TABLE ledger_imports ADD CONSTRAINT ledger_imports_status_check
  CHECK (status IN ('receiving', 'queued', 'running', 'done', 'failed', 'duplicate'));
ALTER TABLE ledger_imports ADD COLUMN received_at timestamptz;
CREATE INDEX ledger_imports_receiving_idx ON ledger_imports (received_at) WHERE status = 'receiving';

-- Uploads a crash left before this migration: queued, with chunks, but no job. The sweep
-- removes them like any other orphan.
UPDATE ledger_imports i SET status = 'receiving', received_at = i.created_at
 WHERE i.status = 'queued'
   AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'ledger.import' AND j.payload ->> 'importId' = i.id::text);

-- 'dead': the job used up its attempts (its worker died or it threw each time); kept for the
-- record, never run again by itself. 'failed' stays the outcome of a job that ran to its end.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'failed', 'dead'));
-- A retry waits until then (a growing delay after each failed attempt).
ALTER TABLE jobs ADD COLUMN run_after timestamptz NOT NULL DEFAULT now();
-- One entry per attempt that did not end the job: {attempt, outcome, error, at}.
ALTER TABLE jobs ADD COLUMN history jsonb NOT NULL DEFAULT '[]';
UPDATE jobs SET status = 'dead', error = COALESCE(error, 'Arbejdet blev afbrudt for mange gange.'),
                finished_at = COALESCE(finished_at, now())
 WHERE status = 'running' AND attempts >= 3 AND heartbeat_at < now() - interval '5 minutes';
CREATE INDEX jobs_history_idx ON jobs (created_at DESC);

-- Workers LISTEN on overblik_jobs and are told the moment a job is queued (at commit).
CREATE FUNCTION notify_job_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('overblik_jobs', NEW.kind);
  RETURN NULL;
END;
$$;

CREATE TRIGGER jobs_notify_queued
  AFTER INSERT OR UPDATE OF status ON jobs
  FOR EACH ROW WHEN (NEW.status = 'queued') EXECUTE FUNCTION notify_job_queued();

-- The forecast the front page and the forecast page open at is computed once in the background
-- after a change to what it is computed from, and kept for every app server (kept_figures,
-- migration 0032), so the first reader after a ledger import or a saved case reads it instead of
-- waiting for it. Whenever either version counter moves (migrations 0027 and 0028: at most once
-- per transaction, at its commit for row changes) a job 'figures.keep' is queued on the
-- database queue, unless one is already queued: that one will see this change too. A change
-- while the job runs queues the next one. The job's NOTIFY (migration 0023) reaches the workers
-- at commit.

CREATE FUNCTION queue_figures_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, payload, created_by)
  SELECT 'figures.keep', '{}'::jsonb, 'system'
   WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = 'figures.keep' AND status = 'queued');
  RETURN NULL;
END;
$$;

CREATE TRIGGER figures_version_queue_keep
  AFTER UPDATE ON figures_version FOR EACH ROW EXECUTE FUNCTION queue_figures_keep();
CREATE TRIGGER commitments_version_queue_keep
  AFTER UPDATE ON commitments_version FOR EACH ROW EXECUTE FUNCTION queue_figures_keep();

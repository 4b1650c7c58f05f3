-- Rates and reimbursement thresholds are edited on screens by more than one person: each row
-- carries a version so that a save based on a stale copy is refused instead of overwriting.
ALTER TABLE case_rates ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE reimbursement_thresholds ADD COLUMN version integer NOT NULL DEFAULT 1;

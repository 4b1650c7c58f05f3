-- The forecast keeps the committed cost and refusion it computed from the cases
-- (src/server/services/commitments/committed-cost.ts) while nothing they are computed from has
-- changed. This counter says so in one row read, instead of an aggregate over every
-- intervention: every transaction that changes cases, interventions, rates or reimbursement
-- thresholds bumps it once, at commit (deferred triggers, so the row is locked only for that
-- moment and a reader never sees a new version before the change it stands for).

CREATE TABLE commitments_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO commitments_version (id, version) VALUES (true, 1);

-- Once per transaction, at commit: the first deferred trigger that fires bumps, the rest of the
-- transaction's rows are covered by the same commit. TRUNCATE (statement level) bumps at once.
CREATE FUNCTION bump_commitments_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('overblik.commitments_bumped', true), '') = '' THEN
    UPDATE commitments_version SET version = version + 1;
    PERFORM set_config('overblik.commitments_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END;
$$;

-- At once, without a lock: counts the statements of this transaction that changed what the
-- committed cost is computed from, so that its own reads (which see its changes before the
-- bump) are kept apart from what was kept for the version before it, and from each other.
CREATE FUNCTION mark_commitments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('overblik.commitments_changed',
    (coalesce(nullif(current_setting('overblik.commitments_changed', true), ''), '0')::int + 1)::text,
    true);
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER cases_commitments_version
  AFTER INSERT OR UPDATE OR DELETE ON cases DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_commitments_version();
CREATE TRIGGER cases_commitments_changed
  AFTER INSERT OR UPDATE OR DELETE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION mark_commitments_changed();
CREATE TRIGGER cases_commitments_version_truncate
  AFTER TRUNCATE ON cases FOR EACH STATEMENT EXECUTE FUNCTION bump_commitments_version();

CREATE CONSTRAINT TRIGGER case_interventions_commitments_version
  AFTER INSERT OR UPDATE OR DELETE ON case_interventions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_commitments_version();
CREATE TRIGGER case_interventions_commitments_changed
  AFTER INSERT OR UPDATE OR DELETE ON case_interventions
  FOR EACH STATEMENT EXECUTE FUNCTION mark_commitments_changed();
CREATE TRIGGER case_interventions_commitments_version_truncate
  AFTER TRUNCATE ON case_interventions FOR EACH STATEMENT EXECUTE FUNCTION bump_commitments_version();

CREATE CONSTRAINT TRIGGER case_rates_commitments_version
  AFTER INSERT OR UPDATE OR DELETE ON case_rates DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_commitments_version();
CREATE TRIGGER case_rates_commitments_changed
  AFTER INSERT OR UPDATE OR DELETE ON case_rates
  FOR EACH STATEMENT EXECUTE FUNCTION mark_commitments_changed();
CREATE TRIGGER case_rates_commitments_version_truncate
  AFTER TRUNCATE ON case_rates FOR EACH STATEMENT EXECUTE FUNCTION bump_commitments_version();

CREATE CONSTRAINT TRIGGER case_rate_periods_commitments_version
  AFTER INSERT OR UPDATE OR DELETE ON case_rate_periods DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_commitments_version();
CREATE TRIGGER case_rate_periods_commitments_changed
  AFTER INSERT OR UPDATE OR DELETE ON case_rate_periods
  FOR EACH STATEMENT EXECUTE FUNCTION mark_commitments_changed();
CREATE TRIGGER case_rate_periods_commitments_version_truncate
  AFTER TRUNCATE ON case_rate_periods FOR EACH STATEMENT EXECUTE FUNCTION bump_commitments_version();

CREATE CONSTRAINT TRIGGER reimbursement_thresholds_commitments_version
  AFTER INSERT OR UPDATE OR DELETE ON reimbursement_thresholds DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_commitments_version();
CREATE TRIGGER reimbursement_thresholds_commitments_changed
  AFTER INSERT OR UPDATE OR DELETE ON reimbursement_thresholds
  FOR EACH STATEMENT EXECUTE FUNCTION mark_commitments_changed();
CREATE TRIGGER reimbursement_thresholds_commitments_version_truncate
  AFTER TRUNCATE ON reimbursement_thresholds FOR EACH STATEMENT EXECUTE FUNCTION bump_commitments_version();

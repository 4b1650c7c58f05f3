-- The front page's forecast and backtest are kept whole (src/server/services/kept-figures.ts)
-- while nothing they are computed from has changed. The commitments' version (migration 0027)
-- covers the cases, interventions, rates and reimbursement thresholds; this counter covers the
-- rest: the ledger (finished imports and their postings, sources, closed months), budgets and
-- their corrections, forecast adjustments, settings, units and account functions. Every
-- transaction that changes them bumps it once; a kept figure is valid for one pair of versions,
-- read in one query, so a change made through any app server (or in the database) shows on
-- every server's next read.

CREATE TABLE figures_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO figures_version (id, version) VALUES (true, 1);

-- Once per transaction (the first trigger that fires bumps; the rest are covered by the same
-- commit). Row triggers are deferred to the commit, so the row is locked only for that moment.
CREATE FUNCTION bump_figures_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('overblik.figures_bumped', true), '') = '' THEN
    UPDATE figures_version SET version = version + 1;
    PERFORM set_config('overblik.figures_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END;
$$;

-- Postings: once per statement, not per row (an import writes a million rows with one COPY),
-- and at once, since a statement trigger cannot be deferred. The import's own transaction then
-- holds the row from the end of its COPY to its commit.
CREATE TRIGGER ledger_postings_figures_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

-- Imports: only when a finished import is added, changed or removed (its postings count only
-- when it is done); the progress of a running import changes nothing the figures show.
CREATE CONSTRAINT TRIGGER ledger_imports_figures_version_insert
  AFTER INSERT ON ledger_imports DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.status = 'done') EXECUTE FUNCTION bump_figures_version();
CREATE CONSTRAINT TRIGGER ledger_imports_figures_version_update
  AFTER UPDATE ON ledger_imports DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status = 'done' OR NEW.status = 'done')
  EXECUTE FUNCTION bump_figures_version();
CREATE CONSTRAINT TRIGGER ledger_imports_figures_version_delete
  AFTER DELETE ON ledger_imports DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status = 'done') EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER ledger_imports_figures_version_truncate
  AFTER TRUNCATE ON ledger_imports FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER ledger_sources_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON ledger_sources DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER ledger_sources_figures_version_truncate
  AFTER TRUNCATE ON ledger_sources FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER ledger_closed_months_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON ledger_closed_months DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER ledger_closed_months_figures_version_truncate
  AFTER TRUNCATE ON ledger_closed_months FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER budget_lines_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON budget_lines DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER budget_lines_figures_version_truncate
  AFTER TRUNCATE ON budget_lines FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER budget_corrections_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON budget_corrections DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER budget_corrections_figures_version_truncate
  AFTER TRUNCATE ON budget_corrections FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER forecast_adjustments_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON forecast_adjustments DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER forecast_adjustments_figures_version_truncate
  AFTER TRUNCATE ON forecast_adjustments FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER settings_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON settings DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER settings_figures_version_truncate
  AFTER TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER units_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON units DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER units_figures_version_truncate
  AFTER TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

CREATE CONSTRAINT TRIGGER account_functions_figures_version
  AFTER INSERT OR UPDATE OR DELETE ON account_functions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_figures_version();
CREATE TRIGGER account_functions_figures_version_truncate
  AFTER TRUNCATE ON account_functions FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_version();

-- The forecast and its backtest are kept whole for the versions of everything they are computed
-- from (migrations 0027 and 0028; src/server/services/kept-figures.ts). Kept only in each app
-- server's memory, every server started, and every server besides the one that computed them,
-- paid the whole computation again on its first read: seconds of CPU for a large municipality.
-- Kept here too, an answer computed once for a pair of versions serves every app server until
-- something it is computed from changes; the servers themselves keep nothing that must survive.
--
-- The key is a hash of the answer's name, the versions and its inputs (scope, dates, method), so
-- a row can only be found for the very versions it was computed for: a change anywhere bumps a
-- version and the next read misses and computes afresh. The counters only ever grow, so an old
-- key never comes back. Rows of older versions are removed when a new answer is kept.

CREATE TABLE kept_figures (
  key text PRIMARY KEY,
  name text NOT NULL,
  version text NOT NULL,
  -- the answer as JSON text, exactly as it was computed (the routes answer it as JSON)
  answer text NOT NULL,
  kept_at timestamptz NOT NULL DEFAULT now()
);

-- The reviews due (the front page's list) are kept in each app server's memory for the versions
-- of what they are computed from: the cases (0027), the settings and units (0028), and the
-- reviews held and the schedule's rules, counted here. Not in kept_figures: the list names
-- cases and households, which stay in the tables they belong to.
CREATE TABLE reviews_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO reviews_version (id, version) VALUES (true, 1);

-- Once per transaction, at commit (as bump_commitments_version).
CREATE FUNCTION bump_reviews_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('overblik.reviews_bumped', true), '') = '' THEN
    UPDATE reviews_version SET version = version + 1;
    PERFORM set_config('overblik.reviews_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER case_reviews_reviews_version
  AFTER INSERT OR UPDATE OR DELETE ON case_reviews DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_reviews_version();
CREATE TRIGGER case_reviews_reviews_version_truncate
  AFTER TRUNCATE ON case_reviews FOR EACH STATEMENT EXECUTE FUNCTION bump_reviews_version();

CREATE CONSTRAINT TRIGGER review_rules_reviews_version
  AFTER INSERT OR UPDATE OR DELETE ON review_rules DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_reviews_version();
CREATE TRIGGER review_rules_reviews_version_truncate
  AFTER TRUNCATE ON review_rules FOR EACH STATEMENT EXECUTE FUNCTION bump_reviews_version();

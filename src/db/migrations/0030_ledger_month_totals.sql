-- The forecast read a year's spending by aggregating its postings by unit, function and month
-- (and every earlier year's for the intake): most of a cold forecast on a large ledger. The
-- same sums are now kept per import, booking month, unit and account function, written by
-- statement triggers in the very statement that writes, changes or deletes postings, so they
-- cannot disagree with them whichever path wrote (the import's COPY, PGlite's batches, the
-- demo, a removed failed import, a hand-made correction in the database).
--
-- Kept per import, not per source: a posting counts only while its import is done, as before,
-- so a reader joins the done imports exactly as the postings were joined, and an import that
-- is rolled back, fails or turns out a duplicate takes its totals with it. Kept per booking
-- month (the posting's date, as the forecast's as-of limit reads it): figures as of an
-- earlier date are the same as over the postings.

CREATE TABLE ledger_month_totals (
  import_id uuid NOT NULL,
  -- the first day of the postings' month (posted_on's month)
  month date NOT NULL,
  unit_id uuid NOT NULL,
  account_function text NOT NULL,
  -- every posting but state refusion (dranst 2)
  spending_ore bigint NOT NULL,
  -- state refusion posted (dranst 2), as posted
  refusion_ore bigint NOT NULL,
  -- postings flagged late (in a month a follow-up round had closed), all dranst
  late_ore bigint NOT NULL,
  posting_count bigint NOT NULL,
  PRIMARY KEY (import_id, month, unit_id, account_function)
);
CREATE INDEX ledger_month_totals_month_idx ON ledger_month_totals (month);

-- Adds the sums of a statement's new postings (transition table new_postings) or takes away
-- those of its old ones (old_postings); a group left with no posting is removed.
CREATE FUNCTION ledger_month_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_month_totals AS t
         (import_id, month, unit_id, account_function, spending_ore, refusion_ore, late_ore, posting_count)
  SELECT n.import_id, n.posted_on - (extract(day FROM n.posted_on)::int - 1), n.unit_id, n.account_function,
         COALESCE(SUM(n.amount_ore) FILTER (WHERE n.dranst IS DISTINCT FROM '2'), 0),
         COALESCE(SUM(n.amount_ore) FILTER (WHERE n.dranst = '2'), 0),
         COALESCE(SUM(n.amount_ore) FILTER (WHERE n.is_late), 0),
         count(*)
    FROM new_postings n
   GROUP BY 1, 2, 3, 4
  ON CONFLICT (import_id, month, unit_id, account_function) DO UPDATE
     SET spending_ore = t.spending_ore + EXCLUDED.spending_ore,
         refusion_ore = t.refusion_ore + EXCLUDED.refusion_ore,
         late_ore = t.late_ore + EXCLUDED.late_ore,
         posting_count = t.posting_count + EXCLUDED.posting_count;
  RETURN NULL;
END;
$$;

CREATE FUNCTION ledger_month_totals_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_month_totals t
     SET spending_ore = t.spending_ore - o.spending_ore,
         refusion_ore = t.refusion_ore - o.refusion_ore,
         late_ore = t.late_ore - o.late_ore,
         posting_count = t.posting_count - o.posting_count
    FROM (SELECT p.import_id, p.posted_on - (extract(day FROM p.posted_on)::int - 1) AS month,
                 p.unit_id, p.account_function,
                 COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst IS DISTINCT FROM '2'), 0) AS spending_ore,
                 COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst = '2'), 0) AS refusion_ore,
                 COALESCE(SUM(p.amount_ore) FILTER (WHERE p.is_late), 0) AS late_ore,
                 count(*) AS posting_count
            FROM old_postings p
           GROUP BY 1, 2, 3, 4) o
   WHERE t.import_id = o.import_id AND t.month = o.month AND t.unit_id = o.unit_id
     AND t.account_function = o.account_function;
  DELETE FROM ledger_month_totals t
   WHERE t.posting_count = 0 AND t.import_id IN (SELECT DISTINCT import_id FROM old_postings);
  RETURN NULL;
END;
$$;

CREATE FUNCTION ledger_month_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE ledger_month_totals;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_month_totals_insert
  AFTER INSERT ON ledger_postings REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_add();
CREATE TRIGGER ledger_month_totals_delete
  AFTER DELETE ON ledger_postings REFERENCING OLD TABLE AS old_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_subtract();
-- An update: its old rows taken away, its new rows added (two triggers, one transition table each).
CREATE TRIGGER ledger_month_totals_update_new
  AFTER UPDATE ON ledger_postings REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_add();
CREATE TRIGGER ledger_month_totals_update_old
  AFTER UPDATE ON ledger_postings REFERENCING OLD TABLE AS old_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_subtract();
CREATE TRIGGER ledger_month_totals_truncate
  AFTER TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_truncate();

-- The postings already there.
INSERT INTO ledger_month_totals
       (import_id, month, unit_id, account_function, spending_ore, refusion_ore, late_ore, posting_count)
SELECT p.import_id, p.posted_on - (extract(day FROM p.posted_on)::int - 1), p.unit_id, p.account_function,
       COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst IS DISTINCT FROM '2'), 0),
       COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst = '2'), 0),
       COALESCE(SUM(p.amount_ore) FILTER (WHERE p.is_late), 0),
       count(*)
  FROM ledger_postings p
 GROUP BY 1, 2, 3, 4;

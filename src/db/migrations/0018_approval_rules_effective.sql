-- An approval rule takes effect on a day (docs/formats.md, "Approvals"): it catches a grant
-- registered in Overblik on or after that day (whatever decision date the grant carries), and
-- a granted intervention in a cases import whose decision is dated on or after it. Decisions
-- taken before a rule took effect are history as the case system recorded them.
--
-- The two rules of the status report are enforced from the budget year 2026, the first year
-- whose grants are registered in Overblik; an administrator may move the day.
ALTER TABLE approval_rules ADD COLUMN effective_from date NOT NULL DEFAULT DATE '2026-01-01';
ALTER TABLE approval_rules ALTER COLUMN effective_from DROP DEFAULT;

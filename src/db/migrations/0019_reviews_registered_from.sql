-- Reviews are registered in Overblik from a day (docs/formats.md, "Case reviews"): before it
-- Overblik knows nothing of reviews, so no review is due and no case is overdue; from it each
-- case's schedule runs as if its measures started on that day at the earliest. NULL: from the
-- beginning.
ALTER TABLE settings ADD COLUMN reviews_registered_from date;

-- A final status report keeps its computed indicators (reviews on time, families with more than
-- one measure, efterværn stepped down, approvals) as they were when it was marked final, as it
-- keeps its figures: the report sent to the committee never changes afterwards. Reports made
-- final before this column existed compute them when read, as before.
ALTER TABLE status_reports ADD COLUMN frozen_indicators jsonb;

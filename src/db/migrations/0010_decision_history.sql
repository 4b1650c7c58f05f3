-- Decisions never rewrite the past (docs/formats.md, "Decisions and corrections"). The grant of
-- an intervention registered as expected is dated (granted_on; null = granted as decided), and a
-- later ending (by the grant of an adjustment, or an end decided on its own) is a dated fact in
-- `endings` ([{ "endDate", "decidedOn", "by", "removed" }]), never an edit of end_date.
ALTER TABLE case_interventions ADD COLUMN granted_on date;
ALTER TABLE case_interventions ADD COLUMN endings jsonb;

-- A correction of wrong data in a granted intervention: an explicit act with its reason, the
-- intervention before and after (domain JSON, amounts in øre), listed in movement.
CREATE TABLE case_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  intervention_ref text NOT NULL,
  -- the day the correction was made (Europe/Copenhagen)
  corrected_on date NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  -- the username of who corrected it
  corrected_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_corrections_case_idx ON case_corrections (case_id, corrected_on);
CREATE INDEX case_corrections_day_idx ON case_corrections (corrected_on);

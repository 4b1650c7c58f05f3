-- Status reports to the political committee (status på økonomisk handleplan): the texts of
-- each focus area and what its figures are computed from. Figures are computed live from the
-- cases while the report is a draft; `frozen_figures` holds them from the moment the report
-- is marked final, so a report sent to the committee never changes.

CREATE TABLE status_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  as_of date NOT NULL,
  intro text NOT NULL DEFAULT '',
  closing text NOT NULL DEFAULT '',
  -- [{title, action, judgement, cost: {group, provider} | null, families: {band} | null}]
  focus_areas jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  frozen_figures jsonb,
  finalised_at timestamptz,
  finalised_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX status_reports_year_idx ON status_reports (year);

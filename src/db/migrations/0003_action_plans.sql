-- Action plans (handleplaner): the plan, its intervention areas, the monthly effect table
-- (planned and realised, in øre), every saved version, and each unit's expected overspend
-- per year (the trigger for "handleplan påkrævet").

CREATE TABLE action_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  title text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  center_name text,
  center_responsible text,
  unit_name text,
  unit_responsible text,
  started_on date,
  updated_on date,
  cause text,
  causes jsonb NOT NULL DEFAULT '[]',
  expected_at_start_ore bigint,
  expected_at_last_update_ore bigint,
  expected_after_update_ore bigint,
  -- The grand total of the monthly table, kept with every write for the list.
  planned_total_ore bigint NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX action_plans_unit_year_idx ON action_plans (unit_id, year);

CREATE TABLE action_plan_areas (
  plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
  position integer NOT NULL,
  number integer NOT NULL CHECK (number BETWEEN 1 AND 999),
  title text,
  goal text,
  target_ore bigint,
  action text,
  consequences text,
  PRIMARY KEY (plan_id, position),
  UNIQUE (plan_id, number)
);

CREATE TABLE action_plan_effects (
  plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
  area_number integer NOT NULL,
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  planned_ore bigint NOT NULL DEFAULT 0,
  realised_ore bigint,
  PRIMARY KEY (plan_id, area_number, month),
  FOREIGN KEY (plan_id, area_number) REFERENCES action_plan_areas (plan_id, number)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

-- Every saved state of a plan, whole: amounts in the snapshot are integer øre.
CREATE TABLE action_plan_versions (
  plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
  version integer NOT NULL,
  status text NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  saved_by_id uuid,
  saved_by text NOT NULL,
  comment text,
  planned_total_ore bigint NOT NULL,
  document jsonb NOT NULL,
  PRIMARY KEY (plan_id, version)
);

-- Expected overspend for a unit's year, entered by hand until the forecast supplies it.
CREATE TABLE unit_expected_overspend (
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount_ore bigint NOT NULL,
  causes jsonb NOT NULL DEFAULT '[]',
  source text NOT NULL DEFAULT 'manual',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (unit_id, year)
);

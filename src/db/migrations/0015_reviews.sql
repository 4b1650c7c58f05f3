-- Case reviews (sagsgennemgang): the schedule's rules as data, and the reviews held.
--
-- The rules of the status report of May 2020: every case with a measure in force is reviewed at
-- least twice a year (at most six months apart); efterværn cases 3–4 times a year (at most four
-- months apart), every other time by the faglig koordinator and the funktionsleder. `roles` is
-- the turn: the next review goes to the role after the last review's. The same values are
-- DEFAULT_REVIEW_RULES in src/domain/governance/reviews.ts.
CREATE TABLE review_rules (
  track text PRIMARY KEY CHECK (track IN ('standard', 'eftervaern')),
  interval_months integer NOT NULL CHECK (interval_months BETWEEN 1 AND 12),
  notice_days integer NOT NULL CHECK (notice_days BETWEEN 0 AND 120),
  roles text[] NOT NULL CHECK (cardinality(roles) >= 1
    AND roles <@ ARRAY['faglig_koordinator', 'funktionsleder']::text[]),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL DEFAULT 'system'
);
INSERT INTO review_rules (track, interval_months, notice_days, roles) VALUES
  ('standard', 6, 30, ARRAY['faglig_koordinator']),
  ('eftervaern', 4, 30, ARRAY['faglig_koordinator', 'funktionsleder']);

-- A review held on a case: when, by whom and in which role, its outcome, and the adjustment it
-- led to (an intervention of the case: an adjustment, or one given an end). `due_on`, `track`
-- and `expected_role` are the schedule as it stood when the review was recorded, so "held on
-- time" never changes later. `recorded_on` is the day it was recorded (Europe/Copenhagen): a
-- list or figure as of an earlier day does not see it.
CREATE TABLE case_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  held_on date NOT NULL,
  held_by text NOT NULL,
  held_by_name text NOT NULL,
  held_by_role text NOT NULL CHECK (held_by_role IN ('faglig_koordinator', 'funktionsleder')),
  outcome text NOT NULL CHECK (outcome IN ('fortsaet', 'juster', 'afslut')),
  note text NOT NULL DEFAULT '',
  track text NOT NULL CHECK (track IN ('standard', 'eftervaern')),
  due_on date NOT NULL,
  expected_role text NOT NULL,
  adjustment_ref text,
  recorded_on date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (held_on <= recorded_on),
  CHECK (outcome <> 'fortsaet' OR adjustment_ref IS NULL),
  UNIQUE (case_id, held_on, held_by_role)
);
CREATE INDEX case_reviews_case_idx ON case_reviews (case_id, held_on);
CREATE INDEX case_reviews_held_idx ON case_reviews (held_on);

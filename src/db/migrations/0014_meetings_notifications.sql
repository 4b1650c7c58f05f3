-- Governance meetings, ledelse's sign-off and notifications.
--
-- A visitation meeting (visitationsmøde) belongs to one unit and decides the cases put on its
-- agenda; a committee meeting (udvalgsmøde) belongs to no unit and has a deadline for material.
CREATE TABLE meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('visitation', 'committee')),
  held_on date NOT NULL,
  unit_id uuid REFERENCES units (id),
  title text NOT NULL,
  -- committee meetings: the last day material can be sent to the committee
  material_deadline date,
  -- [{role, name}]: who takes part, by role
  participants jsonb NOT NULL DEFAULT '[]',
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  CHECK ((kind = 'visitation') = (unit_id IS NOT NULL)),
  CHECK (material_deadline IS NULL OR (kind = 'committee' AND material_deadline <= held_on))
);
CREATE INDEX meetings_held_on_idx ON meetings (held_on);
CREATE INDEX meetings_unit_idx ON meetings (unit_id);

-- A case put forward at a visitation meeting, and the meeting's decision on it. An item may
-- stand for a pending approval of kind "visitation" (approval_id): deciding the item bevilget
-- or afslået decides that approval; udsat leaves it pending for a later meeting.
CREATE TABLE meeting_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  position integer NOT NULL,
  case_id uuid NOT NULL REFERENCES cases (id),
  approval_id uuid,
  intervention_ref text,
  summary text NOT NULL DEFAULT '',
  put_forward_by text NOT NULL,
  put_forward_at timestamptz NOT NULL DEFAULT now(),
  decision text CHECK (decision IN ('bevilget', 'afslaaet', 'udsat')),
  decision_reason text,
  amount_ore bigint CHECK (amount_ore IS NULL OR amount_ore >= 0),
  decided_by text,
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (meeting_id, case_id),
  UNIQUE (meeting_id, position),
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX meeting_items_case_idx ON meeting_items (case_id);
CREATE INDEX meeting_items_approval_idx ON meeting_items (approval_id);

-- Ledelse's sign-off of a status report or action plan before it goes to the committee. It
-- holds for the version signed: a later edit raises the object's version and so voids it.
CREATE TABLE signoffs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the order rows were made in: the newest row is the one that counts
  seq bigserial NOT NULL,
  object_type text NOT NULL CHECK (object_type IN ('status_report', 'action_plan')),
  object_id uuid NOT NULL,
  object_version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('requested', 'signed')),
  requested_by text,
  requested_at timestamptz,
  signed_by text,
  signed_by_name text,
  signed_at timestamptz,
  CHECK ((status = 'signed') = (signed_at IS NOT NULL))
);
CREATE INDEX signoffs_object_idx ON signoffs (object_type, object_id);

-- A report or plan as presented at a committee meeting ("forelagt udvalget den …"), with the
-- version presented and the sign-off it went with.
CREATE TABLE committee_presentations (
  meeting_id uuid NOT NULL REFERENCES meetings (id),
  object_type text NOT NULL CHECK (object_type IN ('status_report', 'action_plan')),
  object_id uuid NOT NULL,
  object_version integer NOT NULL,
  signoff_id uuid NOT NULL REFERENCES signoffs (id),
  presented_by text NOT NULL,
  presented_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, object_type, object_id)
);
CREATE INDEX committee_presentations_object_idx ON committee_presentations (object_type, object_id);

-- In-app notifications, one row per recipient; e-mailed at most once, in the daily digest.
ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD COLUMN email_digest boolean NOT NULL DEFAULT false;

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  link text,
  -- the same event is told once: e.g. 'deadline:<meeting id>'
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  emailed_at timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unmailed_idx ON notifications (created_at) WHERE emailed_at IS NULL;

-- One digest per day: the row is the claim that the day's digest has been queued.
CREATE TABLE notification_digests (
  day date PRIMARY KEY,
  job_id uuid,
  queued_at timestamptz NOT NULL DEFAULT now()
);

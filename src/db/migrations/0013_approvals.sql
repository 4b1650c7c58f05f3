-- Approvals: rules (data an administrator tunes) that catch a grant, and the approvals they
-- ask for. A caught grant stays expected until decided (docs/formats.md, "Approvals").
--
-- A rule's `id` names what it checks (the check itself is code in
-- src/domain/governance/approvals.ts); `kind` says who decides: 'approval' = the unit's
-- funktionsleder in the approvals inbox, 'visitation' = a visitation meeting.
CREATE TABLE approval_rules (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('approval', 'visitation')),
  position integer NOT NULL UNIQUE,
  enabled boolean NOT NULL DEFAULT true,
  params jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL DEFAULT 'system'
);

-- The two rules of the status report (maj 2020): more than one measure in a household needs
-- the funktionsleder's approval; efterværn is decided at the visitation meeting.
INSERT INTO approval_rules (id, kind, position, params) VALUES
  ('household_several', 'approval', 1, '{"maxMeasures": 1}'),
  ('visitation_category', 'visitation', 2, '{"categories": ["eftervaern"]}');

-- One request to grant an intervention that a rule caught, and its decision. The intervention
-- stays expected while pending; approved grants it from `decided_on`, rejected withdraws it from
-- that day (a dated fact on the intervention, see 0010).
CREATE TABLE approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  intervention_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('approval', 'visitation')),
  -- [{ "rule": id, ...what it found }]: why the grant was caught
  reasons jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  -- 'grant' (the grant button or the API) or 'import' (a cases import)
  source text NOT NULL CHECK (source IN ('grant', 'import')),
  requested_by_id uuid REFERENCES users (id),
  requested_by text NOT NULL,
  requested_by_name text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by_id uuid REFERENCES users (id),
  decided_by text,
  decided_by_name text,
  decided_at timestamptz,
  -- the grant date when approved (Europe/Copenhagen)
  decided_on date,
  reason text,
  -- decided at this visitation meeting (meetings come in 0014, so no foreign key here)
  meeting_id uuid,
  version integer NOT NULL DEFAULT 1,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status = 'pending' OR (decided_on IS NOT NULL AND reason IS NOT NULL))
);
-- at most one pending request per intervention
CREATE UNIQUE INDEX approvals_pending_idx ON approvals (case_id, intervention_ref)
  WHERE status = 'pending';
CREATE INDEX approvals_status_idx ON approvals (status, requested_at);

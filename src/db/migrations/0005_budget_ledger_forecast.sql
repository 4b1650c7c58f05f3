-- Budgets, ledger postings, forecasts, follow-up rounds and the background-work queue.

-- The municipal chart of accounts' functions under main function 5.28; names are data.
CREATE TABLE account_functions (
  code text PRIMARY KEY CHECK (code ~ '^\d\.\d{2}\.\d{2}$'),
  name text NOT NULL
);
INSERT INTO account_functions (code, name) VALUES
  ('5.28.20', 'Opsøgende indsats for udsatte børn og unge'),
  ('5.28.21', 'Forebyggende indsats for børn, unge og deres familier'),
  ('5.28.22', 'Plejefamilier'),
  ('5.28.23', 'Døgninstitutioner for børn og unge'),
  ('5.28.24', 'Sikrede døgninstitutioner for børn og unge'),
  ('5.28.25', 'Særlige dagtilbud og særlige klubber');

-- One budget line per unit, account function and year. The corrected budget is
-- original + transfer + the sum of the corrections.
CREATE TABLE budget_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  account_function text NOT NULL REFERENCES account_functions (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  original_ore bigint NOT NULL DEFAULT 0,
  transfer_ore bigint NOT NULL DEFAULT 0,
  -- twelve integer weights (per mille or any scale), or null for an even profile
  monthly_profile integer[] CHECK (monthly_profile IS NULL OR array_length(monthly_profile, 1) = 12),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (unit_id, account_function, year)
);

CREATE TABLE budget_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_line_id uuid NOT NULL REFERENCES budget_lines (id),
  corrected_on date NOT NULL,
  amount_ore bigint NOT NULL,
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_corrections_line_idx ON budget_corrections (budget_line_id);

-- Column mapping per source system (KMD Opus, Fujitsu Prisme, ...).
CREATE TABLE ledger_sources (
  name text PRIMARY KEY,
  mapping jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One uploaded file. Its postings are visible only once status = 'done'.
CREATE TABLE ledger_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL,
  year integer NOT NULL,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  byte_size bigint NOT NULL,
  encoding text NOT NULL DEFAULT 'auto',
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'duplicate')),
  line_count integer,
  posting_count integer,
  late_count integer,
  report jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX ledger_imports_done_hash_idx ON ledger_imports (file_sha256) WHERE status = 'done';

-- The uploaded bytes, in chunks, so a worker on any server can stream them.
CREATE TABLE ledger_import_chunks (
  import_id uuid NOT NULL REFERENCES ledger_imports (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);

CREATE TABLE ledger_postings (
  id bigserial PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES ledger_imports (id),
  line_no integer NOT NULL,
  posted_on date NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  account_function text NOT NULL,
  account_group text NOT NULL DEFAULT '',
  dranst text NOT NULL DEFAULT '',
  account_string text NOT NULL,
  amount_ore bigint NOT NULL,
  text text NOT NULL DEFAULT '',
  -- posted in a month that a follow-up round had already closed (retroactive effect)
  is_late boolean NOT NULL DEFAULT false
);
CREATE INDEX ledger_postings_unit_date_idx ON ledger_postings (unit_id, posted_on);
CREATE INDEX ledger_postings_import_idx ON ledger_postings (import_id);

-- Manual forecast adjustments, each with a reason.
CREATE TABLE forecast_adjustments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  account_function text NOT NULL REFERENCES account_functions (code),
  year integer NOT NULL,
  amount_ore bigint NOT NULL,
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX forecast_adjustments_idx ON forecast_adjustments (unit_id, year);

-- A follow-up round freezes every unit's forecast as of a date.
CREATE TABLE followup_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year integer NOT NULL,
  name text NOT NULL,
  as_of date NOT NULL,
  intake_params jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, name)
);

CREATE TABLE followup_round_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES followup_rounds (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  account_function text NOT NULL,
  budget_ore bigint NOT NULL,
  actuals_ore bigint NOT NULL,
  committed_ore bigint NOT NULL,
  intake_ore bigint NOT NULL,
  adjustments_ore bigint NOT NULL,
  forecast_ore bigint NOT NULL,
  overspend_ore bigint NOT NULL,
  comment text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  UNIQUE (round_id, unit_id, account_function)
);

-- Background work: a queue claimed with SELECT ... FOR UPDATE SKIP LOCKED (see docs/operations.md).
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  result jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  unit_id uuid,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_queued_idx ON jobs (created_at) WHERE status IN ('queued', 'running');

-- Cases, interventions (foranstaltninger) and their payment plans, dated rates, and the
-- thresholds for reimbursement of very expensive cases. Amounts are bigint øre. No CPR numbers
-- and no names: cases and persons carry the case system's references only.

CREATE TABLE case_rates (
  code text PRIMARY KEY,
  name text NOT NULL,
  source text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A rate's periods are [valid_from, valid_to): from included, to excluded, null open.
CREATE TABLE case_rate_periods (
  rate_code text NOT NULL REFERENCES case_rates (code) ON DELETE CASCADE,
  valid_from date NOT NULL,
  valid_to date,
  amount_ore bigint NOT NULL,
  PRIMARY KEY (rate_code, valid_from),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text NOT NULL UNIQUE,
  household_ref text NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  person_ref text NOT NULL,
  birth_date date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_unit_idx ON cases (unit_id);
CREATE INDEX cases_household_idx ON cases (household_ref);

CREATE TABLE case_interventions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position integer NOT NULL,
  ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('main', 'supplementary')),
  status text NOT NULL CHECK (status IN ('draft', 'expected', 'granted')),
  modifies_ref text,
  decided_on date NOT NULL,
  category text NOT NULL,
  paragraph text NOT NULL DEFAULT '',
  provider_name text NOT NULL,
  provider_external boolean NOT NULL,
  account_function text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  follow_on boolean NOT NULL DEFAULT false,
  -- the payment plan as the domain holds it (amounts in øre)
  payment jsonb NOT NULL,
  -- derived on write so a year's statement reads only the cases that pay in the year
  first_payment_date date,
  last_payment_date date,
  UNIQUE (case_id, ref),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX case_interventions_span_idx ON case_interventions (first_payment_date, last_payment_date);

-- Refusion for very expensive single cases: yearly thresholds as dated rates with their source.
CREATE TABLE reimbursement_thresholds (
  valid_from date PRIMARY KEY,
  t25_ore bigint NOT NULL,
  t50_ore bigint NOT NULL,
  t75_ore bigint NOT NULL,
  source text NOT NULL,
  CHECK (0 <= t25_ore AND t25_ore <= t50_ore AND t50_ore <= t75_ore)
);
INSERT INTO reimbursement_thresholds (valid_from, t25_ore, t50_ore, t75_ore, source) VALUES
  ('2020-01-01', 83000000, 163000000, 205000000,
   'Serviceloven §176, 2020-niveau (830.000 / 1.630.000 / 2.050.000 kr.)'),
  ('2022-01-01', 86000000, 168000000, 212000000,
   'Serviceloven §176 / Barnets lov §198, bek. nr. 1485 af 6.12.2023 §3, 2022-niveau (860.000 / 1.680.000 / 2.120.000 kr.)');

-- The ledger's booked period: months the finance partner has closed per ledger source
-- ("Luk måned"). Reopening a month deletes its row; both acts are in the audit trail.
CREATE TABLE ledger_closed_months (
  source text NOT NULL REFERENCES ledger_sources (name),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  closed_by text NOT NULL,
  closed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, month)
);

-- Through which date a follow-up round took actual spending (the rest was forecast).
ALTER TABLE followup_rounds ADD COLUMN actuals_through date;

-- The months an import covers, read per import (the booked period of a source without closed months).
CREATE INDEX ledger_postings_import_date_idx ON ledger_postings (import_id, posted_on);

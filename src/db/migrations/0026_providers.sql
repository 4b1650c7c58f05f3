-- Providers (leverandører) as a register: each intervention names one of them instead of
-- carrying a provider's name and kind as free text. A provider has a name (unique, case and
-- surrounding spaces aside), a CVR number where known and whether it is external. Other
-- spellings met in imports are mapped to a provider once (provider_aliases) and recognised
-- from then on; an unknown spelling is never registered silently.

CREATE TABLE providers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  cvr text CHECK (cvr ~ '^\d{8}$'),
  external boolean NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
CREATE UNIQUE INDEX providers_name_key ON providers (lower(btrim(name)));

CREATE TABLE provider_aliases (
  -- lower(btrim(alias)): how a spelling is matched
  alias_key text PRIMARY KEY CHECK (length(alias_key) > 0),
  alias text NOT NULL,
  provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_aliases_provider_idx ON provider_aliases (provider_id);

-- The providers named so far, one per name (case and surrounding spaces aside): spelt as most
-- of its interventions spell it, and external or internal as most of them say (external on a
-- tie). An empty name becomes "Ukendt leverandør".
WITH named AS (
  SELECT lower(coalesce(nullif(btrim(provider_name), ''), 'Ukendt leverandør')) AS k,
         coalesce(nullif(btrim(provider_name), ''), 'Ukendt leverandør') AS n,
         provider_external AS e
    FROM case_interventions
),
kinds AS (
  SELECT DISTINCT ON (k) k, e
    FROM (SELECT k, e, count(*) AS c FROM named GROUP BY k, e) s
   ORDER BY k, c DESC, e DESC
),
names AS (
  SELECT DISTINCT ON (k) k, n
    FROM (SELECT k, n, count(*) AS c FROM named GROUP BY k, n) s
   ORDER BY k, c DESC, n
)
INSERT INTO providers (name, external, updated_by)
SELECT names.n, kinds.e, 'migration' FROM names JOIN kinds USING (k);

ALTER TABLE case_interventions ADD COLUMN provider_id uuid REFERENCES providers (id);
UPDATE case_interventions i
   SET provider_id = p.id
  FROM providers p
 WHERE lower(btrim(p.name)) = lower(coalesce(nullif(btrim(i.provider_name), ''), 'Ukendt leverandør'));
ALTER TABLE case_interventions ALTER COLUMN provider_id SET NOT NULL;
ALTER TABLE case_interventions DROP COLUMN provider_name;
ALTER TABLE case_interventions DROP COLUMN provider_external;
CREATE INDEX case_interventions_provider_idx ON case_interventions (provider_id);

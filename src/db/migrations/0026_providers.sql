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

-- The providers named so far, one per name: where one name was stored both as external and
-- internal, the kind most of its interventions had (external on a tie). An empty name becomes
-- "Ukendt leverandør".
INSERT INTO providers (name, external, updated_by)
SELECT DISTINCT ON (k) n, e, 'migration'
  FROM (
    SELECT lower(coalesce(nullif(btrim(provider_name), ''), 'Ukendt leverandør')) AS k,
           coalesce(nullif(btrim(provider_name), ''), 'Ukendt leverandør') AS n,
           provider_external AS e,
           count(*) AS c
      FROM case_interventions
     GROUP BY 1, 2, 3
  ) s
 ORDER BY k, c DESC, e DESC, n;

ALTER TABLE case_interventions ADD COLUMN provider_id uuid REFERENCES providers (id);
UPDATE case_interventions i
   SET provider_id = p.id
  FROM providers p
 WHERE lower(btrim(p.name)) = lower(coalesce(nullif(btrim(i.provider_name), ''), 'Ukendt leverandør'));
ALTER TABLE case_interventions ALTER COLUMN provider_id SET NOT NULL;
ALTER TABLE case_interventions DROP COLUMN provider_name;
ALTER TABLE case_interventions DROP COLUMN provider_external;
CREATE INDEX case_interventions_provider_idx ON case_interventions (provider_id);

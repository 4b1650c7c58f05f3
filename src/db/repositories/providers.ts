import type { Queryable } from '../database';

export interface ProviderRow {
  id: string;
  name: string;
  cvr: string | null;
  external: boolean;
  version: number;
  aliases: string[];
  interventions: number;
}

/** The register, by name, with each provider's other spellings and how many interventions name it. */
export async function listProviders(db: Queryable): Promise<ProviderRow[]> {
  return db.query<ProviderRow>(
    `SELECT p.id, p.name, p.cvr, p.external, p.version,
            coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM provider_aliases a
                       WHERE a.provider_id = p.id), '{}') AS aliases,
            (SELECT count(*)::int FROM case_interventions i WHERE i.provider_id = p.id) AS interventions
       FROM providers p ORDER BY p.name`,
  );
}

/** Names and spellings (`alias_key` as `providerKey` makes it) of every provider. */
export async function listProviderAliases(
  db: Queryable,
): Promise<{ provider_id: string; alias: string }[]> {
  return db.query('SELECT provider_id, alias FROM provider_aliases');
}

export async function insertProvider(
  tx: Queryable,
  p: { name: string; cvr: string | null; external: boolean },
  by: string,
  at: Date,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO providers (name, cvr, external, updated_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [p.name, p.cvr, p.external, by, at],
  );
  return row?.id ?? '';
}

/** Registers providers by name that are not yet registered (one per name); for loading data. */
export async function ensureProviders(
  tx: Queryable,
  providers: readonly { name: string; external: boolean }[],
  by: string,
  at: Date,
): Promise<number> {
  if (providers.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO providers (name, external, updated_by, created_at, updated_at)
     SELECT n, e, $3, $4, $4 FROM unnest($1::text[], $2::boolean[]) AS t(n, e)
     ON CONFLICT DO NOTHING RETURNING id`,
    [providers.map((p) => p.name), providers.map((p) => p.external), by, at],
  );
  return rows.length;
}

/** Changes a provider if its version is still `version`; false when someone changed it first. */
export async function updateProvider(
  tx: Queryable,
  id: string,
  version: number,
  p: { name: string; cvr: string | null; external: boolean },
  by: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE providers SET name = $3, cvr = $4, external = $5, updated_by = $6,
            version = version + 1, updated_at = $7
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, p.name, p.cvr, p.external, by, at],
  );
  return rows.length === 1;
}

export async function insertProviderAlias(
  tx: Queryable,
  a: { key: string; alias: string; providerId: string },
  by: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO provider_aliases (alias_key, alias, provider_id, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [a.key, a.alias, a.providerId, by, at],
  );
  await tx.query('UPDATE providers SET version = version + 1, updated_at = $2 WHERE id = $1', [
    a.providerId,
    at,
  ]);
}

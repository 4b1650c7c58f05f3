import type { Actor } from '../../domain/access';
import type { CaseRecord } from '../../domain/cases';
import { providerKey } from '../../domain/providers';
import { recordAudit } from '../../db/repositories/audit';
import {
  insertProvider,
  insertProviderAlias,
  listProviderAliases,
  listProviders,
  updateProvider,
  type ProviderRow,
} from '../../db/repositories/providers';
import type { Queryable } from '../../db/database';
import { translate } from '../../shared/i18n/translate';
import type { ProviderInput, ProviderJson } from '../../shared/schemas/providers';
import type { AppDeps } from '../context';
import { AppError, type FieldIssue } from '../errors';
import { authorize, can } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';

/**
 * The provider register (leverandører): one per municipality, i.e. per database. Everyone who
 * reads cases or commitments reads it; those who administer the other reference data of cases
 * (rates: økonomikonsulenter and administrators, `case.import`) create and change providers
 * and map other spellings to them.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function providerJson(r: ProviderRow): ProviderJson {
  return {
    id: r.id,
    name: r.name,
    cvr: r.cvr,
    external: r.external,
    aliases: r.aliases,
    interventions: r.interventions,
    version: r.version,
  };
}

function mayRead(actor: Actor): void {
  if (!can(actor, 'case.read') && !can(actor, 'commitment.read')) throw new AppError('forbidden');
}

export async function listProvidersJson(deps: AppDeps, actor: Actor): Promise<ProviderJson[]> {
  mayRead(actor);
  return (await listProviders(deps.db)).map(providerJson);
}

/** What a provider is known as: its name, and the spellings mapped to it. */
interface Known {
  provider: ProviderRow;
  /** the name or spelling as written */
  as: string;
}

async function knownNames(
  db: Queryable,
): Promise<{ rows: ProviderRow[]; byKey: Map<string, Known> }> {
  const rows = await listProviders(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byKey = new Map<string, Known>();
  for (const r of rows) byKey.set(providerKey(r.name), { provider: r, as: r.name });
  for (const a of await listProviderAliases(db)) {
    const provider = byId.get(a.provider_id);
    if (provider && !byKey.has(providerKey(a.alias)))
      byKey.set(providerKey(a.alias), { provider, as: a.alias });
  }
  return { rows, byKey };
}

/** A name (or spelling) already in use by another provider, as a 422 on `path`. */
function taken(
  byKey: Map<string, Known>,
  value: string,
  exceptId: string | null,
  path: string,
): FieldIssue | null {
  const hit = byKey.get(providerKey(value));
  if (!hit || hit.provider.id === exceptId) return null;
  return hit.as === hit.provider.name && path === 'name'
    ? {
        path,
        code: 'name_taken',
        message: translate('providers.problems.nameTaken', { name: hit.as }),
      }
    : {
        path,
        code: 'name_taken',
        message: translate('providers.problems.aliasTaken', {
          alias: value,
          name: hit.provider.name,
        }),
      };
}

const stored = (input: ProviderInput) => ({
  name: input.name.trim().replace(/\s+/g, ' '),
  cvr: input.cvr ? input.cvr : null,
  external: input.external,
});

/** Registers a provider; its name (or a spelling mapped to another) must be new. */
export async function createProvider(
  deps: AppDeps,
  actor: Actor,
  input: ProviderInput,
  requestId: string,
): Promise<ProviderJson> {
  authorize(actor, 'case.import');
  const provider = stored(input);
  return deps.db.transaction(async (tx) => {
    const { byKey } = await knownNames(tx);
    const issue = taken(byKey, provider.name, null, 'name');
    if (issue) throw validationError([issue]);
    const id = await insertProvider(tx, provider, actor.username, deps.now());
    await recordAudit(
      tx,
      actor,
      { action: 'provider.create', objectType: 'provider', objectId: id, after: provider },
      requestId,
    );
    const row = (await listProviders(tx)).find((r) => r.id === id);
    if (!row) throw new AppError('not_found');
    return providerJson(row);
  });
}

/**
 * Changes a provider's name, CVR number or kind, based on `version` (a stale version is
 * refused with who changed it last). Every intervention that names it follows: the statements
 * count it under its new name and kind from then on.
 */
export async function changeProvider(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: ProviderInput & { version: number },
  requestId: string,
): Promise<ProviderJson> {
  authorize(actor, 'case.import');
  if (!UUID.test(id)) throw new AppError('not_found');
  const provider = stored(input);
  return deps.db.transaction(async (tx) => {
    const { rows, byKey } = await knownNames(tx);
    const before = rows.find((r) => r.id === id);
    if (!before) throw new AppError('not_found');
    const issue = taken(byKey, provider.name, id, 'name');
    if (issue) throw validationError([issue]);
    if (!(await updateProvider(tx, id, input.version, provider, actor.username, deps.now())))
      throw await versionConflict(
        tx,
        'provider',
        id,
        translate('providers.object', { name: before.name }),
      );
    await recordAudit(
      tx,
      actor,
      {
        action: 'provider.update',
        objectType: 'provider',
        objectId: id,
        before: { name: before.name, cvr: before.cvr, external: before.external },
        after: provider,
      },
      requestId,
    );
    const row = (await listProviders(tx)).find((r) => r.id === id);
    if (!row) throw new AppError('not_found');
    return providerJson(row);
  });
}

/**
 * Maps another spelling (as a case system writes it) to a provider, so imports recognise it
 * from now on. A spelling that already names or is mapped to a provider is refused.
 */
export async function addProviderAlias(
  deps: AppDeps,
  actor: Actor,
  id: string,
  alias: string,
  requestId: string,
): Promise<ProviderJson> {
  authorize(actor, 'case.import');
  if (!UUID.test(id)) throw new AppError('not_found');
  const spelling = alias.trim().replace(/\s+/g, ' ');
  return deps.db.transaction(async (tx) => {
    const { rows, byKey } = await knownNames(tx);
    const provider = rows.find((r) => r.id === id);
    if (!provider) throw new AppError('not_found');
    const hit = byKey.get(providerKey(spelling));
    if (hit)
      throw validationError([
        {
          path: 'alias',
          code: 'name_taken',
          message: translate('providers.problems.aliasTaken', {
            alias: spelling,
            name: hit.provider.name,
          }),
        },
      ]);
    await insertProviderAlias(
      tx,
      { key: providerKey(spelling), alias: spelling, providerId: id },
      actor.username,
      deps.now(),
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'provider.alias',
        objectType: 'provider',
        objectId: id,
        after: { name: provider.name, alias: spelling },
      },
      requestId,
    );
    const row = (await listProviders(tx)).find((r) => r.id === id);
    if (!row) throw new AppError('not_found');
    return providerJson(row);
  });
}

/**
 * Every intervention's provider as the register names it: a name or a mapped spelling (case and
 * spaces aside) becomes the registered provider's name and kind. A provider the register does
 * not know is an issue at `path(case, intervention)` + `.provider.name`, with its name, and is
 * never registered on the way: it must be created or mapped first.
 */
export async function resolveProviders<T extends Pick<CaseRecord, 'interventions'>>(
  db: Queryable,
  cases: readonly T[],
  path: (ci: number, ii: number) => string,
): Promise<{ cases: T[]; issues: FieldIssue[] }> {
  const { byKey } = await knownNames(db);
  const issues: FieldIssue[] = [];
  const out = cases.map((c, ci) => ({
    ...c,
    interventions: c.interventions.map((i, ii) => {
      const hit = byKey.get(providerKey(i.provider.name));
      if (!hit) {
        const empty = i.provider.name.trim() === '';
        issues.push({
          path: `${path(ci, ii)}.provider.name`,
          code: empty ? 'required' : 'unknown_provider',
          message: empty
            ? translate('providers.problems.required')
            : translate('providers.problems.unknown', { name: i.provider.name }),
        });
        return i;
      }
      return { ...i, provider: { name: hit.provider.name, external: hit.provider.external } };
    }),
  }));
  return { cases: out, issues };
}

/**
 * What every commitment figure starts from: the scope an actor may read (units, one case), the
 * read of case-level data it is logged as, and the cases in scope that pay in a year with the
 * rates in force.
 */
import type { Actor } from '../../../domain/access';
import { CATEGORY_GROUPS, type CaseRecord, type Rate } from '../../../domain/cases';
import { yearSpan } from '../../../domain/months';
import type { Queryable } from '../../../db/database';
import {
  listCaseSummaryIdsByRef,
  loadCases,
  listRates,
  type StoredCase,
} from '../../../db/repositories/cases';
import { recordRead } from '../../../db/repositories/audit';
import { listUnits } from '../../../db/repositories/organisation';
import { AppError } from '../../errors';
import { authorize, can, canReadCasesIn, readableUnitIds } from '../../policies/policy';

export function rateMapOf(rates: Rate[]): Map<string, Rate> {
  return new Map(rates.map((r) => [r.code, r]));
}

export interface Scope {
  unitIds: string[] | null;
  unitName: string | null;
  caseRef: string | null;
  /** the case asked for by `caseRef`, for the audit trail */
  caseFound: { id: string; unitId: string } | null;
  unitNames: Map<string, string>;
  /** whether the answer may name cases and households (`canReadCasesIn`) */
  caseLevel: boolean;
}

/**
 * Resolves the `unit` (name) and `case` (ref) filters within what the actor may read; unknown →
 * 404. Figures of one case are case-level data: without `case.read` at all that is refused (403,
 * before the ref is looked up, so the answer tells nothing of which refs exist), and a case in a
 * unit whose cases the actor may not read is not found.
 */
export async function resolveScope(
  db: Queryable,
  actor: Actor,
  filter: { unit?: string | undefined; case?: string | undefined },
): Promise<Scope> {
  authorize(actor, 'commitment.read');
  const readable = readableUnitIds(actor, 'commitment.read');
  const units = await listUnits(db, readable);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  let unitIds: string[] | null = readable;
  if (filter.unit) {
    const unit = units.find((u) => u.name === filter.unit);
    if (!unit) throw new AppError('not_found');
    unitIds = [unit.id];
  }
  let caseFound: Scope['caseFound'] = null;
  if (filter.case) {
    if (!can(actor, 'case.read')) throw new AppError('case_level_forbidden');
    const [found] = await listCaseSummaryIdsByRef(db, [filter.case]);
    if (
      !found ||
      (unitIds !== null && !unitIds.includes(found.unit_id)) ||
      !can(actor, 'case.read', { unitId: found.unit_id })
    )
      throw new AppError('not_found');
    caseFound = { id: found.id, unitId: found.unit_id };
  }
  return {
    unitIds,
    unitName: filter.unit ?? null,
    caseRef: filter.case ?? null,
    caseFound,
    unitNames,
    caseLevel: canReadCasesIn(actor, unitIds),
  };
}

/** A scope for the server's own figures (forecast, plans): every unit or the ones given. */
export function internalScope(unitIds: string[] | null): Scope {
  return {
    unitIds,
    unitName: null,
    caseRef: null,
    caseFound: null,
    unitNames: new Map(),
    caseLevel: false,
  };
}

/**
 * Records one read of case-level data for an answer that names cases or households: one row
 * per request, whatever the number of cases in it (`recordRead`), with the unit when the
 * answer is about one, and what was asked (`what`: checked query values, no free text).
 */
export async function recordCaseLevelRead(
  db: Queryable,
  actor: Actor,
  scope: Scope,
  objectType: string,
  what: Record<string, string | number | null>,
  requestId: string | undefined,
): Promise<void> {
  const unitId = scope.unitIds?.length === 1 ? (scope.unitIds[0] ?? null) : null;
  await recordRead(db, actor, { objectType, objectId: null, unitId }, requestId, what);
}

/** Loads the cases in scope that pay in `year` (or in any year from `fromYear` to `year`). */
export async function loadYear(
  db: Queryable,
  scope: Scope,
  year: number,
  fromYear = year,
): Promise<{ stored: StoredCase[]; rates: Map<string, Rate> }> {
  if (scope.unitIds && scope.unitIds.length === 0) return { stored: [], rates: new Map() };
  const [stored, rates] = await Promise.all([
    loadCases(db, {
      unitIds: scope.unitIds,
      paysBetween: { from: yearSpan(fromYear).from, to: yearSpan(year).to },
      ...(scope.caseRef ? { refs: [scope.caseRef] } : {}),
    }),
    listRates(db),
  ]);
  return { stored, rates: rateMapOf(rates) };
}

export const records = (stored: StoredCase[]): CaseRecord[] => stored.map((s) => s.record);

/** Keeps only the interventions whose category is in `group` (all when no group is given). */
export function inGroup(stored: StoredCase[], group: string | undefined): StoredCase[] {
  if (!group) return stored;
  const groups = CATEGORY_GROUPS as Record<string, string>;
  return stored.map((s) => ({
    ...s,
    record: {
      ...s.record,
      interventions: s.record.interventions.filter(
        (i) => (groups[i.category] ?? 'andet') === group,
      ),
    },
  }));
}

/** A statement's limit to providers: one kind (`ekstern`/`intern`), one provider by name, or both. */
export interface ProviderFilter {
  kind?: 'ekstern' | 'intern' | undefined;
  provider?: string | undefined;
}

/** Does the intervention's provider pass the filter (every provider when none is given)? */
export function providerMatches(
  provider: { name: string; external: boolean },
  filter: ProviderFilter,
): boolean {
  if (filter.kind && (provider.external ? 'ekstern' : 'intern') !== filter.kind) return false;
  return !filter.provider || provider.name === filter.provider;
}

/** Keeps only the interventions whose provider passes `filter`. */
export function ofProviders(stored: StoredCase[], filter: ProviderFilter): StoredCase[] {
  if (!filter.kind && !filter.provider) return stored;
  return stored.map((s) => ({
    ...s,
    record: {
      ...s.record,
      interventions: s.record.interventions.filter((i) => providerMatches(i.provider, filter)),
    },
  }));
}

export function caseLinks(stored: StoredCase[]): (refs: string[]) => { id: string; ref: string }[] {
  const ids = new Map(stored.map((s) => [s.record.ref, s.id]));
  return (refs) => refs.map((ref) => ({ id: ids.get(ref) ?? '', ref }));
}

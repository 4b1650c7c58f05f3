import type { Actor } from '../../domain/access';
import {
  ageBandOn,
  computeYear,
  correctionsBetween,
  grantIntervention,
  readCasesDocument,
  totalsByMonth,
  writeCasesDocument,
  type CaseRecord,
  type Rate,
} from '../../domain/cases';
import { toKroner } from '../../domain/money';
import { parseIsoDate, type IsoDate } from '../../domain/months';
import { recordAudit, recordRead } from '../../db/repositories/audit';
import {
  canonicalPayment,
  listCaseSummaries,
  listRates,
  loadCases,
  replaceInterventions,
  touchCase,
  upsertCases,
  upsertRates,
} from '../../db/repositories/cases';
import { insertCorrection, listCorrections } from '../../db/repositories/case-corrections';
import { listUnits } from '../../db/repositories/organisation';
import { correctionJson } from '../presenters/case-correction';
import type { ApprovalJson } from '../../shared/schemas/approvals';
import {
  caseRefWarnings,
  type CaseDetailJson,
  type CaseSummaryJson,
  type CasesDocument,
} from '../../shared/schemas/cases';
import type { AppDeps } from '../context';
import { AppError, type FieldIssue } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';
import { validationError } from '../validation';
import { translate } from '../../shared/i18n/translate';
import { versionConflict } from './audit-service';
import { holdImportedGrants, requestHeldGrants, requestIfCaught } from './approval-service';
import { monthTotalsJson } from './commitments/statements';
import { resolveProviders } from './provider-service';
import { todayIn } from '../context';
import type { FieldWarning } from '../../shared/schemas/text';
import type { PaymentJson } from '../../shared/schemas/cases';

/**
 * The date of a decision taken now: `text` (YYYY-MM-DD, not after `today`) or `today` itself.
 * A bad or future date is a 422 on the field `decidedOn`.
 */
export function decisionDate(text: string | null | undefined, today: IsoDate): IsoDate {
  if (text === null || text === undefined || text === '') return today;
  const date = parseIsoDate(text);
  if (!date)
    throw validationError([
      {
        path: 'decidedOn',
        code: 'invalid_date',
        message: translate('validation.invalid_date'),
      },
    ]);
  if (date > today)
    throw validationError([
      {
        path: 'decidedOn',
        code: 'future_date',
        message: translate('cases.problems.decidedInFuture'),
      },
    ]);
  return date;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rates: number;
  interventions: number;
  /** granted interventions imported as expected, held for approval or visitation */
  pendingApprovals: number;
  /** references that look like a person's name (imported all the same) */
  warnings: FieldWarning[];
}

/** A case as compared on import: equal JSON = nothing to change. */
function fingerprint(record: CaseRecord): string {
  return JSON.stringify({
    ...record,
    interventions: record.interventions.map((i) => ({
      ...i,
      payment: canonicalPayment(i.payment),
    })),
  });
}

/** What a rate says (its stored version is bookkeeping, not content). */
function rateFingerprint(rate: Rate): string {
  return JSON.stringify([
    rate.code,
    rate.name,
    rate.source,
    rate.periods.map((p) => [p.from, p.to, p.amountOre]),
  ]);
}

/** The issue of a case ref already in use (refs are unique in the municipality). */
export function refTakenIssue(path: string, ref: string): FieldIssue {
  return { path, code: 'duplicate_case', message: translate('cases.import.refTaken', { ref }) };
}

/** The reason of a correction made by the import (the case system's data changed). */
export const IMPORT_REASON = 'Ændret i sagssystemet og indlæst ved import af sager.';

/**
 * Imports a cases document, all or nothing: every problem is listed with its path and nothing
 * is stored. Cases are matched by ref and rates by code; a case in the document replaces the
 * stored case's interventions, and one whose content is unchanged is not touched, so
 * importing the same document twice changes nothing. Units are resolved by name, providers by
 * their name or a spelling mapped to them (an unknown provider is refused, never registered on
 * the way; its kind is the register's). A granted
 * intervention whose fields the document changes is recorded as a correction (`IMPORT_REASON`),
 * so movement and the case's history show it. A granted intervention an approval rule catches,
 * imported by someone who may not approve in the unit, is imported as expected and held for a
 * decision (`holdImportedGrants`), never refused.
 */
export async function importCases(
  deps: AppDeps,
  actor: Actor,
  document: CasesDocument,
  requestId: string,
): Promise<ImportResult> {
  authorize(actor, 'case.import');
  const { db } = deps;
  const storedRates = await listRates(db);
  const read = readCasesDocument(document, new Set(storedRates.map((r) => r.code)));
  if (!read.ok) throw validationError(read.issues);
  const units = await listUnits(db);
  const unitByName = new Map(units.map((u) => [u.name, u.id]));
  // each intervention names a registered provider (by its name or a mapped spelling)
  const providers = await resolveProviders(
    db,
    read.cases,
    (ci, ii) => `cases.${ci}.interventions.${ii}`,
  );
  const issues: FieldIssue[] = [...providers.issues];
  const documentRecords: CaseRecord[] = providers.cases.map((c, ci) => {
    const unitId = unitByName.get(c.unit);
    // a unit the importer may not import into is answered as one that does not exist, so the
    // answer tells nothing of other units' names
    if (!unitId || !can(actor, 'case.import', { unitId })) {
      issues.push({
        path: `cases.${ci}.unit`,
        code: 'unknown_unit',
        message: translate('cases.import.unknownUnit', { unit: c.unit }),
      });
    }
    return { ...c, unit: unitId ?? '' };
  });
  if (issues.length) throw validationError(issues);

  return db.transaction(async (tx) => {
    const existing = await loadCases(tx, { refs: documentRecords.map((r) => r.ref) });
    const byRef = new Map(existing.map((s) => [s.record.ref, s]));
    // a ref held by a unit the importer may not import into is answered as any taken ref is
    // (as creating the case by hand answers it): the answer names no unit and tells nothing of
    // the case, only that its ref is in use, which a municipality-wide ref cannot hide
    existing.forEach((s) => {
      if (!can(actor, 'case.import', { unitId: s.unitId })) {
        const ci = documentRecords.findIndex((r) => r.ref === s.record.ref);
        issues.push(refTakenIssue(`cases.${ci}.ref`, s.record.ref));
      }
    });
    if (issues.length) throw validationError(issues);
    const { records, held } = await holdImportedGrants(tx, actor, documentRecords, byRef);
    const changed = records.filter((r) => {
      const s = byRef.get(r.ref);
      return !s || fingerprint(s.record) !== fingerprint(r);
    });
    const storedByCode = new Map(storedRates.map((r) => [r.code, r]));
    const changedRates = read.rates.filter((r) => {
      const s = storedByCode.get(r.code);
      return !s || rateFingerprint(s) !== rateFingerprint(r);
    });
    await upsertRates(tx, changedRates, deps.now());
    const ids = await upsertCases(tx, changed, deps.now());
    await replaceInterventions(
      tx,
      changed.map((r) => ({ caseId: ids.get(r.ref) ?? '', interventions: r.interventions })),
    );
    const created = changed.filter((r) => !byRef.has(r.ref));
    const updated = changed.filter((r) => byRef.has(r.ref));
    // a granted intervention whose data the case system changed is corrected by the import
    const today = todayIn(deps);
    const canonical = (r: CaseRecord): CaseRecord => ({
      ...r,
      interventions: r.interventions.map((i) => ({ ...i, payment: canonicalPayment(i.payment) })),
    });
    const corrected: string[] = [];
    for (const r of updated) {
      const s = byRef.get(r.ref);
      if (!s) continue;
      for (const c of correctionsBetween(canonical(s.record), canonical(r))) {
        await insertCorrection(tx, {
          caseId: s.id,
          interventionRef: c.interventionRef,
          correctedOn: today,
          reason: IMPORT_REASON,
          by: actor.username,
          at: deps.now(),
          before: c.before,
          after: c.after,
        });
        corrected.push(`${r.ref}/${c.interventionRef}`);
      }
    }
    const result: ImportResult = {
      created: created.length,
      updated: updated.length,
      unchanged: records.length - changed.length,
      rates: changedRates.length,
      interventions: changed.reduce((s, r) => s + r.interventions.length, 0),
      pendingApprovals: held.length,
      warnings: caseRefWarnings(document.cases),
    };
    await requestHeldGrants(
      tx,
      deps,
      actor,
      held,
      new Map(
        records.map((r) => [
          r.ref,
          { id: ids.get(r.ref) ?? byRef.get(r.ref)?.id ?? '', unitId: r.unit },
        ]),
      ),
      requestId,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.import',
        objectType: 'case',
        after: {
          ...result,
          warnings: result.warnings.map((w) => w.path),
          createdRefs: created.map((r) => r.ref),
          updatedRefs: updated.map((r) => r.ref),
          correctedRefs: corrected,
          heldRefs: held.map((h) => `${h.caseRef}/${h.ref}`),
          rateCodes: changedRates.map((r) => r.code),
        },
      },
      requestId,
    );
    return result;
  });
}

/** Exports the cases the actor may read (optionally one unit's, by name) in the cases format. */
export async function exportCases(
  deps: AppDeps,
  actor: Actor,
  params: { unit?: string | undefined },
  requestId: string,
): Promise<ReturnType<typeof writeCasesDocument>> {
  authorize(actor, 'case.read');
  const { db } = deps;
  const readable = readableUnitIds(actor, 'case.read');
  const units = await listUnits(db, readable);
  let unitIds = readable;
  if (params.unit) {
    const unit = units.find((u) => u.name === params.unit);
    if (!unit) throw new AppError('not_found');
    unitIds = [unit.id];
  }
  const names = new Map(units.map((u) => [u.id, u.name]));
  const stored = unitIds && unitIds.length === 0 ? [] : await loadCases(db, { unitIds });
  await recordRead(
    db,
    actor,
    {
      objectType: 'case.export',
      objectId: null,
      unitId: unitIds?.length === 1 ? (unitIds[0] ?? null) : null,
    },
    requestId,
  );
  return writeCasesDocument(
    stored.map((s) => ({ ...s.record, unit: names.get(s.unitId) ?? s.unitName })),
    await listRates(db),
  );
}

/** A page of the cases the actor may read. */
export async function listCases(
  deps: AppDeps,
  actor: Actor,
  params: { unit?: string | undefined; q?: string | undefined; limit: number; offset: number },
  requestId?: string,
): Promise<{ total: number; cases: CaseSummaryJson[] }> {
  authorize(actor, 'case.read');
  const { db } = deps;
  const readable = readableUnitIds(actor, 'case.read');
  let unitIds = readable;
  if (params.unit) {
    const unit = (await listUnits(db, readable)).find((u) => u.name === params.unit);
    if (!unit) throw new AppError('not_found');
    unitIds = [unit.id];
  }
  const today = todayIn(deps);
  if (unitIds && unitIds.length === 0) return { total: 0, cases: [] };
  // a list of cases is logged as one read with its unit (null = several units)
  await recordRead(
    db,
    actor,
    {
      objectType: 'case',
      objectId: null,
      unitId: unitIds?.length === 1 ? (unitIds[0] ?? null) : null,
    },
    requestId,
  );
  const page = await listCaseSummaries(db, {
    unitIds,
    ...(params.q ? { search: params.q } : {}),
    onDate: today,
    limit: params.limit,
    offset: params.offset,
  });
  return {
    total: page.total,
    cases: page.rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      household: r.household_ref,
      unit: { id: r.unit_id, name: r.unit_name },
      person: r.person_ref,
      ageBand: ageBandOn(r.birth_date as IsoDate | null, today),
      interventions: r.interventions,
      active: r.active,
    })),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One case with its interventions and its cost by month in `year`; the read is logged. */
export async function getCase(
  deps: AppDeps,
  actor: Actor,
  id: string,
  year: number,
  requestId: string,
): Promise<CaseDetailJson> {
  const { db } = deps;
  if (!UUID.test(id)) throw new AppError('not_found');
  const [stored] = await loadCases(db, { ids: [id] });
  if (!stored) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'case.read', 'case.read', { unitId: stored.unitId });
  await recordRead(
    db,
    actor,
    { objectType: 'case', objectId: id, unitId: stored.unitId },
    requestId,
  );
  const rates = new Map((await listRates(db)).map((r) => [r.code, r]));
  const corrections = await listCorrections(db, { caseIds: [stored.id] });
  const computed = computeYear([stored.record], rates, { year, asOf: null });
  const t = totalsByMonth(computed.interventions);
  const byRef = new Map(computed.interventions.map((i) => [i.intervention.ref, i]));
  const r = stored.record;
  return {
    id: stored.id,
    ref: r.ref,
    household: r.household,
    unit: { id: stored.unitId, name: stored.unitName },
    person: {
      ref: r.person.ref,
      birthDate: r.person.birthDate,
      ageBand: ageBandOn(r.person.birthDate, todayIn(deps)),
    },
    version: stored.version,
    canWrite: can(actor, 'case.write', { unitId: stored.unitId }),
    canCorrect: can(actor, 'case.correct', { unitId: stored.unitId }),
    corrections: corrections.map(correctionJson),
    year,
    expected: monthTotalsJson(t.expected),
    granted: monthTotalsJson(t.granted),
    interventions: r.interventions.map((i) => ({
      ref: i.ref,
      kind: i.kind,
      // as decided by now: a later grant or ending shows here, its history below
      status: byRef.get(i.ref)?.intervention.status ?? i.status,
      modifies: i.modifies,
      decidedOn: i.decidedOn,
      category: i.category,
      paragraph: i.paragraph,
      provider: i.provider,
      accountFunction: i.accountFunction,
      startDate: i.startDate,
      endDate: byRef.get(i.ref)?.intervention.endDate ?? i.endDate,
      decidedEndDate: i.endDate,
      grantedOn: i.grantedOn ?? (i.status === 'granted' ? i.decidedOn : null),
      endings: (i.endings ?? []).map((e) => ({ ...e })),
      withdrawn: (i.endings ?? []).some((e) => e.removed),
      followOn: i.followOn,
      payment: writeCasesDocument([{ ...r, interventions: [i] }], []).cases[0]?.interventions[0]
        ?.payment as PaymentJson,
      expected: toKroner(byRef.get(i.ref)?.expectedOre ?? (0 as never)),
      granted: toKroner(byRef.get(i.ref)?.grantedOre ?? (0 as never)),
    })),
  };
}

/**
 * Grants an expected intervention (rule 4) by a decision dated `decidedOn` (default today in
 * Copenhagen; never in the future, never before the intervention was decided): it is granted
 * from that day, and the intervention it adjusts ends the day before it starts (or is removed
 * when it starts on or before the original) by an ending dated the same day. Statements as of
 * earlier dates do not change.
 */
export async function grantCaseIntervention(
  deps: AppDeps,
  actor: Actor,
  params: { caseId: string; ref: string; version: number; decidedOn?: string | null | undefined },
  requestId: string,
): Promise<
  | { granted: true; version: number; ended: string | null; removed: string | null }
  | { granted: false; approval: ApprovalJson }
> {
  const { db } = deps;
  if (!UUID.test(params.caseId)) throw new AppError('not_found');
  const today = todayIn(deps);
  const grantedOn = decisionDate(params.decidedOn, today);
  return db.transaction(async (tx) => {
    const [stored] = await loadCases(tx, { ids: [params.caseId] });
    if (!stored) throw new AppError('not_found');
    authorizeOrNotFound(actor, 'case.write', 'case.read', { unitId: stored.unitId });
    const result = grantIntervention(stored.record, params.ref, grantedOn);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new AppError('not_found');
      if (result.reason === 'before_decided')
        throw validationError([
          {
            path: 'decidedOn',
            code: 'before_decided',
            message: translate('cases.problems.grantedBeforeDecided'),
          },
        ]);
      throw new AppError('case_not_expected', { ref: params.ref });
    }
    if (stored.version !== params.version)
      throw await versionConflict(
        tx,
        'case',
        stored.id,
        translate('objects.case', { ref: stored.record.ref }),
      );
    // a grant that an approval rule catches waits for its decision (never granted silently)
    const approval = await requestIfCaught(tx, deps, actor, stored, params.ref, requestId);
    if (approval) return { granted: false as const, approval };
    if (!(await touchCase(tx, stored.id, params.version, deps.now()))) {
      throw await versionConflict(
        tx,
        'case',
        stored.id,
        translate('objects.case', { ref: stored.record.ref }),
      );
    }
    await replaceInterventions(tx, [
      { caseId: stored.id, interventions: result.record.interventions },
    ]);
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.grant',
        objectType: 'case',
        objectId: stored.id,
        unitId: stored.unitId,
        before: stored.record.interventions.filter((i) =>
          [params.ref, result.endedRef, result.removedRef].includes(i.ref),
        ),
        after: result.record.interventions.filter((i) =>
          [params.ref, result.endedRef, result.removedRef].includes(i.ref),
        ),
      },
      requestId,
    );
    return {
      granted: true as const,
      version: stored.version + 1,
      ended: result.endedRef,
      removed: result.removedRef,
    };
  });
}

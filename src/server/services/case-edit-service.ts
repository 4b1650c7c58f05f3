import type { Actor } from '../../domain/access';
import {
  CASES_FORMAT,
  deleteProblem,
  editProblem,
  nextInterventionRef,
  readCasesDocument,
  withoutIntervention,
  writeCasesDocument,
  type CaseRecord,
  type RawCase,
  type RawIntervention,
} from '../../domain/cases';
import { recordAudit } from '../../db/repositories/audit';
import {
  listRates,
  loadCases,
  replaceInterventions,
  touchCase,
  upsertCases,
  type StoredCase,
} from '../../db/repositories/cases';
import { listUnits } from '../../db/repositories/organisation';
import type { Queryable } from '../../db/database';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound } from '../policies/policy';
import { validationError } from '../validation';
import { resolveProviders } from './provider-service';
import { versionConflict } from './audit-service';
import { refTakenIssue } from './case-service';
import { caseRefWarnings } from '../../shared/schemas/cases';
import type { FieldWarning } from '../../shared/schemas/text';
import { translate } from '../../shared/i18n/translate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new case as a caseworker registers it: references only, no CPR number, no names. */
export interface NewCaseInput {
  ref: string;
  household: string;
  unitId: string;
  person: { ref: string; birthDate?: string | null | undefined };
}

/** An intervention as entered: the format's fields; status draft or expected; ref optional. */
export type InterventionInput = Omit<RawIntervention, 'ref' | 'status'> & {
  ref?: string | null | undefined;
  status: 'draft' | 'expected';
};

/**
 * Checks a case with the import's rules (`readCasesDocument`), so the same Danish messages
 * come back; paths of the intervention `focus` (its index) start with `intervention.`, the
 * case's own fields are named without the `cases.0.` prefix.
 */
export async function readOne(
  db: Queryable,
  raw: RawCase,
  focus: number | null,
): Promise<CaseRecord> {
  const rates = await listRates(db);
  const read = readCasesDocument(
    { format: CASES_FORMAT, cases: [raw] },
    new Set(rates.map((r) => r.code)),
    { entered: focus === null ? null : { case: 0, intervention: focus } },
  );
  if (!read.ok) {
    throw validationError(
      read.issues.map((i) => ({
        ...i,
        path:
          focus !== null && i.path.startsWith(`cases.0.interventions.${focus}.`)
            ? `intervention.${i.path.slice(`cases.0.interventions.${focus}.`.length)}`
            : i.path.replace(/^cases\.0\./, ''),
      })),
    );
  }
  // the provider is one of the register's, by name (its kind is the register's)
  const resolved = await resolveProviders(db, read.cases, (_, ii) =>
    focus === ii ? 'intervention' : `interventions.${ii}`,
  );
  if (resolved.issues.length) throw validationError(resolved.issues);
  const [record] = resolved.cases;
  if (!record) throw new AppError('not_found');
  return record;
}

export function rawOf(stored: StoredCase): RawCase {
  const [raw] = writeCasesDocument([stored.record], []).cases;
  if (!raw) throw new AppError('not_found');
  return raw;
}

async function loadForWrite(tx: Queryable, actor: Actor, caseId: string): Promise<StoredCase> {
  if (!UUID.test(caseId)) throw new AppError('not_found');
  const [stored] = await loadCases(tx, { ids: [caseId] });
  if (!stored) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'case.write', 'case.read', { unitId: stored.unitId });
  return stored;
}

async function bumpVersion(
  tx: Queryable,
  stored: StoredCase,
  version: number,
  at: Date,
): Promise<void> {
  if (!(await touchCase(tx, stored.id, version, at))) {
    throw await versionConflict(
      tx,
      'case',
      stored.id,
      translate('objects.case', { ref: stored.record.ref }),
    );
  }
}

function lockedError(problem: 'not_found' | 'granted' | 'adjusted', ref: string): AppError {
  if (problem === 'not_found') return new AppError('not_found');
  return new AppError(
    problem === 'granted' ? 'case_intervention_granted' : 'case_intervention_adjusted',
    {
      ref,
    },
  );
}

/**
 * Registers a case in a unit the actor may write in; the reference must be new. References
 * that look like a person's name are stored all the same, with warnings in the answer.
 */
export async function createCase(
  deps: AppDeps,
  actor: Actor,
  input: NewCaseInput,
  requestId: string,
): Promise<{ id: string; version: number; warnings: FieldWarning[] }> {
  authorize(actor, 'case.write');
  const { db } = deps;
  const units = await listUnits(db);
  const unit = units.find((u) => u.id === input.unitId);
  if (!unit) {
    throw validationError([
      { path: 'unitId', code: 'unknown_unit', message: translate('cases.problems.unknownUnit') },
    ]);
  }
  authorize(actor, 'case.write', { unitId: unit.id });
  const record = await readOne(
    db,
    {
      ref: input.ref.trim(),
      household: input.household.trim(),
      unit: unit.name,
      person: { ref: input.person.ref.trim(), birthDate: input.person.birthDate || null },
      interventions: [],
    },
    null,
  );
  return db.transaction(async (tx) => {
    const existing = await loadCases(tx, { refs: [record.ref] });
    if (existing.length) throw validationError([refTakenIssue('ref', record.ref)]);
    const ids = await upsertCases(tx, [{ ...record, unit: unit.id }], deps.now());
    const id = ids.get(record.ref) ?? '';
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.create',
        objectType: 'case',
        objectId: id,
        unitId: unit.id,
        after: { ...record, unit: unit.name },
      },
      requestId,
    );
    const warnings = caseRefWarnings([record], () => '');
    return { id, version: 1, warnings };
  });
}

/**
 * Adds an intervention (draft or expected) to a case. An expected intervention that modifies
 * a granted one is how a decision is changed: it counts in the expected cost at once.
 */
export async function addCaseIntervention(
  deps: AppDeps,
  actor: Actor,
  params: { caseId: string; version: number; intervention: InterventionInput },
  requestId: string,
): Promise<{ version: number; ref: string }> {
  return deps.db.transaction(async (tx) => {
    const stored = await loadForWrite(tx, actor, params.caseId);
    const raw = rawOf(stored);
    const ref = params.intervention.ref?.trim() || nextInterventionRef(stored.record);
    const entered: RawIntervention = { ...params.intervention, ref };
    const record = await readOne(
      tx,
      { ...raw, interventions: [...raw.interventions, entered] },
      raw.interventions.length,
    );
    await bumpVersion(tx, stored, params.version, deps.now());
    await replaceInterventions(tx, [{ caseId: stored.id, interventions: record.interventions }]);
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.intervention.create',
        objectType: 'case',
        objectId: stored.id,
        unitId: stored.unitId,
        after: record.interventions.find((i) => i.ref === ref),
      },
      requestId,
    );
    return { version: stored.version + 1, ref };
  });
}

/** Changes a draft or expected intervention in place; a granted one is changed by adjustment. */
export async function updateCaseIntervention(
  deps: AppDeps,
  actor: Actor,
  params: { caseId: string; ref: string; version: number; intervention: InterventionInput },
  requestId: string,
): Promise<{ version: number }> {
  return deps.db.transaction(async (tx) => {
    const stored = await loadForWrite(tx, actor, params.caseId);
    const problem = editProblem(stored.record, params.ref);
    if (problem) throw lockedError(problem, params.ref);
    const raw = rawOf(stored);
    const index = raw.interventions.findIndex((i) => i.ref === params.ref);
    // what was decided later about it (a grant date, endings) is not the form's to change
    const interventions = raw.interventions.map((i, k) =>
      k === index
        ? { ...params.intervention, ref: params.ref, grantedOn: i.grantedOn, endings: i.endings }
        : i,
    );
    const record = await readOne(tx, { ...raw, interventions }, index);
    await bumpVersion(tx, stored, params.version, deps.now());
    await replaceInterventions(tx, [{ caseId: stored.id, interventions: record.interventions }]);
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.intervention.update',
        objectType: 'case',
        objectId: stored.id,
        unitId: stored.unitId,
        before: stored.record.interventions[index],
        after: record.interventions[index],
      },
      requestId,
    );
    return { version: stored.version + 1 };
  });
}

/** Deletes a draft or expected intervention that no other intervention adjusts. */
export async function deleteCaseIntervention(
  deps: AppDeps,
  actor: Actor,
  params: { caseId: string; ref: string; version: number },
  requestId: string,
): Promise<{ version: number }> {
  return deps.db.transaction(async (tx) => {
    const stored = await loadForWrite(tx, actor, params.caseId);
    const problem = deleteProblem(stored.record, params.ref);
    if (problem) throw lockedError(problem, params.ref);
    await bumpVersion(tx, stored, params.version, deps.now());
    const record = withoutIntervention(stored.record, params.ref);
    await replaceInterventions(tx, [{ caseId: stored.id, interventions: record.interventions }]);
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.intervention.delete',
        objectType: 'case',
        objectId: stored.id,
        unitId: stored.unitId,
        before: stored.record.interventions.find((i) => i.ref === params.ref),
      },
      requestId,
    );
    return { version: stored.version + 1 };
  });
}

import type { Actor } from '../../domain/access';
import { correctIntervention, correctedFields, type RawIntervention } from '../../domain/cases';
import { recordAudit } from '../../db/repositories/audit';
import { insertCorrection } from '../../db/repositories/case-corrections';
import { loadCases, replaceInterventions, touchCase } from '../../db/repositories/cases';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorizeOrNotFound } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';
import { rawOf, readOne } from './case-edit-service';
import { todayIn } from '../context';
import { translate } from '../../shared/i18n/translate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A granted intervention's fields as they should have been typed (the format's, in kroner). */
export type CorrectionInput = Omit<
  RawIntervention,
  'ref' | 'status' | 'modifies' | 'grantedOn' | 'endings'
>;

/**
 * Corrects wrong data in a granted intervention (docs/formats.md, "Corrections of wrong
 * data"): not a decision but a fix of the record, so it changes the intervention's fields for
 * every as-of date. It needs `case.correct` in the case's unit and a reason; the corrected case
 * is checked with the import's rules (paths `intervention.…`); the correction is stored with
 * the fields before and after, who and the day (Copenhagen), and audited as `case.correct`, all
 * in one transaction with the case's version (409 on a stale one).
 */
export async function correctCaseIntervention(
  deps: AppDeps,
  actor: Actor,
  params: {
    caseId: string;
    ref: string;
    version: number;
    reason: string;
    intervention: CorrectionInput;
  },
  requestId: string,
): Promise<{ version: number; correction: string }> {
  if (!UUID.test(params.caseId)) throw new AppError('not_found');
  const reason = params.reason.trim();
  if (!reason)
    throw validationError([
      { path: 'reason', code: 'required', message: translate('cases.problems.correctionReason') },
    ]);
  const today = todayIn(deps);
  return deps.db.transaction(async (tx) => {
    const [stored] = await loadCases(tx, { ids: [params.caseId] });
    if (!stored) throw new AppError('not_found');
    authorizeOrNotFound(actor, 'case.correct', 'case.read', { unitId: stored.unitId });
    // a correction made on a stale page corrects what someone else may already have changed
    if (stored.version !== params.version)
      throw await versionConflict(
        tx,
        'case',
        stored.id,
        translate('objects.case', { ref: stored.record.ref }),
      );
    const raw = rawOf(stored);
    const index = raw.interventions.findIndex((i) => i.ref === params.ref);
    const current = raw.interventions[index];
    if (!current) throw new AppError('not_found');
    if (current.status !== 'granted') throw new AppError('case_not_granted', { ref: params.ref });
    // the ref, status, the intervention it adjusts and later decisions are not a correction's
    const entered: RawIntervention = {
      ...params.intervention,
      ref: current.ref,
      status: current.status,
      modifies: current.modifies ?? null,
      grantedOn: current.grantedOn ?? null,
      endings: current.endings ?? null,
    };
    const checked = await readOne(
      tx,
      { ...raw, interventions: raw.interventions.map((i, k) => (k === index ? entered : i)) },
      index,
    );
    const fields = checked.interventions[index];
    if (!fields) throw new AppError('not_found');
    // what was decided cannot have been decided after today
    if (fields.decidedOn > today)
      throw validationError([
        {
          path: 'intervention.decidedOn',
          code: 'future_date',
          message: translate('cases.problems.decidedInFuture'),
        },
      ]);
    const result = correctIntervention(stored.record, params.ref, correctedFields(fields));
    if (!result.ok) {
      if (result.reason === 'unchanged')
        throw validationError([
          {
            path: 'intervention',
            code: 'unchanged',
            message: translate('cases.problems.correctionUnchanged'),
          },
        ]);
      if (result.reason === 'not_granted')
        throw new AppError('case_not_granted', { ref: params.ref });
      throw new AppError('not_found');
    }
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
    const before = correctedFields(result.before);
    const after = correctedFields(result.after);
    const id = await insertCorrection(tx, {
      caseId: stored.id,
      interventionRef: params.ref,
      correctedOn: today,
      reason,
      by: actor.username,
      at: deps.now(),
      before,
      after,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.correct',
        objectType: 'case',
        objectId: stored.id,
        unitId: stored.unitId,
        before: { ref: params.ref, ...before },
        // the reason lives in the correction (`correction` is its id)
        after: { ref: params.ref, ...after, correction: id },
      },
      requestId,
    );
    return { version: stored.version + 1, correction: id };
  });
}

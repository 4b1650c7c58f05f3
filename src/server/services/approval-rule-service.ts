import type { Actor } from '../../domain/access';
import type { IsoDate } from '../../domain/months';
import { ruleParamProblems, type ApprovalRuleId } from '../../domain/governance/approvals';
import { recordAudit } from '../../db/repositories/audit';
import { listRules, saveRule, type ApprovalRuleRow } from '../../db/repositories/approvals';
import type { ApprovalRuleInputJson, ApprovalRuleJson } from '../../shared/schemas/approvals';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize } from '../policies/policy';
import { validationError } from '../validation';
import { translate } from '../../shared/i18n/translate';
import { danishMoment } from './action-plan-service';

function present(r: ApprovalRuleRow): ApprovalRuleJson {
  return {
    id: r.id,
    kind: r.kind,
    enabled: r.enabled,
    params: r.params,
    effectiveFrom: r.effectiveFrom,
    version: r.version,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

/** The approval rules in their order (anyone who may read the organisation may read them). */
export async function listRulesJson(deps: AppDeps, actor: Actor): Promise<ApprovalRuleJson[]> {
  authorize(actor, 'organisation.read');
  return (await listRules(deps.db)).map(present);
}

/**
 * An administrator switches a rule on or off, sets its parameters (checked per rule) and the day
 * it takes effect (unchanged when not given); 409 on a stale version; audited with before and
 * after. Grants already requested keep their request.
 */
export async function updateRule(
  deps: AppDeps,
  actor: Actor,
  id: ApprovalRuleId,
  input: ApprovalRuleInputJson,
  requestId: string,
): Promise<ApprovalRuleJson> {
  authorize(actor, 'settings.write');
  const problems = ruleParamProblems(id, input.params);
  if (problems.length)
    throw validationError(
      problems.map((p) => ({
        path: p.path,
        code: p.code,
        message: translate(`approvals.rules.problems.${p.code}`),
      })),
    );
  const params =
    id === 'household_several'
      ? { maxMeasures: input.params.maxMeasures }
      : { categories: [...new Set(input.params.categories as string[])] };
  await deps.db.transaction(async (tx) => {
    const before = (await listRules(tx)).find((r) => r.id === id);
    if (!before) throw new AppError('not_found');
    const effectiveFrom = (input.effectiveFrom as IsoDate | undefined) ?? before.effectiveFrom;
    const saved = await saveRule(tx, id, input.version, {
      enabled: input.enabled,
      params,
      effectiveFrom,
      by: actor.username,
      at: deps.now(),
    });
    if (!saved)
      throw new AppError(
        'version_conflict',
        {
          object: translate('objects.rule'),
          user: before.updatedBy,
          at: danishMoment(before.updatedAt),
        },
        [],
        {
          currentVersion: before.version,
          changedBy: before.updatedBy,
          changedAt: before.updatedAt,
        },
      );
    await recordAudit(
      tx,
      actor,
      {
        action: 'approval_rule.update',
        objectType: 'approval_rule',
        objectId: null,
        before: {
          id,
          enabled: before.enabled,
          params: before.params,
          effectiveFrom: before.effectiveFrom,
        },
        after: { id, enabled: input.enabled, params, effectiveFrom },
      },
      requestId,
    );
  });
  const rule = (await listRules(deps.db)).find((r) => r.id === id);
  if (!rule) throw new AppError('not_found');
  return present(rule);
}

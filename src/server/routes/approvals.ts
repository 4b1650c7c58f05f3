import { createRoute, z } from '@hono/zod-openapi';
import { APPROVAL_RULE_IDS } from '../../domain/governance/approvals';
import {
  ApprovalDecisionInput,
  ApprovalRuleInput,
  ApprovalRuleSchema,
  ApprovalSchema,
} from '../../shared/schemas/approvals';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import { decideApproval, getApproval, listApprovals } from '../services/approval-service';
import { listRulesJson, updateRule } from '../services/approval-rule-service';
import { mustBeOneOf } from '../errors';
import { translate } from '../../shared/i18n/translate';

const list = createRoute({
  method: 'get',
  path: '/approvals',
  tags: ['Approvals'],
  summary:
    'Approvals: status=pending alone is what the caller may decide; mine=true the caller’s own requests; caseId one case’s approvals',
  request: {
    query: z.object({
      status: z
        .enum(['pending', 'approved', 'rejected', 'all'], {
          error: mustBeOneOf(['pending', 'approved', 'rejected', 'all']),
        })
        .optional(),
      caseId: z.string().optional(),
      mine: z.enum(['true', 'false'], { error: mustBeOneOf(['true', 'false']) }).optional(),
    }),
  },
  responses: {
    200: jsonAnswer('Godkendelser', z.object({ items: z.array(ApprovalSchema) })),
    ...problemResponses(401, 403, 422),
  },
});
const one = createRoute({
  method: 'get',
  path: '/approvals/{id}',
  tags: ['Approvals'],
  summary: 'One approval',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: jsonAnswer('Godkendelsen', ApprovalSchema),
    ...problemResponses(401, 403, 404),
  },
});
const decide = createRoute({
  method: 'post',
  path: '/approvals/{id}/decision',
  tags: ['Approvals'],
  summary:
    'Approve (grants the intervention from today) or reject (refuses it from today) with a reason; never one’s own request; 404 outside the caller’s units (audited)',
  request: {
    params: z.object({ id: z.string() }),
    body: jsonBody(ApprovalDecisionInput),
  },
  responses: {
    200: jsonAnswer('Afgjort', ApprovalSchema),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});
const rules = createRoute({
  method: 'get',
  path: '/approval-rules',
  tags: ['Approvals'],
  summary: 'The approval rules (godkendelsesregler) with their switches and parameters',
  responses: {
    200: jsonAnswer('Regler', z.object({ items: z.array(ApprovalRuleSchema) })),
    ...problemResponses(401, 403),
  },
});
const saveRule = createRoute({
  method: 'put',
  path: '/approval-rules/{id}',
  tags: ['Approvals'],
  summary:
    'Switch a rule on or off and set its parameters (administrator; 409 when stale; audited)',
  request: {
    params: z.object({
      id: z.enum(APPROVAL_RULE_IDS, { error: translate('validation.unknownRule') }),
    }),
    body: jsonBody(ApprovalRuleInput),
  },
  responses: {
    200: jsonAnswer('Gemt', ApprovalRuleSchema),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

export const approvalRoutes = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const items = await listApprovals(c.get('deps'), requireActor(c), {
      ...(q.status ? { status: q.status } : {}),
      ...(q.caseId ? { caseId: q.caseId } : {}),
      mine: q.mine === 'true',
    });
    return c.json({ items }, 200);
  })
  .openapi(one, async (c) =>
    c.json(await getApproval(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(decide, async (c) =>
    c.json(
      await decideApproval(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('requestId'),
      ),
      200,
    ),
  )
  .openapi(rules, async (c) =>
    c.json({ items: await listRulesJson(c.get('deps'), requireActor(c)) }, 200),
  )
  .openapi(saveRule, async (c) =>
    c.json(
      await updateRule(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('requestId'),
      ),
      200,
    ),
  );

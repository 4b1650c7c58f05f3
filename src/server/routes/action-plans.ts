import { createRoute, z } from '@hono/zod-openapi';
import type { z as zod } from 'zod';
import { PLAN_STATUSES } from '../../domain/action-plan';
import { ore, toKroner, type Ore } from '../../domain/money';
import {
  ActionPlanDocumentSchema,
  ActionPlanStatusSchema,
  ActionPlanUpdateSchema,
  DraftRequestSchema,
  ExpectedOverspendSchema,
  RealisationSchema,
  describeField,
  documentToPlan,
  planToDocument,
  type ActionPlanDocument,
} from '../../shared/schemas/action-plan';
import { oreFromKroner } from '../../domain/money';
import { requireActor } from '../middleware/require-actor';
import {
  createRouter,
  fileAnswer,
  fileContent,
  IdParam,
  jsonAnswer,
  jsonBody,
  jsonText,
  problemResponses,
} from '../openapi';
import {
  presentChange,
  presentListItem,
  presentMeasurement,
  presentPlan,
  presentVersion,
} from '../presenters/action-plan';
import {
  changeActionPlanStatus,
  compareActionPlanVersions,
  createActionPlan,
  createDraftForUnit,
  getActionPlanVersion,
  listActionPlans,
  listActionPlanVersions,
  readActionPlanJson,
  readPlanForecastNow,
  recordRealisedEffect,
  updateActionPlan,
} from '../services/action-plan-service';
import { EXPORT_FORMATS, exportActionPlan } from '../services/action-plan-export-service';
import { readActsOnOptions, readMeasuredEffect } from '../services/plan-measurement-service';
import { listRequiredPlans, setExpectedOverspend } from '../services/action-plan-trigger-service';
import { fieldIssuesFromZod, validationError } from '../validation';
import {
  ActionPlanCompareSchema,
  ActionPlanDocumentOutSchema,
  ActionPlanListItemSchema,
  ActionPlanResponseSchema,
  ActionPlanVersionItemSchema,
  ActionPlanVersionSchema,
  ActsOnOptionsSchema,
  PlanMeasurementSchema,
} from '../../shared/schemas/action-plan-answers';
import { RequiredPlansSchema } from '../../shared/schemas/action-plan-required';
import { IsoDateText } from '../../shared/schemas/dates';
import { mustBeOneOf } from '../errors';
import { translate } from '../../shared/i18n/translate';

/**
 * Bad input names the field in Danish: "Indsatsområde i række 1, økonomisk effekt: Skal have
 * præcis 12 måneder", with the document path (`areas.0.monthlyEffect`) beside it.
 */
function planHook(result: { success: true } | { success: false; error: zod.ZodError }): undefined {
  if (result.success) return undefined;
  throw validationError(
    fieldIssuesFromZod(result.error).map((issue) => ({
      ...issue,
      message:
        issue.path === '(dokument)'
          ? issue.message
          : `${describeField(issue.path)}: ${issue.message}`,
    })),
  );
}

const tags = ['Action plans'];

const PlanResponse = ActionPlanResponseSchema;

const UnitParam = z.object({
  unitId: z.string().openapi({ param: { name: 'unitId', in: 'path' } }),
});
const yearQuery = z.coerce
  .number({ error: translate('validation.year') })
  .int(translate('validation.year'))
  .min(2000, translate('validation.yearBetween', { min: 2000, max: 2100 }))
  .max(2100, translate('validation.yearBetween', { min: 2000, max: 2100 }));

const list = createRoute({
  method: 'get',
  path: '/action-plans',
  tags,
  summary: 'Action plans in the units the user may read',
  request: {
    query: z.object({
      year: yearQuery.optional(),
      status: z.enum(['draft', 'active', 'closed']).optional(),
      unitId: z.string().uuid(translate('validation.unitId')).optional(),
    }),
  },
  responses: {
    200: jsonAnswer('Handleplaner', z.object({ items: z.array(ActionPlanListItemSchema) })),
    ...problemResponses(401, 422),
  },
});

const create = createRoute({
  method: 'post',
  path: '/action-plans',
  tags,
  summary: 'Create or import a plan from an interchange document (a draft, version 1)',
  description:
    'The unit is `unitId` (query) when given, else the unit whose name is `unit.name`, else the user’s only unit.',
  request: {
    query: z.object({ unitId: z.string().optional() }),
    body: jsonBody(ActionPlanDocumentSchema),
  },
  responses: {
    201: jsonAnswer('Handleplanen er oprettet', PlanResponse),
    ...problemResponses(400, 401, 403, 422),
  },
});

const required = createRoute({
  method: 'get',
  path: '/action-plans/required',
  tags,
  summary:
    'Units whose expected overspend for the year is above the threshold (handleplan påkrævet)',
  description:
    'A unit’s expected overspend comes from the forecast (forecast − corrected budget as of `asOf`, default the end of the last closed month) when the unit has a budget for the year (`source: "forecast"`), otherwise from the figure entered by hand (`source: "manual"`).',
  request: {
    query: z.object({
      year: yearQuery,
      asOf: IsoDateText.optional(),
    }),
  },
  responses: {
    200: jsonAnswer('Enheder med handleplan påkrævet', RequiredPlansSchema),
    ...problemResponses(401, 422),
  },
});

const read = createRoute({
  method: 'get',
  path: '/action-plans/{id}',
  tags,
  summary: 'One plan with totals, issues and realisation',
  request: { params: IdParam },
  responses: { 200: jsonAnswer('Handleplanen', PlanResponse), ...problemResponses(401, 404) },
});

const forecastNow = createRoute({
  method: 'get',
  path: '/action-plans/{id}/forecast',
  tags,
  summary: "The unit's forecast now beside the plan, and what the plan leaves of the overspend",
  request: { params: IdParam },
  responses: {
    200: jsonAnswer(
      'Prognosen nu og det, der er tilbage at dække (kroner)',
      z
        .object({
          asOf: z.string(),
          source: z.enum(['forecast', 'manual']).nullable(),
          forecastOverspend: z.number().nullable(),
          plannedEffectAfter: z.number(),
          remaining: z.number().nullable(),
        })
        .openapi('ActionPlanForecastNow'),
    ),
    ...problemResponses(401, 404),
  },
});

const measured = createRoute({
  method: 'get',
  path: '/action-plans/{id}/measured',
  tags,
  summary: 'Realised effect of the areas that name what they act on, measured from the commitments',
  description:
    'Per area that acts on a category group, provider kind, account function or the unit: the committed cost per month of its scope (the plan’s unit ∩ what it acts on) as of the plan’s start (`baseline`) and as of `asOf` (`committed`, default the end of the last booked month), and the effect `baseline − committed` (a saving is positive) in the months from the start’s to the as-of date’s; null outside them. `realisation` is planned against realised with the measured effect plus the manual additions. Amounts in kroner.',
  request: {
    params: IdParam,
    query: z.object({
      asOf: IsoDateText.optional(),
      v: z.string().optional(),
    }),
  },
  responses: {
    200: jsonAnswer('Målt realiseret effekt (kroner)', PlanMeasurementSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const actsOnOptions = createRoute({
  method: 'get',
  path: '/action-plans/{id}/acts-on-options',
  tags,
  summary: 'What an area of the plan may act on ("Virker på"): the values per kind',
  request: { params: IdParam },
  responses: {
    200: jsonAnswer('Valgmuligheder for «Virker på»', ActsOnOptionsSchema),
    ...problemResponses(401, 404),
  },
});

const update = createRoute({
  method: 'put',
  path: '/action-plans/{id}',
  tags,
  summary: 'Save an update as a new version (409 when `version` is not the current one)',
  request: { params: IdParam, body: jsonBody(ActionPlanUpdateSchema) },
  responses: {
    200: jsonAnswer('Handleplanen er gemt som en ny version', PlanResponse),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

const status = createRoute({
  method: 'post',
  path: '/action-plans/{id}/status',
  tags,
  summary: 'Activate (present), close or reopen a plan',
  request: { params: IdParam, body: jsonBody(ActionPlanStatusSchema) },
  responses: {
    200: jsonAnswer('Status er ændret', PlanResponse),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const realisation = createRoute({
  method: 'put',
  path: '/action-plans/{id}/realisation',
  tags,
  summary: 'Record realised effect per area and month (a new version)',
  request: { params: IdParam, body: jsonBody(RealisationSchema) },
  responses: {
    200: jsonAnswer('Realiseret effekt er gemt', PlanResponse),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const versions = createRoute({
  method: 'get',
  path: '/action-plans/{id}/versions',
  tags,
  summary: 'Every saved version: who, when, comment',
  request: { params: IdParam },
  responses: {
    200: jsonAnswer('Versioner', z.object({ items: z.array(ActionPlanVersionItemSchema) })),
    ...problemResponses(401, 404),
  },
});

const version = createRoute({
  method: 'get',
  path: '/action-plans/{id}/versions/{version}',
  tags,
  summary: 'One saved version as an interchange document',
  request: {
    params: z.object({
      id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
      version: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'version', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonAnswer('Versionen', ActionPlanVersionSchema),
    ...problemResponses(401, 404),
  },
});

const compare = createRoute({
  method: 'get',
  path: '/action-plans/{id}/compare',
  tags,
  summary: 'Two versions side by side with every change',
  request: {
    params: IdParam,
    query: z.object({
      from: z.coerce
        .number({ error: translate('validation.versionNumber') })
        .int()
        .min(1),
      to: z.coerce
        .number({ error: translate('validation.versionNumber') })
        .int()
        .min(1),
    }),
  },
  responses: {
    200: jsonAnswer('Sammenligning', ActionPlanCompareSchema),
    ...problemResponses(401, 404, 422),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/action-plans/{id}/export',
  tags,
  summary: 'The plan as Word, Excel, PDF or JSON (the interchange format)',
  request: {
    params: IdParam,
    query: z.object({
      format: z.enum(EXPORT_FORMATS, { error: mustBeOneOf(['docx', 'xlsx', 'pdf', 'json']) }),
    }),
  },
  responses: {
    200: {
      description: 'Filen',
      content: {
        ...fileContent('docx', 'xlsx', 'pdf'),
        'application/json': { schema: ActionPlanDocumentOutSchema },
      },
    },
    ...problemResponses(401, 404, 422),
  },
});

const expected = createRoute({
  method: 'put',
  path: '/units/{unitId}/expected-overspend',
  tags,
  summary: "Record a unit's expected overspend for a year (entered by hand)",
  description:
    'The hand-entered figure counts only for a unit without a budget for the year; with a budget, the forecast gives the figure.',
  request: { params: UnitParam, body: jsonBody(ExpectedOverspendSchema) },
  responses: { 204: { description: 'Gemt' }, ...problemResponses(401, 403, 404, 422) },
});

const draft = createRoute({
  method: 'post',
  path: '/units/{unitId}/action-plan-draft',
  tags,
  summary: 'Create a draft plan prefilled with the header and the expected overspend',
  description:
    'Body `{ "year": 2026, "expectedOverspend": 1234567.5, "causes": ["…"] }` (expectedOverspend and causes optional; a given expectedOverspend is also recorded as the unit’s figure for the year). Answers 201 with the new draft, or 200 with the unit’s existing open plan for the year.',
  request: { params: UnitParam, body: jsonBody(DraftRequestSchema) },
  responses: {
    201: jsonAnswer('Kladden er oprettet', PlanResponse),
    200: jsonAnswer('Enheden har allerede en åben handleplan for året', PlanResponse),
    ...problemResponses(401, 403, 404, 422),
  },
});

/** Which months carry realised figures in the document (so an omitted list keeps what is stored). */
function realisedGiven(doc: ActionPlanDocument): boolean[] {
  return doc.areas.map((a) => Array.isArray(a.realisedEffect));
}

export const actionPlanRoutes = createRouter()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const rows = await listActionPlans(c.get('deps'), actor, c.req.valid('query'));
    return c.json({ items: rows.map(presentListItem) }, 200);
  })
  .openapi(
    create,
    async (c) => {
      const actor = requireActor(c);
      const doc = c.req.valid('json');
      const query = c.req.valid('query');
      const raw = (await c.req.json().catch(() => ({}))) as { unitId?: unknown };
      const unitId = query.unitId ?? (typeof raw.unitId === 'string' ? raw.unitId : undefined);
      const { meta, plan } = await createActionPlan(
        c.get('deps'),
        actor,
        documentToPlan(doc),
        { ...(unitId ? { unitId } : {}) },
        c.get('requestId'),
      );
      return c.json(presentPlan(meta, plan), 201);
    },
    planHook,
  )
  .openapi(
    required,
    async (c) => {
      const actor = requireActor(c);
      const { year, asOf } = c.req.valid('query');
      const result = await listRequiredPlans(c.get('deps'), actor, year, asOf);
      return c.json(
        {
          year,
          asOf: result.asOf,
          threshold: toKroner(result.threshold),
          items: result.items.map((i) => ({
            unit: { id: i.unitId, name: i.unitName },
            year: i.year,
            expectedOverspend: toKroner(ore(i.amountOre)),
            source: i.source,
            asOf: i.asOf,
            causes: i.causes,
            threshold: toKroner(result.threshold),
            updatedAt: i.updatedAt,
            updatedBy: i.updatedBy,
            plan: i.plan
              ? {
                  id: i.plan.id,
                  title: i.plan.title,
                  status: i.plan.status,
                  version: i.plan.version,
                }
              : null,
          })),
        },
        200,
      );
    },
    planHook,
  )
  .openapi(read, async (c) => {
    const actor = requireActor(c);
    const json = await readActionPlanJson(c.get('deps'), actor, c.req.valid('param').id);
    return jsonText<zod.infer<typeof PlanResponse>>(c, json);
  })
  .openapi(forecastNow, async (c) => {
    const actor = requireActor(c);
    const now = await readPlanForecastNow(c.get('deps'), actor, c.req.valid('param').id);
    const kr = (v: Ore | null) => (v === null ? null : toKroner(v));
    return c.json(
      {
        asOf: now.asOf,
        source: now.source,
        forecastOverspend: kr(now.forecastOverspend),
        plannedEffectAfter: toKroner(now.plannedEffectAfter),
        remaining: kr(now.remaining),
      },
      200,
    );
  })
  .openapi(
    measured,
    async (c) => {
      const actor = requireActor(c);
      const { asOf } = c.req.valid('query');
      const m = await readMeasuredEffect(c.get('deps'), actor, c.req.valid('param').id, asOf);
      return c.json(presentMeasurement(m), 200);
    },
    planHook,
  )
  .openapi(actsOnOptions, async (c) => {
    const actor = requireActor(c);
    const options = await readActsOnOptions(c.get('deps'), actor, c.req.valid('param').id);
    return c.json(
      {
        kinds: [...options.kinds],
        categoryGroups: [...options.categoryGroups],
        providers: [...options.providers],
        accountFunctions: options.accountFunctions,
        units: options.units,
      },
      200,
    );
  })
  .openapi(
    update,
    async (c) => {
      const actor = requireActor(c);
      const { version: basedOn, comment, ...doc } = c.req.valid('json');
      const { meta, plan } = await updateActionPlan(
        c.get('deps'),
        actor,
        c.req.valid('param').id,
        {
          plan: documentToPlan(doc),
          version: basedOn,
          comment: comment ?? null,
          hasRealised: realisedGiven(doc),
        },
        c.get('requestId'),
      );
      return c.json(presentPlan(meta, plan), 200);
    },
    planHook,
  )
  .openapi(
    status,
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const { meta, plan } = await changeActionPlanStatus(
        c.get('deps'),
        actor,
        c.req.valid('param').id,
        {
          status: input.status,
          version: input.version,
          comment: input.comment ?? null,
        },
        c.get('requestId'),
      );
      return c.json(presentPlan(meta, plan), 200);
    },
    planHook,
  )
  .openapi(
    realisation,
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const { meta, plan } = await recordRealisedEffect(
        c.get('deps'),
        actor,
        c.req.valid('param').id,
        {
          version: input.version,
          comment: input.comment ?? null,
          areas: input.areas.map((a) => ({
            number: a.number,
            realisedEffect: a.realisedEffect.map((v) => (v === null ? null : oreFromKroner(v))),
          })),
        },
        c.get('requestId'),
      );
      return c.json(presentPlan(meta, plan), 200);
    },
    planHook,
  )
  .openapi(versions, async (c) => {
    const actor = requireActor(c);
    const rows = await listActionPlanVersions(c.get('deps'), actor, c.req.valid('param').id);
    return c.json({ items: rows.map(presentVersion) }, 200);
  })
  .openapi(
    version,
    async (c) => {
      const actor = requireActor(c);
      const { id, version: v } = c.req.valid('param');
      const found = await getActionPlanVersion(c.get('deps'), actor, id, v);
      return c.json({ ...presentVersion(found), document: planToDocument(found.plan) }, 200);
    },
    planHook,
  )
  .openapi(
    compare,
    async (c) => {
      const actor = requireActor(c);
      const { from, to } = c.req.valid('query');
      const result = await compareActionPlanVersions(
        c.get('deps'),
        actor,
        c.req.valid('param').id,
        from,
        to,
      );
      return c.json(
        {
          from: { ...presentVersion(result.from), document: planToDocument(result.from.plan) },
          to: { ...presentVersion(result.to), document: planToDocument(result.to.plan) },
          changes: result.changes.map((ch) => presentChange(ch, result.from.plan, result.to.plan)),
        },
        200,
      );
    },
    planHook,
  )
  .openapi(
    exportRoute,
    async (c) => {
      const actor = requireActor(c);
      const file = await exportActionPlan(
        c.get('deps'),
        actor,
        c.req.valid('param').id,
        c.req.valid('query').format,
      );
      // declared with a JSON answer too (the interchange document), which a file answer is not typed as
      return fileAnswer(c, file) as never;
    },
    planHook,
  )
  .openapi(
    expected,
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      await setExpectedOverspend(
        c.get('deps'),
        actor,
        c.req.valid('param').unitId,
        { year: input.year, amount: oreFromKroner(input.amount), causes: input.causes ?? [] },
        c.get('requestId'),
      );
      return c.body(null, 204);
    },
    planHook,
  )
  .openapi(
    draft,
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const result = await createDraftForUnit(
        c.get('deps'),
        actor,
        c.req.valid('param').unitId,
        {
          year: input.year,
          expectedOverspend:
            input.expectedOverspend === null || input.expectedOverspend === undefined
              ? null
              : oreFromKroner(input.expectedOverspend),
          causes: input.causes ?? null,
        },
        c.get('requestId'),
      );
      return c.json(presentPlan(result.meta, result.plan), result.created ? 201 : 200);
    },
    planHook,
  );

export const ACTION_PLAN_STATUSES = PLAN_STATUSES;

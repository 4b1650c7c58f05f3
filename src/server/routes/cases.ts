import { createRoute, z } from '@hono/zod-openapi';
import {
  CaseCorrectionSchema,
  CaseInterventionInputSchema,
  CaseRateSchema,
  CaseDetailSchema,
  CaseListSchema,
  CasesDocumentSchema,
  NewCaseSchema,
} from '../../shared/schemas/cases';
import { todayIn } from '../context';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  exportCases,
  getCase,
  grantCaseIntervention,
  importCases,
  listCases,
} from '../services/case-service';
import {
  addCaseIntervention,
  createCase,
  deleteCaseIntervention,
  updateCaseIntervention,
} from '../services/case-edit-service';
import { correctCaseIntervention } from '../services/case-correction-service';
import { listRatesJson, saveRate } from '../services/commitments/rates';
import { ApprovalSchema } from '../../shared/schemas/approvals';
import { FreeText } from '../../shared/schemas/text';
import { RateSchema } from '../../shared/schemas/rates';
import { translate } from '../../shared/i18n/translate';

/** References that look like a person's name: stored all the same, shown to the user. */
const FieldWarnings = z
  .array(z.object({ path: z.string(), code: z.literal('looks_like_name'), message: z.string() }))
  .openapi({ description: "References that look like a person's name (stored all the same)" });

const importRoute = createRoute({
  method: 'post',
  path: '/cases/import',
  tags: ['Cases'],
  summary:
    'Import cases in the format overblik/cases@1: all or nothing, idempotent (cases by ref, rates by code)',
  request: {
    body: jsonBody(CasesDocumentSchema),
  },
  responses: {
    200: jsonAnswer(
      'Importeret',
      z.object({
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        rates: z.number().int(),
        interventions: z.number().int(),
        pendingApprovals: z.number().int(),
        warnings: FieldWarnings,
      }),
    ),
    ...problemResponses(401, 403, 413, 422),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/cases/export',
  tags: ['Cases'],
  summary: 'Export the cases you may read in the format overblik/cases@1',
  request: { query: z.object({ unit: FreeText.max(200).optional() }) },
  responses: {
    200: jsonAnswer('Sager', CasesDocumentSchema),
    ...problemResponses(401, 403, 404),
  },
});

const list = createRoute({
  method: 'get',
  path: '/cases',
  tags: ['Cases'],
  summary: 'Cases you may read (refs only: no CPR numbers, no names)',
  request: {
    query: z.object({
      unit: FreeText.max(200).optional(),
      q: FreeText.max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: jsonAnswer('Sager', CaseListSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const one = createRoute({
  method: 'get',
  path: '/cases/{id}',
  tags: ['Cases'],
  summary: 'One case with its interventions and monthly cost; the read is logged',
  request: {
    params: z.object({ id: z.string() }),
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
  },
  responses: {
    200: jsonAnswer('Sag', CaseDetailSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const grant = createRoute({
  method: 'post',
  path: '/cases/{id}/interventions/{ref}/grant',
  tags: ['Cases'],
  summary:
    'Grant an expected intervention as of a decision date (default today): the intervention it adjusts ends the day before it starts, by an ending dated the same day; statements as of earlier dates do not change. A grant an approval rule catches is not made: 202 with the pending approval (the intervention stays expected until decided)',
  request: {
    params: z.object({ id: z.string(), ref: z.string() }),
    body: jsonBody(
      z.object({
        version: z.number().int(),
        decidedOn: z.string({ error: translate('validation.dateType') }).nullish(),
      }),
    ),
  },
  responses: {
    200: jsonAnswer(
      'Bevilget',
      z.object({
        version: z.number().int(),
        ended: z.string().nullable(),
        removed: z.string().nullable(),
      }),
    ),
    202: jsonAnswer(
      'Afventer godkendelse eller til visitation: the pending approval',
      ApprovalSchema,
    ),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const correct = createRoute({
  method: 'post',
  path: '/cases/{id}/interventions/{ref}/correct',
  tags: ['Cases'],
  summary:
    'Correct wrong data in a granted intervention (not a decision): with a reason, recorded with before and after, audited, and shown as a correction in movement',
  request: {
    params: z.object({ id: z.string(), ref: z.string() }),
    body: jsonBody(CaseCorrectionSchema),
  },
  responses: {
    200: jsonAnswer('Rettet', z.object({ version: z.number().int(), correction: z.string() })),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const create = createRoute({
  method: 'post',
  path: '/cases',
  tags: ['Cases'],
  summary: 'Register a case in a unit (references only: no CPR number, no names)',
  request: { body: jsonBody(NewCaseSchema) },
  responses: {
    201: jsonAnswer(
      'Oprettet',
      z.object({ id: z.string(), version: z.number().int(), warnings: FieldWarnings }),
    ),
    ...problemResponses(401, 403, 422),
  },
});

const interventionBody = z.object({
  version: z.number().int(),
  intervention: CaseInterventionInputSchema,
});

const addIntervention = createRoute({
  method: 'post',
  path: '/cases/{id}/interventions',
  tags: ['Cases'],
  summary:
    'Add a draft or expected intervention; an expected one that modifies a granted one adjusts it and counts at once',
  request: {
    params: z.object({ id: z.string() }),
    body: jsonBody(interventionBody),
  },
  responses: {
    201: jsonAnswer('Tilføjet', z.object({ version: z.number().int(), ref: z.string() })),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const updateIntervention = createRoute({
  method: 'put',
  path: '/cases/{id}/interventions/{ref}',
  tags: ['Cases'],
  summary: 'Change a draft or expected intervention (a granted one is changed by an adjustment)',
  request: {
    params: z.object({ id: z.string(), ref: z.string() }),
    body: jsonBody(interventionBody),
  },
  responses: {
    200: jsonAnswer('Rettet', z.object({ version: z.number().int() })),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const deleteIntervention = createRoute({
  method: 'delete',
  path: '/cases/{id}/interventions/{ref}',
  tags: ['Cases'],
  summary: 'Delete a draft or expected intervention that no other intervention adjusts',
  request: {
    params: z.object({ id: z.string(), ref: z.string() }),
    query: z.object({ version: z.coerce.number().int() }),
  },
  responses: {
    200: jsonAnswer('Slettet', z.object({ version: z.number().int() })),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const listRatesRoute = createRoute({
  method: 'get',
  path: '/cases/rates',
  tags: ['Cases'],
  summary: 'Dated rates (e.g. KL foster-family fee units) with their periods and source',
  responses: {
    200: jsonAnswer('Takster', z.array(RateSchema)),
    ...problemResponses(401, 403),
  },
});

const saveRateRoute = createRoute({
  method: 'put',
  path: '/cases/rates/{code}',
  tags: ['Cases'],
  summary: 'Enter a rate with all its dated periods and source (replaces the stored periods)',
  request: {
    params: z.object({ code: FreeText.min(1).max(200) }),
    body: jsonBody(
      CaseRateSchema.omit({ code: true }).extend({
        version: z.number().int().positive().optional().openapi({
          description: 'the version the change is based on; leave out for a new code',
        }),
      }),
    ),
  },
  responses: {
    200: jsonAnswer('Gemt', RateSchema),
    ...problemResponses(401, 403, 409, 422),
  },
});

export const caseRoutes = createRouter()
  .openapi(listRatesRoute, async (c) => {
    return c.json(await listRatesJson(c.get('deps'), requireActor(c)), 200);
  })
  .openapi(saveRateRoute, async (c) => {
    const { code } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await saveRate(c.get('deps'), requireActor(c), { ...body, code }, c.get('requestId')),
      200,
    );
  })
  .openapi(importRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(await importCases(c.get('deps'), requireActor(c), body, c.get('requestId')), 200);
  })
  .openapi(exportRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await exportCases(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listCases(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const deps = c.get('deps');
    const year = q.year ?? Number(todayIn(deps).slice(0, 4));
    return c.json(await getCase(deps, requireActor(c), id, year, c.get('requestId')), 200);
  })
  .openapi(grant, async (c) => {
    const { id, ref } = c.req.valid('param');
    const { version, decidedOn } = c.req.valid('json');
    const result = await grantCaseIntervention(
      c.get('deps'),
      requireActor(c),
      { caseId: id, ref, version, decidedOn },
      c.get('requestId'),
    );
    if (!result.granted) return c.json(result.approval, 202);
    return c.json({ version: result.version, ended: result.ended, removed: result.removed }, 200);
  })
  .openapi(correct, async (c) => {
    const { id, ref } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await correctCaseIntervention(
        c.get('deps'),
        requireActor(c),
        { caseId: id, ref, ...body },
        c.get('requestId'),
      ),
      200,
    );
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    return c.json(await createCase(c.get('deps'), requireActor(c), body, c.get('requestId')), 201);
  })
  .openapi(addIntervention, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await addCaseIntervention(
        c.get('deps'),
        requireActor(c),
        { caseId: id, ...body },
        c.get('requestId'),
      ),
      201,
    );
  })
  .openapi(updateIntervention, async (c) => {
    const { id, ref } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await updateCaseIntervention(
        c.get('deps'),
        requireActor(c),
        { caseId: id, ref, ...body },
        c.get('requestId'),
      ),
      200,
    );
  })
  .openapi(deleteIntervention, async (c) => {
    const { id, ref } = c.req.valid('param');
    const { version } = c.req.valid('query');
    return c.json(
      await deleteCaseIntervention(
        c.get('deps'),
        requireActor(c),
        { caseId: id, ref, version },
        c.get('requestId'),
      ),
      200,
    );
  });

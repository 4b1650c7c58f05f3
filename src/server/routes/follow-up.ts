import { createRoute, z } from '@hono/zod-openapi';
import {
  IntakeParamsSchema,
  RoundCommentSchema,
  RoundCommentsSchema,
  RoundInputSchema,
} from '../../shared/schemas/budget';
import { requireActor } from '../middleware/require-actor';
import {
  createRouter,
  fileAnswer,
  fileContent,
  jsonAnswer,
  jsonBody,
  problemResponses,
} from '../openapi';
import {
  commentRoundLine,
  commentRoundLines,
  createRound,
  deriveCauses,
  getRound,
  getRounds,
} from '../services/follow-up-service';
import { IsoDateText } from '../../shared/schemas/dates';
import {
  CausesSchema,
  RoundLineSchema,
  RoundListSchema,
  RoundSchema,
} from '../../shared/schemas/forecast';
import { exportRound, ROUND_EXPORT_FORMATS } from '../services/follow-up-export-service';
import { mustBeOneOf } from '../errors';

const tags = ['Follow-up'];
const Year = z.coerce.number().int().min(2000).max(2100);

const create = createRoute({
  method: 'post',
  path: '/follow-up/rounds',
  tags,
  summary: 'Freeze every unit’s forecast as a follow-up round (e.g. "Budgetopfølgning 2, 2020")',
  request: {
    body: jsonBody(RoundInputSchema),
  },
  responses: {
    201: jsonAnswer('Runden er fastfrosset', RoundSchema),
    ...problemResponses(401, 403, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/follow-up/rounds',
  tags,
  summary: 'The rounds of a year with each unit’s totals: the trajectory and comparison',
  request: { query: z.object({ year: Year }) },
  responses: { 200: jsonAnswer('Runderne', RoundListSchema), ...problemResponses(401, 403) },
});

const one = createRoute({
  method: 'get',
  path: '/follow-up/rounds/{id}',
  tags,
  summary: 'One round with its frozen lines and comments',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonAnswer('Runden', RoundSchema), ...problemResponses(401, 403, 404) },
});

const comment = createRoute({
  method: 'put',
  path: '/follow-up/lines/{id}/comment',
  tags,
  summary: 'The responsible person’s comment on a frozen line',
  request: {
    params: z.object({ id: z.uuid() }),
    body: jsonBody(RoundCommentSchema),
  },
  responses: {
    200: jsonAnswer('Gemt', RoundLineSchema),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const comments = createRoute({
  method: 'put',
  path: '/follow-up/rounds/{id}/comments',
  tags,
  summary: 'The comments of a round’s lines, saved together (all or none)',
  request: {
    params: z.object({ id: z.uuid() }),
    body: jsonBody(RoundCommentsSchema),
  },
  responses: { 200: jsonAnswer('Gemt', RoundSchema), ...problemResponses(401, 403, 404, 409, 422) },
});

const causes = createRoute({
  method: 'get',
  path: '/follow-up/causes',
  tags,
  summary: 'Causes of a unit’s expected overspend derived from the data (for a draft action plan)',
  request: {
    query: IntakeParamsSchema.extend({
      unitId: z.uuid(),
      year: Year,
      asOf: IsoDateText,
    }),
  },
  responses: { 200: jsonAnswer('Årsager', CausesSchema), ...problemResponses(401, 403, 404, 422) },
});

const exportOne = createRoute({
  method: 'get',
  path: '/follow-up/rounds/{id}/export',
  tags,
  summary: 'The round as the committee document: Word, Excel or PDF',
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({
      format: z.enum(ROUND_EXPORT_FORMATS, { error: mustBeOneOf(['docx', 'xlsx', 'pdf']) }),
    }),
  },
  responses: {
    200: {
      description: 'Dokumentet',
      content: fileContent(...ROUND_EXPORT_FORMATS),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const followUpRoutes = createRouter()
  .openapi(create, async (c) =>
    c.json(
      await createRound(c.get('deps'), requireActor(c), c.req.valid('json'), c.get('requestId')),
      201,
    ),
  )
  .openapi(list, async (c) =>
    c.json(await getRounds(c.get('deps'), requireActor(c), c.req.valid('query').year), 200),
  )
  .openapi(one, async (c) =>
    c.json(await getRound(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(exportOne, async (c) => {
    const file = await exportRound(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('query').format,
    );
    return fileAnswer(c, file);
  })
  .openapi(comment, async (c) =>
    c.json(
      await commentRoundLine(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('requestId'),
      ),
      200,
    ),
  )
  .openapi(comments, async (c) =>
    c.json(
      await commentRoundLines(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('requestId'),
      ),
      200,
    ),
  )
  .openapi(causes, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await deriveCauses(c.get('deps'), requireActor(c), {
        unitId: q.unitId,
        year: q.year,
        asOf: q.asOf,
        intake: { method: q.method, years: q.years, factorPercent: q.factorPercent },
      }),
      200,
    );
  });

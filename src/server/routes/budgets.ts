import { createRoute, z } from '@hono/zod-openapi';
import {
  AccountFunctionSchema,
  BudgetImportSchema,
  BudgetLineSchema,
  BudgetSchema,
  CorrectionInputSchema,
  SaveBudgetSchema,
} from '../../shared/schemas/budget';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  addCorrection,
  getAccountFunctions,
  getBudget,
  parseBudgetText,
  saveBudgetLines,
} from '../services/budget-service';

const Year = z.coerce.number().int().min(2000).max(2100);

const functions = createRoute({
  method: 'get',
  path: '/account-functions',
  tags: ['Budget'],
  summary: 'The account functions (5.28.xx) with their names',
  responses: {
    200: jsonAnswer('Funktioner', z.array(AccountFunctionSchema)),
    ...problemResponses(401, 403),
  },
});

const get = createRoute({
  method: 'get',
  path: '/budgets/{year}',
  tags: ['Budget'],
  summary: 'The budget of a year per unit and account function (original, transfers, corrections)',
  request: { params: z.object({ year: Year }), query: z.object({ unitId: z.uuid().optional() }) },
  responses: {
    200: jsonAnswer('Budgettet', BudgetSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const save = createRoute({
  method: 'put',
  path: '/budgets/{year}',
  tags: ['Budget'],
  summary: 'Save budget lines from the grid: all or none; existing lines need their version',
  request: {
    params: z.object({ year: Year }),
    body: jsonBody(SaveBudgetSchema),
  },
  responses: {
    200: jsonAnswer('Gemt', z.object({ lines: z.array(BudgetLineSchema) })),
    ...problemResponses(401, 403, 409, 422),
  },
});

const importText = createRoute({
  method: 'post',
  path: '/budgets/{year}/import',
  tags: ['Budget'],
  summary:
    'Import budget rows (unit; function; original; transfer) pasted from Excel or a CSV file',
  request: {
    params: z.object({ year: Year }),
    body: jsonBody(BudgetImportSchema),
  },
  responses: {
    200: jsonAnswer('Importeret', z.object({ lines: z.array(BudgetLineSchema) })),
    ...problemResponses(401, 403, 409, 422),
  },
});

const correct = createRoute({
  method: 'post',
  path: '/budget-lines/{id}/corrections',
  tags: ['Budget'],
  summary: 'Add a dated budget correction with a reason (refused without one)',
  request: {
    params: z.object({ id: z.uuid() }),
    body: jsonBody(CorrectionInputSchema),
  },
  responses: {
    201: jsonAnswer('Korrigeret', BudgetLineSchema),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

export const budgetRoutes = createRouter()
  .openapi(functions, async (c) =>
    c.json(await getAccountFunctions(c.get('deps'), requireActor(c)), 200),
  )
  .openapi(get, async (c) => {
    const actor = requireActor(c);
    const { year } = c.req.valid('param');
    const { unitId } = c.req.valid('query');
    return c.json(await getBudget(c.get('deps'), actor, year, unitId), 200);
  })
  .openapi(save, async (c) => {
    const actor = requireActor(c);
    const { year } = c.req.valid('param');
    const { lines } = c.req.valid('json');
    const saved = await saveBudgetLines(c.get('deps'), actor, year, lines, c.get('requestId'));
    return c.json({ lines: saved }, 200);
  })
  .openapi(importText, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { year } = c.req.valid('param');
    const lines = await parseBudgetText(deps, actor, year, c.req.valid('json').text);
    return c.json(
      { lines: await saveBudgetLines(deps, actor, year, lines, c.get('requestId')) },
      200,
    );
  })
  .openapi(correct, async (c) => {
    const actor = requireActor(c);
    const view = await addCorrection(
      c.get('deps'),
      actor,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(view, 201);
  });

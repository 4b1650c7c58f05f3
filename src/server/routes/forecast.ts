import { createRoute, z } from '@hono/zod-openapi';
import {
  AdjustmentInputSchema,
  ForecastQuerySchema,
  IntakeParamsSchema,
} from '../../shared/schemas/budget';
import {
  AdjustmentListSchema,
  BacktestSchema,
  ForecastSchema,
  SavedAdjustmentSchema,
} from '../../shared/schemas/forecast';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import { DEFAULT_FOLLOW_UP_MONTHS, getBacktest } from '../services/forecast-backtest-service';
import { addAdjustment, getAdjustments, getForecast } from '../services/forecast-service';
import { translate } from '../../shared/i18n/translate';

const forecast = createRoute({
  method: 'get',
  path: '/forecast',
  tags: ['Forecast'],
  summary:
    'Forecast per unit and account function as of a date: actuals, commitments, intake, adjustments',
  request: { query: ForecastQuerySchema },
  responses: {
    200: jsonAnswer('Prognosen', ForecastSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const backtest = createRoute({
  method: 'get',
  path: '/forecast/backtest',
  tags: ['Forecast'],
  summary:
    'Accuracy: forecasts at earlier follow-up dates against final accounts, with run-rate and commitments only',
  request: {
    query: IntakeParamsSchema.extend({
      beforeYear: z.coerce.number().int().min(2000).max(2100),
      backtestYears: z.coerce.number().int().min(1).max(20).default(10),
      months: z
        .string()
        .regex(/^(1[0-2]|[1-9])(,(1[0-2]|[1-9]))*$/, translate('validation.monthList'))
        .optional(),
      unitId: z.uuid().optional(),
    }),
  },
  responses: {
    200: jsonAnswer('Backtest', BacktestSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const adjust = createRoute({
  method: 'post',
  path: '/forecast/adjustments',
  tags: ['Forecast'],
  summary: 'A manual forecast adjustment with a reason',
  request: {
    body: jsonBody(AdjustmentInputSchema),
  },
  responses: {
    201: jsonAnswer('Gemt', SavedAdjustmentSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const adjustments = createRoute({
  method: 'get',
  path: '/forecast/adjustments',
  tags: ['Forecast'],
  summary: 'Manual forecast adjustments of a year',
  request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
  responses: {
    200: jsonAnswer('Korrektioner', AdjustmentListSchema),
    ...problemResponses(401, 403),
  },
});

export const forecastRoutes = createRouter()
  .openapi(forecast, async (c) => {
    const { year, asOf, unitId, method, years, factorPercent } = c.req.valid('query');
    const result = await getForecast(c.get('deps'), requireActor(c), {
      year,
      asOf,
      unitId,
      intake: { method, years, factorPercent },
    });
    return c.json(result, 200);
  })
  .openapi(backtest, async (c) => {
    const q = c.req.valid('query');
    const result = await getBacktest(c.get('deps'), requireActor(c), {
      beforeYear: q.beforeYear,
      years: q.backtestYears,
      months: q.months ? q.months.split(',').map(Number) : DEFAULT_FOLLOW_UP_MONTHS,
      unitId: q.unitId,
      intake: { method: q.method, years: q.years, factorPercent: q.factorPercent },
    });
    return c.json(result, 200);
  })
  .openapi(adjust, async (c) =>
    c.json(
      await addAdjustment(c.get('deps'), requireActor(c), c.req.valid('json'), c.get('requestId')),
      201,
    ),
  )
  .openapi(adjustments, async (c) =>
    c.json(await getAdjustments(c.get('deps'), requireActor(c), c.req.valid('query').year), 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonAnswer, problemResponses } from '../openapi';

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Is the server up and the database reachable?',
  responses: {
    200: jsonAnswer(
      'Alt er i orden',
      z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']) }),
    ),
    ...problemResponses(503),
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const { db } = c.get('deps');
  await db.query('SELECT 1');
  return c.json({ status: 'ok' as const, database: db.kind }, 200);
});

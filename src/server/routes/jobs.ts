import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../middleware/require-actor';
import { createRouter, problemResponses } from '../openapi';
import { getJob } from '../services/job-service';

const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().openapi({ description: 'percent 0–100' }),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job');

const get = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'Status and progress (percent) of background work',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: { description: 'Arbejdet', content: { 'application/json': { schema: JobSchema } } },
    ...problemResponses(401, 404),
  },
});

export const jobRoutes = createRouter().openapi(get, async (c) => {
  const deps = c.get('deps');
  const job = await getJob(deps.db, requireActor(c), c.req.valid('param').id, (err) =>
    deps.logger.error({ event: 'job_failed', err }),
  );
  return c.json(job, 200);
});

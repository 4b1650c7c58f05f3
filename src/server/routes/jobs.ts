import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, problemResponses } from '../openapi';
import { JobSchema } from '../../shared/schemas/jobs';
import { FreeText } from '../../shared/schemas/text';
import { getJob, getJobs, retryDeadJob } from '../services/job-service';

const get = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'Status and progress (percent) of background work',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: jsonAnswer('Arbejdet', JobSchema),
    ...problemResponses(401, 404),
  },
});

const list = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['Jobs'],
  summary: 'The newest background work with its attempts (those who may import ledger files)',
  request: {
    query: z.object({
      kind: FreeText.max(100).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: jsonAnswer('Arbejdet, nyeste først', z.object({ items: z.array(JobSchema) })),
    ...problemResponses(401, 403, 422),
  },
});

const retry = createRoute({
  method: 'post',
  path: '/jobs/{id}/retry',
  tags: ['Jobs'],
  summary:
    'Queue a dead job again, its attempts starting over (those who may import in its unit); audited',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: jsonAnswer('Sat i kø igen', JobSchema),
    ...problemResponses(401, 403, 404, 409),
  },
});

export const jobRoutes = createRouter()
  .openapi(list, async (c) => {
    return c.json(await getJobs(c.get('deps'), requireActor(c), c.req.valid('query')), 200);
  })
  .openapi(get, async (c) => {
    const deps = c.get('deps');
    const job = await getJob(deps, requireActor(c), c.req.valid('param').id, (err) =>
      deps.logger.error({ event: 'job_failed', err }),
    );
    return c.json(job, 200);
  })
  .openapi(retry, async (c) => {
    const job = await retryDeadJob(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.get('requestId'),
    );
    return c.json(job, 200);
  });

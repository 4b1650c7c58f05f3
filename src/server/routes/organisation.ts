import { createRoute, z } from '@hono/zod-openapi';
import { seesAllUnits } from '../../domain/access';
import { getSettings, listUnits } from '../../db/repositories/organisation';
import { requireActor } from '../middleware/require-actor';
import { createRouter, problemResponses } from '../openapi';

const UnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    responsible: z.string().nullable(),
    center: z.object({ id: z.string(), name: z.string(), responsible: z.string().nullable() }),
  })
  .openapi('Unit');

const overview = createRoute({
  method: 'get',
  path: '/organisation',
  tags: ['Organisation'],
  summary: 'The municipality, its threshold for action plans, and the units the user may see',
  responses: {
    200: {
      description: 'Kommunen og dens enheder',
      content: {
        'application/json': {
          schema: z.object({
            municipality: z.string(),
            actionPlanThreshold: z
              .number()
              .openapi({ description: 'kroner; a plan is required strictly above it' }),
            units: z.array(UnitSchema),
          }),
        },
      },
    },
    ...problemResponses(401),
  },
});

export const organisationRoutes = createRouter().openapi(overview, async (c) => {
  const actor = requireActor(c);
  const { db } = c.get('deps');
  const settings = await getSettings(db);
  const units = await listUnits(db, seesAllUnits(actor) ? undefined : actor.unitIds);
  return c.json(
    {
      municipality: settings?.municipality_name ?? '',
      actionPlanThreshold: (settings?.action_plan_threshold_ore ?? 10_000_000) / 100,
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        responsible: u.responsible,
        center: { id: u.center_id, name: u.center_name, responsible: u.center_responsible },
      })),
    },
    200,
  );
});

import { createRoute, z } from '@hono/zod-openapi';
import {
  CenterChangeSchema,
  CenterInputSchema,
  CenterJsonSchema,
  SettingsChangeSchema,
  SettingsJsonSchema,
  UnitChangeSchema,
  UnitInputSchema,
  UnitJsonSchema,
} from '../../shared/schemas/organisation';
import { requireActor } from '../middleware/require-actor';
import { createRouter, IdParam, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  changeCenter,
  changeSettings,
  changeUnit,
  createCenter,
  createUnit,
  getOrganisation,
  getUnit,
  listCentersWithUnits,
  readSettings,
} from '../services/organisation-service';

const UnitSchema = UnitJsonSchema.openapi('Unit');
const CenterSchema = CenterJsonSchema.openapi('Center');
const SettingsSchema = SettingsJsonSchema.openapi('Settings');

const overview = createRoute({
  method: 'get',
  path: '/organisation',
  tags: ['Organisation'],
  summary: 'The municipality, its threshold for action plans, and the units the user may see',
  responses: {
    200: jsonAnswer(
      'Kommunen og dens enheder',
      z.object({
        municipality: z.string(),
        actionPlanThreshold: z
          .number()
          .openapi({ description: 'kroner; a plan is required strictly above it' }),
        units: z.array(UnitSchema),
      }),
    ),
    ...problemResponses(401, 403),
  },
});

const centers = createRoute({
  method: 'get',
  path: '/centers',
  tags: ['Organisation'],
  summary: 'Every centre, with the units under it that the user may see',
  responses: {
    200: jsonAnswer(
      'Centre med enheder',
      z.array(CenterSchema.extend({ units: z.array(UnitSchema) })),
    ),
    ...problemResponses(401, 403),
  },
});

const postCenter = createRoute({
  method: 'post',
  path: '/centers',
  tags: ['Organisation'],
  summary: 'Create a centre (administrators)',
  request: { body: jsonBody(CenterInputSchema) },
  responses: { 201: jsonAnswer('Oprettet', CenterSchema), ...problemResponses(401, 403, 422) },
});

const putCenter = createRoute({
  method: 'put',
  path: '/centers/{id}',
  tags: ['Organisation'],
  summary: 'Change a centre (administrators)',
  request: { params: IdParam, body: jsonBody(CenterChangeSchema) },
  responses: {
    200: jsonAnswer('Gemt', CenterSchema),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const oneUnit = createRoute({
  method: 'get',
  path: '/units/{id}',
  tags: ['Organisation'],
  summary: "One unit; another unit's id answers 404 to those who may not see it",
  request: { params: IdParam },
  responses: { 200: jsonAnswer('Enheden', UnitSchema), ...problemResponses(401, 404) },
});

const postUnit = createRoute({
  method: 'post',
  path: '/units',
  tags: ['Organisation'],
  summary: 'Create a unit under a centre (administrators)',
  request: { body: jsonBody(UnitInputSchema) },
  responses: { 201: jsonAnswer('Oprettet', UnitSchema), ...problemResponses(401, 403, 422) },
});

const putUnit = createRoute({
  method: 'put',
  path: '/units/{id}',
  tags: ['Organisation'],
  summary: 'Change a unit (administrators)',
  request: { params: IdParam, body: jsonBody(UnitChangeSchema) },
  responses: { 200: jsonAnswer('Gemt', UnitSchema), ...problemResponses(401, 403, 404, 409, 422) },
});

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/settings',
  tags: ['Organisation'],
  summary: "The municipality's settings",
  responses: { 200: jsonAnswer('Indstillinger', SettingsSchema), ...problemResponses(401, 403) },
});

const putSettings = createRoute({
  method: 'put',
  path: '/settings',
  tags: ['Organisation'],
  summary:
    "Change the municipality's name, action-plan threshold and the day reviews are registered from (administrators)",
  request: {
    body: jsonBody(SettingsChangeSchema),
  },
  responses: { 200: jsonAnswer('Gemt', SettingsSchema), ...problemResponses(401, 403, 409, 422) },
});

export const organisationRoutes = createRouter()
  .openapi(overview, async (c) => {
    return c.json(await getOrganisation(c.get('deps'), requireActor(c)), 200);
  })
  .openapi(centers, async (c) => {
    return c.json(await listCentersWithUnits(c.get('deps'), requireActor(c)), 200);
  })
  .openapi(postCenter, async (c) => {
    const actor = requireActor(c);
    const center = await createCenter(
      c.get('deps'),
      actor,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(center, 201);
  })
  .openapi(putCenter, async (c) => {
    const actor = requireActor(c);
    const center = await changeCenter(
      c.get('deps'),
      actor,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(center, 200);
  })
  .openapi(oneUnit, async (c) => {
    return c.json(await getUnit(c.get('deps'), requireActor(c), c.req.valid('param').id), 200);
  })
  .openapi(postUnit, async (c) => {
    const actor = requireActor(c);
    const unit = await createUnit(c.get('deps'), actor, c.req.valid('json'), c.get('requestId'));
    return c.json(unit, 201);
  })
  .openapi(putUnit, async (c) => {
    const actor = requireActor(c);
    const unit = await changeUnit(
      c.get('deps'),
      actor,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(unit, 200);
  })
  .openapi(getSettingsRoute, async (c) => {
    return c.json(await readSettings(c.get('deps'), requireActor(c)), 200);
  })
  .openapi(putSettings, async (c) => {
    const actor = requireActor(c);
    const settings = await changeSettings(
      c.get('deps'),
      actor,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(settings, 200);
  });

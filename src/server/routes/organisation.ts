import { createRoute, z } from '@hono/zod-openapi';
import { UNIT_KINDS } from '../../db/repositories/organisation';
import { IsoDateText } from '../../shared/schemas/dates';
import { requireActor } from '../middleware/require-actor';
import { createRouter, problemResponses } from '../openapi';
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
import { FreeText } from '../../shared/schemas/text';

const UnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    responsible: z.string().nullable(),
    version: z.number().int(),
    center: z.object({ id: z.string(), name: z.string(), responsible: z.string().nullable() }),
  })
  .openapi('Unit');

const CenterSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    responsible: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Center');

const SettingsSchema = z
  .object({
    municipalityName: z.string(),
    actionPlanThreshold: z.number().openapi({
      description: 'kroner, at most two decimals; an action plan is required strictly above it',
      example: 100000,
    }),
    reviewsRegisteredFrom: z
      .string()
      .nullable()
      .openapi({
        description:
          'Gennemgange registreres i Overblik fra: before this day no review is due and the ' +
          'status report shows no reviews figure; null: from the beginning',
        example: '2026-01-01',
      }),
    version: z.number().int(),
  })
  .openapi('Settings');

const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const text = (max: number) => FreeText.max(max);
const version = z.number().int().min(1).openapi({ description: 'The version you loaded' });

const CenterInput = z.object({
  name: text(200),
  responsible: text(200).nullable().optional(),
});
const UnitInput = z.object({
  centerId: z.string(),
  name: text(200),
  kind: z.enum(UNIT_KINDS).default('omraade'),
  responsible: text(200).nullable().optional(),
});

const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

const overview = createRoute({
  method: 'get',
  path: '/organisation',
  tags: ['Organisation'],
  summary: 'The municipality, its threshold for action plans, and the units the user may see',
  responses: {
    200: ok(
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
    200: ok('Centre med enheder', z.array(CenterSchema.extend({ units: z.array(UnitSchema) }))),
    ...problemResponses(401, 403),
  },
});

const postCenter = createRoute({
  method: 'post',
  path: '/centers',
  tags: ['Organisation'],
  summary: 'Create a centre (administrators)',
  request: { body: json(CenterInput) },
  responses: { 201: ok('Oprettet', CenterSchema), ...problemResponses(401, 403, 422) },
});

const putCenter = createRoute({
  method: 'put',
  path: '/centers/{id}',
  tags: ['Organisation'],
  summary: 'Change a centre (administrators)',
  request: { params: IdParam, body: json(CenterInput.extend({ version })) },
  responses: { 200: ok('Gemt', CenterSchema), ...problemResponses(401, 403, 404, 409, 422) },
});

const oneUnit = createRoute({
  method: 'get',
  path: '/units/{id}',
  tags: ['Organisation'],
  summary: "One unit; another unit's id answers 404 to those who may not see it",
  request: { params: IdParam },
  responses: { 200: ok('Enheden', UnitSchema), ...problemResponses(401, 404) },
});

const postUnit = createRoute({
  method: 'post',
  path: '/units',
  tags: ['Organisation'],
  summary: 'Create a unit under a centre (administrators)',
  request: { body: json(UnitInput) },
  responses: { 201: ok('Oprettet', UnitSchema), ...problemResponses(401, 403, 422) },
});

const putUnit = createRoute({
  method: 'put',
  path: '/units/{id}',
  tags: ['Organisation'],
  summary: 'Change a unit (administrators)',
  request: { params: IdParam, body: json(UnitInput.extend({ version })) },
  responses: { 200: ok('Gemt', UnitSchema), ...problemResponses(401, 403, 404, 409, 422) },
});

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/settings',
  tags: ['Organisation'],
  summary: "The municipality's settings",
  responses: { 200: ok('Indstillinger', SettingsSchema), ...problemResponses(401, 403) },
});

const putSettings = createRoute({
  method: 'put',
  path: '/settings',
  tags: ['Organisation'],
  summary:
    "Change the municipality's name, action-plan threshold and the day reviews are registered from (administrators)",
  request: {
    body: json(
      z.object({
        municipalityName: text(200),
        actionPlanThreshold: z.number(),
        // ÅÅÅÅ-MM-DD; null: from the beginning; left out: unchanged
        reviewsRegisteredFrom: IsoDateText.nullable().optional(),
        version,
      }),
    ),
  },
  responses: { 200: ok('Gemt', SettingsSchema), ...problemResponses(401, 403, 409, 422) },
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

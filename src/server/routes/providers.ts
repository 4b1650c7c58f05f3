import { createRoute, z } from '@hono/zod-openapi';
import {
  ProviderAliasSchema,
  ProviderChangeSchema,
  ProviderInputSchema,
  ProviderJsonSchema,
} from '../../shared/schemas/providers';
import { requireActor } from '../middleware/require-actor';
import { createRouter, IdParam, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  addProviderAlias,
  changeProvider,
  createProvider,
  listProvidersJson,
} from '../services/provider-service';

const Provider = ProviderJsonSchema.openapi('Provider');

const list = createRoute({
  method: 'get',
  path: '/providers',
  tags: ['Providers'],
  summary: 'The provider register: name, CVR number, external or internal, other spellings',
  responses: {
    200: jsonAnswer('Leverandører', z.array(Provider)),
    ...problemResponses(401, 403),
  },
});

const create = createRoute({
  method: 'post',
  path: '/providers',
  tags: ['Providers'],
  summary: 'Register a provider (its name must be new; CVR checked with modulus 11)',
  request: {
    body: jsonBody(ProviderInputSchema),
  },
  responses: {
    201: jsonAnswer('Oprettet', Provider),
    ...problemResponses(401, 403, 422),
  },
});

const change = createRoute({
  method: 'put',
  path: '/providers/{id}',
  tags: ['Providers'],
  summary: 'Change a provider, based on its version (a stale version is refused)',
  request: {
    params: IdParam,
    body: jsonBody(ProviderChangeSchema),
  },
  responses: {
    200: jsonAnswer('Gemt', Provider),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const alias = createRoute({
  method: 'post',
  path: '/providers/{id}/aliases',
  tags: ['Providers'],
  summary: 'Map another spelling (as an import writes it) to a provider',
  request: {
    params: IdParam,
    body: jsonBody(ProviderAliasSchema),
  },
  responses: {
    200: jsonAnswer('Gemt', Provider),
    ...problemResponses(401, 403, 404, 422),
  },
});

export const providerRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listProvidersJson(c.get('deps'), requireActor(c)), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await createProvider(c.get('deps'), requireActor(c), body, c.get('requestId')),
      201,
    );
  })
  .openapi(change, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await changeProvider(c.get('deps'), requireActor(c), id, body, c.get('requestId')),
      200,
    );
  })
  .openapi(alias, async (c) => {
    const { id } = c.req.valid('param');
    const { alias: spelling } = c.req.valid('json');
    return c.json(
      await addProviderAlias(c.get('deps'), requireActor(c), id, spelling, c.get('requestId')),
      200,
    );
  });

import { createRoute, z } from '@hono/zod-openapi';
import { requireAction, requireActor } from '../middleware/require-actor';
import { createRouter, IdParam, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  changeUser,
  createUser,
  getUser,
  listAllUsers,
  setUserPassword,
} from '../services/user-service';
import {
  PasswordInputSchema,
  UserChangeSchema,
  UserInputSchema,
  UserJsonSchema,
} from '../../shared/schemas/users';

const UserSchema = UserJsonSchema.openapi('User');

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['Users'],
  summary: 'Every user (administrators)',
  responses: { 200: jsonAnswer('Brugere', z.array(UserSchema)), ...problemResponses(401, 403) },
});

const one = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags: ['Users'],
  summary: 'One user (administrators)',
  request: { params: IdParam },
  responses: { 200: jsonAnswer('Brugeren', UserSchema), ...problemResponses(401, 403, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/users',
  tags: ['Users'],
  summary:
    'Create a user (administrators); without a password the user can only use single sign-on',
  request: {
    body: jsonBody(UserInputSchema),
  },
  responses: { 201: jsonAnswer('Oprettet', UserSchema), ...problemResponses(401, 403, 422) },
});

const change = createRoute({
  method: 'put',
  path: '/users/{id}',
  tags: ['Users'],
  summary: "Change a user's name, roles, units and whether they are active (administrators)",
  request: {
    params: IdParam,
    body: jsonBody(UserChangeSchema),
  },
  responses: { 200: jsonAnswer('Gemt', UserSchema), ...problemResponses(401, 403, 404, 409, 422) },
});

const password = createRoute({
  method: 'put',
  path: '/users/{id}/password',
  tags: ['Users'],
  summary: "Set a user's password (administrators); ends the user's other sessions",
  request: { params: IdParam, body: jsonBody(PasswordInputSchema) },
  responses: {
    204: { description: 'Adgangskoden er sat' },
    ...problemResponses(401, 403, 404, 422),
  },
});

const guard = requireAction('users.manage');

export const userRoutes = createRouter();
userRoutes.use('/users', guard);
userRoutes.use('/users/*', guard);
userRoutes
  .openapi(list, async (c) => c.json(await listAllUsers(c.get('deps'), requireActor(c)), 200))
  .openapi(one, async (c) =>
    c.json(await getUser(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(create, async (c) => {
    const user = await createUser(
      c.get('deps'),
      requireActor(c),
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(user, 201);
  })
  .openapi(change, async (c) => {
    const user = await changeUser(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(user, 200);
  })
  .openapi(password, async (c) => {
    await setUserPassword(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json').password,
      c.get('requestId'),
      c.get('session')?.tokenHash,
    );
    return c.body(null, 204);
  });

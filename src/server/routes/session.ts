import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { ROLES } from '../../domain/access';
import { SESSION_COOKIE } from '../middleware/request-context';
import { requireActor } from '../middleware/require-actor';
import { DEVICE_COOKIE, setDeviceCookie, setSessionCookie } from '../middleware/session-cookie';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import { LOGIN_LIMIT, loginWithPassword, logout } from '../services/auth-service';
import { clientAddress } from '../client-address';
import { ACTIONS, grantedActions } from '../policies/policy';

const SessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      roles: z.array(z.enum(ROLES)),
      unitIds: z.array(z.string()),
      actions: z.array(z.enum(ACTIONS)).openapi({
        description:
          "What the user's roles allow, for showing the right controls; the server still checks each request, with the unit.",
      }),
    }),
    csrfToken: z
      .string()
      .openapi({ description: 'Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE.' }),
  })
  .openapi('Session');

const login = createRoute({
  method: 'post',
  path: '/session',
  tags: ['Session'],
  summary: 'Log in with username and password',
  request: {
    body: jsonBody(
      z.object({
        username: z.string().min(1).max(200),
        password: z.string().min(1).max(1000),
      }),
    ),
  },
  responses: {
    200: jsonAnswer('Logget ind', SessionSchema),
    ...problemResponses(401, 422, 429),
  },
});

const current = createRoute({
  method: 'get',
  path: '/session',
  tags: ['Session'],
  summary: 'The current session',
  responses: {
    200: jsonAnswer('Den aktuelle session', SessionSchema),
    ...problemResponses(401),
  },
});

const end = createRoute({
  method: 'delete',
  path: '/session',
  tags: ['Session'],
  summary: 'Log out',
  responses: { 204: { description: 'Logget ud' }, ...problemResponses(401, 403) },
});

export const sessionRoutes = createRouter()
  .openapi(login, async (c) => {
    const body = c.req.valid('json');
    const deps = c.get('deps');
    const session = await loginWithPassword(
      deps,
      { ...body, address: clientAddress(c), deviceToken: getCookie(c, DEVICE_COOKIE) },
      c.get('requestId'),
    );
    setSessionCookie(c, session.token);
    if (session.deviceToken) setDeviceCookie(c, session.deviceToken, LOGIN_LIMIT.deviceDays);
    return c.json(
      { user: session.actor && presentActor(session.actor), csrfToken: session.csrfToken },
      200,
    );
  })
  .openapi(current, (c) => {
    const actor = requireActor(c);
    return c.json({ user: presentActor(actor), csrfToken: c.get('session')?.csrfToken ?? '' }, 200);
  })
  .openapi(end, async (c) => {
    const actor = requireActor(c);
    const session = c.get('session');
    if (session) await logout(c.get('deps'), actor, session.tokenHash, c.get('requestId'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

function presentActor(actor: ReturnType<typeof requireActor>) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    unitIds: actor.unitIds,
    actions: grantedActions(actor),
  };
}

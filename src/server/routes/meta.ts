import { createRoute, z } from '@hono/zod-openapi';
import { getSettings } from '../../db/repositories/organisation';
import { DEMO_USERS } from '../demo/organisation';
import { createRouter, jsonAnswer } from '../openapi';

const route = createRoute({
  method: 'get',
  path: '/meta',
  tags: ['System'],
  summary: 'What the login page needs before anyone is logged in',
  responses: {
    200: jsonAnswer(
      'Offentlige oplysninger',
      z.object({
        municipality: z.string(),
        demo: z.boolean(),
        demoUsers: z.array(
          z.object({
            username: z.string(),
            displayName: z.string(),
            roles: z.array(z.string()),
          }),
        ),
        singleSignOn: z.boolean(),
      }),
    ),
  },
});

export const metaRoutes = createRouter().openapi(route, async (c) => {
  const { db, config } = c.get('deps');
  const settings = await getSettings(db);
  return c.json(
    {
      municipality: settings?.municipality_name ?? '',
      demo: config.demo,
      // Demo logins are shown only in demo mode; a real installation never lists its users.
      demoUsers: config.demo
        ? DEMO_USERS.map((u) => ({
            username: u.username,
            displayName: u.displayName,
            roles: u.roles,
          }))
        : [],
      singleSignOn: Boolean(config.oidc),
    },
    200,
  );
});

import { createRoute, z } from '@hono/zod-openapi';
import { EmailSettingsInput, NotificationListSchema } from '../../shared/schemas/meetings';
import { requireActor } from '../middleware/require-actor';
import { createRouter, problemResponses } from '../openapi';
import {
  listMyNotifications,
  markMyNotificationsRead,
  setMyEmailSettings,
} from '../services/notification-service';
import { translate } from '../../shared/i18n/translate';

const List = NotificationListSchema;
const ok = (description: string) => ({
  200: { description, content: { 'application/json': { schema: List } } },
});

const list = createRoute({
  method: 'get',
  path: '/notifications',
  tags: ['Notifications'],
  summary: "The caller's notifications and how many are unread",
  responses: { ...ok('Notifikationer'), ...problemResponses(401, 403) },
});
const read = createRoute({
  method: 'post',
  path: '/notifications/read',
  tags: ['Notifications'],
  summary: 'Mark the given notifications read, or all when `ids` is left out',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            ids: z
              .array(z.uuid({ error: translate('validation.unknownNotification') }))
              .max(500)
              .optional(),
          }),
        },
      },
    },
  },
  responses: { ...ok('Læst'), ...problemResponses(401, 403, 422) },
});
const email = createRoute({
  method: 'put',
  path: '/notifications/email',
  tags: ['Notifications'],
  summary: "The caller's e-mail address and whether they get the daily digest (audited)",
  request: {
    body: { required: true, content: { 'application/json': { schema: EmailSettingsInput } } },
  },
  responses: { ...ok('Gemt'), ...problemResponses(401, 403, 422) },
});

export const notificationRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json(await listMyNotifications(c.get('deps'), requireActor(c)), 200),
  )
  .openapi(read, async (c) =>
    c.json(
      await markMyNotificationsRead(
        c.get('deps'),
        requireActor(c),
        c.req.valid('json').ids ?? null,
      ),
      200,
    ),
  )
  .openapi(email, async (c) =>
    c.json(
      await setMyEmailSettings(
        c.get('deps'),
        requireActor(c),
        c.req.valid('json'),
        c.get('requestId'),
      ),
      200,
    ),
  );

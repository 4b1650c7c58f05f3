import { createRoute, z } from '@hono/zod-openapi';
import { EmailSettingsInput, NotificationListSchema } from '../../shared/schemas/meetings';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  listMyNotifications,
  markMyNotificationsRead,
  setMyEmailSettings,
} from '../services/notification-service';
import { translate } from '../../shared/i18n/translate';

const List = NotificationListSchema;

const list = createRoute({
  method: 'get',
  path: '/notifications',
  tags: ['Notifications'],
  summary: "The caller's notifications and how many are unread",
  responses: { 200: jsonAnswer('Notifikationer', List), ...problemResponses(401, 403) },
});
const read = createRoute({
  method: 'post',
  path: '/notifications/read',
  tags: ['Notifications'],
  summary: 'Mark the given notifications read, or all when `ids` is left out',
  request: {
    body: jsonBody(
      z.object({
        ids: z
          .array(z.uuid({ error: translate('validation.unknownNotification') }))
          .max(500)
          .optional(),
      }),
    ),
  },
  responses: { 200: jsonAnswer('Læst', List), ...problemResponses(401, 403, 422) },
});
const email = createRoute({
  method: 'put',
  path: '/notifications/email',
  tags: ['Notifications'],
  summary: "The caller's e-mail address and whether they get the daily digest (audited)",
  request: {
    body: jsonBody(EmailSettingsInput),
  },
  responses: { 200: jsonAnswer('Gemt', List), ...problemResponses(401, 403, 422) },
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

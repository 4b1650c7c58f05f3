import { createRoute, z } from '@hono/zod-openapi';
import { todayIn } from '../context';
import { requireAction, requireActor } from '../middleware/require-actor';
import { MEDIA_TYPES } from '../../reports/files';
import { createRouter, fileAnswer, jsonAnswer, problemResponses } from '../openapi';
import { AUDIT_PAGE_MAX, exportAuditCsv, searchAudit } from '../services/audit-service';
import {
  AuditEntryJsonSchema,
  AuditFilterSchema,
  AuditPageJsonSchema,
} from '../../shared/schemas/audit';
import type { JsonValue } from '../../shared/schemas/json';

const search = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Audit'],
  summary: 'The audit trail, newest first, filtered and paged (administrators)',
  request: {
    query: AuditFilterSchema.extend({
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
    }),
  },
  responses: {
    200: jsonAnswer(
      'Hændelser',
      AuditPageJsonSchema.extend({
        items: z.array(AuditEntryJsonSchema.openapi('AuditEntry')),
      }),
    ),
    ...problemResponses(401, 403, 422),
  },
});

const exportCsv = createRoute({
  method: 'get',
  path: '/audit/export',
  tags: ['Audit'],
  summary:
    'The filtered trail as CSV for Excel: UTF-8 with BOM, semicolon-separated, every field quoted (administrators)',
  request: { query: AuditFilterSchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(401, 403, 422),
  },
});

function toFilter(q: z.infer<typeof AuditFilterSchema>) {
  return {
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.user ? { username: q.user } : {}),
    ...(q.objectType ? { objectType: q.objectType } : {}),
    ...(q.objectId ? { objectId: q.objectId } : {}),
    ...(q.action ? { action: q.action } : {}),
  };
}

const guard = requireAction('audit.read');

export const auditRoutes = createRouter();
auditRoutes.use('/audit', guard);
auditRoutes.use('/audit/*', guard);
auditRoutes
  .openapi(search, async (c) => {
    const q = c.req.valid('query');
    const result = await searchAudit(c.get('deps'), requireActor(c), toFilter(q), {
      page: q.page,
      pageSize: q.pageSize,
    });
    return c.json(
      {
        items: result.rows.map((r) => ({
          id: r.id,
          at: r.at,
          username: r.actor_username,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          objectName: r.object_name ?? null,
          unitId: r.unit_id,
          // jsonb columns: what was recorded, read back as JSON
          before: r.before as JsonValue,
          after: r.after as JsonValue,
          requestId: r.request_id,
        })),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      },
      200,
    );
  })
  .openapi(exportCsv, async (c) => {
    const q = c.req.valid('query');
    const { csv } = await exportAuditCsv(
      c.get('deps'),
      requireActor(c),
      toFilter(q),
      c.get('requestId'),
    );
    const stamp = todayIn(c.get('deps'));
    return fileAnswer(c, {
      body: csv,
      contentType: MEDIA_TYPES.csv,
      filename: `revisionsspor-${stamp}.csv`,
    });
  });

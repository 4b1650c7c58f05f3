import { z } from 'zod';
import { IsoDateText } from './dates';
import { JsonValueSchema } from './json';
import { FreeText } from './text';

/** The audit trail as the API speaks it (administrators); the route names an entry AuditEntry. */

/** What the trail is filtered by; every field may be left out. */
export const AuditFilterSchema = z.object({
  from: IsoDateText.optional().meta({ description: 'First day (Danish time), YYYY-MM-DD' }),
  to: IsoDateText.optional().meta({ description: 'Last day, inclusive, YYYY-MM-DD' }),
  user: FreeText.max(200).optional().meta({ description: 'Username of who acted' }),
  objectType: FreeText.max(100).optional().meta({ example: 'unit' }),
  objectId: FreeText.max(200).optional(),
  action: FreeText.max(100).optional().meta({ example: 'update' }),
});

export const AuditEntryJsonSchema = z.object({
  id: z.number().int(),
  at: z.string().meta({ description: 'UTC, ISO 8601' }),
  username: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectName: z.string().nullable().meta({
    description: "the object's name as it is now (a case's ref, a plan's title and unit …)",
  }),
  unitId: z.string().nullable(),
  before: JsonValueSchema,
  after: JsonValueSchema,
  requestId: z.string().nullable(),
});
export type AuditEntryJson = z.infer<typeof AuditEntryJsonSchema>;

/** One page of the trail, newest first. */
export const AuditPageJsonSchema = z.object({
  items: z.array(AuditEntryJsonSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPageJson = z.infer<typeof AuditPageJsonSchema>;

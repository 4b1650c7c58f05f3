import { z } from 'zod';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const ref = { $ref: '#/components/schemas/JsonValue' };

/**
 * Any JSON value, named `JsonValue` in the OpenAPI document: what a snapshot stored as JSON (an
 * audit row's before and after) holds. Its JSON Schema is written out here because the
 * document's generator cannot follow a recursive zod schema.
 */
export const JsonValueSchema = (z.unknown() as z.ZodType<JsonValue>).meta({
  id: 'JsonValue',
  description: 'any JSON value',
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', items: ref },
    { type: 'object', additionalProperties: ref },
  ],
});

/** A JSON object of JSON values. */
export const JsonObjectSchema = z.record(z.string(), JsonValueSchema);

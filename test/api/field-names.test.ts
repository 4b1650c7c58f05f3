import { afterAll, describe, expect, it } from 'vitest';
import da from '../../src/shared/i18n/da/common.json';
import { createTestApp } from '../app';

/**
 * A problem names the field it is about in Danish (`fields.names`, shown by the web's
 * `ErrorMessage` as "Sag 4 › Indsats 2 › Startdato"), never by its technical path: so every
 * field the API takes, in a body or a query string, has a Danish name.
 */

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const ctx = await createTestApp();
const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as Document;
afterAll(() => ctx.close());

/** The names of the properties inside `schema`, all the way down. */
function fieldNames(schema: unknown, out: Set<string>, seen: Set<string>): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? '';
    if (seen.has(name)) return;
    seen.add(name);
    fieldNames(doc.components?.schemas?.[name], out, seen);
    return;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const part of (s[key] as unknown[] | undefined) ?? []) fieldNames(part, out, seen);
  for (const [name, value] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    out.add(name);
    fieldNames(value, out, seen);
  }
  fieldNames(s.items, out, seen);
  fieldNames(s.additionalProperties, out, seen);
}

describe('field names in problems', () => {
  it('has a Danish name for every field the API takes', () => {
    const names = new Set<string>();
    for (const operations of Object.values(doc.paths))
      for (const operation of Object.values(operations)) {
        for (const p of operation.parameters ?? []) if (p.in === 'query') names.add(p.name);
        for (const content of Object.values(operation.requestBody?.content ?? {}))
          fieldNames(content.schema, names, new Set());
      }
    const danish = da.fields.names as Record<string, string>;
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter((name) => !(name in danish)).sort()).toEqual([]);
  });
});

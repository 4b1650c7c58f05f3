import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../app';

/**
 * The OpenAPI document describes every answer: each JSON body a 2xx answer sends has a schema
 * that says what is in it, all the way down. Untyped is a schema with no `type`, `$ref`,
 * `enum`, `const` or `anyOf`/`oneOf`/`allOf` (zod's `z.any()`/`z.unknown()` give `{}`), and an
 * object with neither properties nor typed additional properties. A client generated from the
 * document, and the fuzzer's check of every 2xx body, then know every field.
 */

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

const ctx = await createTestApp();
const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as Document;
afterAll(() => ctx.close());

/** Where in `schema` something is untyped, as paths like `.items[].before`. */
function untypedIn(schema: unknown, where: string, seen: Set<string>): string[] {
  if (schema === true || schema === undefined || schema === null) return [`${where}: any value`];
  if (typeof schema !== 'object') return [];
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? '';
    if (seen.has(name)) return [];
    const target = doc.components?.schemas?.[name];
    if (!target) return [`${where}: $ref to a missing ${name}`];
    return untypedIn(target, `${where}→${name}`, new Set([...seen, name]));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const parts = s[key];
    if (Array.isArray(parts))
      return parts.flatMap((p, i) => untypedIn(p, `${where}.${key}[${i}]`, seen));
  }
  if ('enum' in s || 'const' in s) return [];
  if (s.type === undefined) return [`${where}: no type`];
  const types = ([] as unknown[]).concat(s.type);
  const found: string[] = [];
  if (types.includes('object')) {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    const extra = s.additionalProperties;
    const typedExtra = typeof extra === 'object' && extra !== null && Object.keys(extra).length > 0;
    if (Object.keys(properties).length === 0 && !typedExtra)
      found.push(`${where}: an object with no properties`);
    for (const [name, value] of Object.entries(properties))
      found.push(...untypedIn(value, `${where}.${name}`, seen));
    if (typedExtra) found.push(...untypedIn(extra, `${where}.*`, seen));
  }
  if (types.includes('array')) found.push(...untypedIn(s.items, `${where}[]`, seen));
  return found;
}

describe('the OpenAPI document has no untyped answer', () => {
  const answers = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, op]) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries(response.content ?? {})
            .filter(([type]) => type.includes('json'))
            .map(([, content]) => ({
              name: `${method.toUpperCase()} ${path} ${status}`,
              schema: content.schema,
            })),
        ),
    ),
  );

  it('declares JSON answers at all', () => {
    expect(answers.length).toBeGreaterThan(100);
  });

  it('types every field of every 2xx JSON body', () => {
    const untyped = answers.flatMap((a) => untypedIn(a.schema, a.name, new Set()));
    expect(untyped).toEqual([]);
  });

  it('finds an untyped field where one is', () => {
    doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Loose: {} } };
    expect(untypedIn({ type: 'object', properties: { a: {} } }, 'x', new Set())).toEqual([
      'x.a: no type',
    ]);
    expect(
      untypedIn({ type: 'array', items: { $ref: '#/components/schemas/Loose' } }, 'x', new Set()),
    ).toEqual(['x[]→Loose: no type']);
    expect(untypedIn({ type: 'object' }, 'x', new Set())).toEqual([
      'x: an object with no properties',
    ]);
    expect(
      untypedIn({ type: 'object', additionalProperties: { type: 'integer' } }, 'x', new Set()),
    ).toEqual([]);
  });
});

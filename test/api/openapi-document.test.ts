import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../app';

/**
 * The OpenAPI document the app serves at `/api/openapi.json` is committed as
 * `docs/openapi.json`, so a change to what the API accepts or answers (a schema moved, renamed
 * or loosened) shows up in review as a change of that file. `npm run openapi` writes it anew.
 */

const FILE = path.resolve('docs/openapi.json');
const WRITE = process.env.OPENAPI_WRITE === '1';

const ctx = await createTestApp();
afterAll(() => ctx.close());

/** The document as the committed file holds it: formatted as `prettier --check` wants it. */
async function generated(): Promise<string> {
  const doc: unknown = await (await ctx.app.request('/api/openapi.json')).json();
  const options = (await resolveConfig(FILE)) ?? {};
  return format(JSON.stringify(doc, null, 2), { ...options, parser: 'json' });
}

/** Where two JSON values differ, as paths like `paths./api/units.get.responses.200`. */
function differences(a: unknown, b: unknown, where = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b))
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${where || '(document)'}: changed`];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key) => {
    const at = where ? `${where}.${key}` : key;
    if (!(key in a)) return [`${at}: added`];
    if (!(key in b)) return [`${at}: removed`];
    return differences(a[key], b[key], at);
  });
}

describe('the OpenAPI document', () => {
  it('is the committed docs/openapi.json', async () => {
    const text = await generated();
    if (WRITE) await writeFile(FILE, text);
    const committed = await readFile(FILE, 'utf8').catch(() => '');
    if (committed === text) return;
    const changed = committed
      ? differences(JSON.parse(committed), JSON.parse(text))
      : ['docs/openapi.json: missing'];
    expect.fail(
      [
        'The API the app describes differs from docs/openapi.json:',
        ...changed.slice(0, 30).map((c) => `  ${c}`),
        ...(changed.length > 30 ? [`  … and ${changed.length - 30} more`] : []),
        ...(changed.length === 0 ? ['  (the same document, written differently)'] : []),
        'If the change is meant, write the document with `npm run openapi` and commit it.',
      ].join('\n'),
    );
  });

  it('names where two documents differ', () => {
    expect(differences({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] }, d: 0 })).toEqual([
      'b.c.1: changed',
      'd: added',
    ]);
    expect(differences({ a: { b: 1 } }, {})).toEqual(['a: removed']);
    expect(differences([1], { 0: 1 })).toEqual(['(document): changed']);
  });
});

import { appendFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerChecker, Generator, idsIn, type OpenApiDocument } from '../fuzz';
import { createTestApp, createUnit, createUser, TestClient } from '../app';

/**
 * Every operation of the OpenAPI document, called with requests made from its own declared
 * parameters and body (`test/fuzz.ts`): plausible values, boundaries, wrong types, hostile
 * text, a wrong Content-Type, broken JSON and unknown ids, as a user who may call it. No
 * answer is a 5xx; every 4xx is problem+json with the Danish text of its code; every status is
 * one the document declares; every 2xx JSON body matches its declared schema.
 *
 * Bounded and repeatable: FUZZ_COUNT requests per operation (default 24) from FUZZ_SEED.
 * `FUZZ_COUNT=200 npx vitest run test/api/fuzz.test.ts` for a longer run; FUZZ_REPORT=<file>
 * appends every finding to the file.
 */
const COUNT = Number(process.env.FUZZ_COUNT ?? 24);
const SEED = process.env.FUZZ_SEED ?? 'overblik';

const ctx = await createTestApp();
const unitId = await createUnit(ctx.db, 'Myndighed børn og unge');
await createUnit(ctx.db, 'Børnehandicap');
const fuzzUserId = await createUser(ctx.db, {
  username: 'fuzz',
  roles: ['administrator', 'okonomikonsulent'],
});
await createUser(ctx.db, { username: 'leaving', roles: ['okonomikonsulent'], unitIds: [unitId] });
const client = new TestClient(ctx);
await client.login('fuzz');
/** logs itself out through DELETE /api/session; the main client stays logged in */
const leaving = new TestClient(ctx);
await leaving.login('leaving');
const anonymous = new TestClient(ctx);

const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as OpenApiDocument;
const seen = new Set<string>([unitId]);
const ids: string[] = [unitId];
const generator = new Generator(doc, ids);
const checker = new AnswerChecker(doc);
const statuses = new Map<number, number>();
let requests = 0;

afterAll(async () => {
  const summary = [...statuses.entries()].sort(([a], [b]) => a - b);
  process.stdout.write(
    `fuzz: ${Object.values(doc.paths).flatMap(Object.keys).length} operations, ${requests} requests, statuses ${JSON.stringify(Object.fromEntries(summary))}\n`,
  );
  await ctx.close();
});

describe('every operation of the OpenAPI document survives fuzzed input', () => {
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      it(`${method.toUpperCase()} ${path}`, async () => {
        const problems: string[] = [];
        const caller =
          path === '/api/session' ? (method === 'delete' ? leaving : anonymous) : client;
        for (const r of generator.requests(method.toUpperCase(), path, op, COUNT, SEED)) {
          const response = await caller.request(
            r.method,
            r.path,
            r.body,
            r.contentType ? { 'Content-Type': r.contentType } : {},
          );
          requests++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const text = await response.text();
          const type = response.headers.get('content-type') ?? '';
          const problem = checker.check(op, `${method} ${path}`, response.status, type, text);
          if (problem) problems.push(`${r.kind} ${r.method} ${r.path.slice(0, 200)}: ${problem}`);
          if (response.ok && type.startsWith('application/json')) {
            const found = new Set<string>();
            idsIn(JSON.parse(text), found);
            for (const id of found)
              if (id !== fuzzUserId && !seen.has(id) && ids.length < 300) {
                seen.add(id);
                ids.push(id);
              }
          }
        }
        // still logged in: a request that ended the session would hide every later finding
        expect((await client.get('/api/session')).status).toBe(200);
        if (problems.length && process.env.FUZZ_REPORT)
          appendFileSync(process.env.FUZZ_REPORT, problems.map((p) => `${p}\n`).join(''));
        expect(problems).toEqual([]);
      });
    }
  }
});

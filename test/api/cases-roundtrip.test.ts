import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/server/demo/cases';
import { DEMO_UNITS } from '../../src/server/demo/organisation';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * Export → import is lossless on the demo municipality: its cases exported and imported into a
 * fresh database give the same document back and the same statements. The fresh database's
 * approval rules are switched off first: the demo's cases were decided before Overblik held
 * grants for approval, and a grant a rule catches is imported as expected by design.
 */
let source: TestContext;
let target: TestContext;
let fromDemo: TestClient;
let fresh: TestClient;

async function open(seed: boolean): Promise<[TestContext, TestClient]> {
  const ctx = await createTestApp();
  for (const unit of DEMO_UNITS) await createUnit(ctx.db, unit.name);
  if (seed) await ctx.db.transaction((tx) => seedDemoCases(tx, ctx.deps.now()));
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  const client = new TestClient(ctx);
  await client.login('admin');
  return [ctx, client];
}

beforeAll(async () => {
  [source, fromDemo] = await open(true);
  [target, fresh] = await open(false);
  const rules = (await (await fresh.get('/api/approval-rules')).json()) as {
    items: { id: string; params: unknown; version: number }[];
  };
  for (const rule of rules.items) {
    const off = { enabled: false, params: rule.params, version: rule.version };
    expect((await fresh.put(`/api/approval-rules/${rule.id}`, off)).status).toBe(200);
  }
}, 180_000);
afterAll(async () => {
  await source.close();
  await target.close();
});

interface Statement {
  rows: { key: string; label: string; cases: { id: string; ref: string }[] }[];
}

/** A statement without the database's own ids (a unit row's key is its id; the label stays). */
async function statement(client: TestClient, query: string): Promise<unknown> {
  const response = await client.get(`/api/commitments/statement?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as Statement;
  return {
    ...body,
    rows: body.rows
      .map(({ key: _key, ...r }) => ({ ...r, cases: r.cases.map((c) => c.ref) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

describe('cases export → import on the demo', () => {
  it('imports every exported case and gives the same document and statements back', async () => {
    const exported = await fromDemo.get('/api/cases/export');
    expect(exported.status).toBe(200);
    const document = (await exported.json()) as { cases: unknown[] };
    expect(document.cases.length).toBeGreaterThan(100);

    // the cases name providers of the source's register: a fresh installation registers them
    // first (an import never registers a provider on its own)
    const registered = new Set(
      ((await (await fresh.get('/api/providers')).json()) as { name: string }[]).map((p) => p.name),
    );
    const providers = (await (await fromDemo.get('/api/providers')).json()) as {
      name: string;
      cvr: string | null;
      external: boolean;
    }[];
    for (const p of providers.filter((x) => !registered.has(x.name)))
      expect((await fresh.post('/api/providers', p)).status).toBe(201);

    const imported = await fresh.post('/api/cases/import', document);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({
      created: document.cases.length,
      pendingApprovals: 0,
    });

    const again = await fresh.get('/api/cases/export');
    expect(await again.json()).toEqual(document);
    for (const query of [
      'year=2019&asOf=2019-12-31&by=category',
      'year=2020&asOf=2020-05-31&by=unit',
      'year=2025&asOf=2025-06-30&by=provider',
      'year=2026&asOf=2026-11-23&by=month',
    ]) {
      expect(await statement(fresh, query)).toEqual(await statement(fromDemo, query));
    }
  }, 180_000);
});

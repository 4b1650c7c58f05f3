import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/access';
import { writeCasesDocument } from '../../src/domain/cases';
import { distinctProviders } from '../../src/domain/providers';
import { ensureProviders } from '../../src/db/repositories/providers';
import { createApp } from '../../src/server/app';
import { generateCases } from '../../src/server/demo/generator/generator';
import { loadConfig } from '../../src/server/env';
import { importCases } from '../../src/server/services/case-service';
import { statementWorkersFor } from '../../src/server/workers/statement-pool';
import { STATEMENT_DIMENSIONS } from '../../src/shared/schemas/cases';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * The commitment figures computed on statement workers (PostgreSQL) answer exactly what the
 * request thread computes: the same figures to the øre, the same case-level parts for the same
 * actors, the same refusals and the same audit rows. On PGlite no worker is started.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(onPostgres)('statement workers on PGlite', () => {
  it('are not started: the figures are computed on the request thread', async () => {
    const ctx = await createTestApp({ STATEMENT_WORKERS: '2' });
    try {
      expect(ctx.deps.statementWorkers).toBeNull();
      await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'] });
      const client = new TestClient(ctx);
      await client.login('okonomi');
      const response = await client.get(
        '/api/commitments/statement?year=2025&asOf=2025-12-31&by=category',
      );
      expect(response.status).toBe(200);
    } finally {
      await ctx.close();
    }
  });
});

/** Every commitment read through the workers, in several shapes. */
const READS = [
  ...STATEMENT_DIMENSIONS.map(
    (by) => `/api/commitments/statement?year=2025&asOf=2025-12-31&by=${by}`,
  ),
  '/api/commitments/statement?year=2025&asOf=2025-09-30&by=category&group=anbringelse',
  '/api/commitments/statement?year=2025&asOf=2025-09-30&by=provider&kind=ekstern',
  '/api/commitments/statement?year=2025&asOf=2025-09-30&by=unit&unit=Myndighed',
  '/api/commitments/statement.xlsx?year=2025&asOf=2025-12-31&by=category',
  '/api/commitments?year=2025&asOf=2025-10-31',
  '/api/commitments?year=2024&asOf=2024-06-30&unit=Ungeteam',
  '/api/commitments/movement?year=2025&from=2025-03-31&to=2025-09-30',
  '/api/commitments/families?date=2025-06-30',
  '/api/commitments/reimbursement?year=2025&asOf=2025-12-31',
];

describe.runIf(onPostgres)('statement workers on PostgreSQL', () => {
  let ctx: TestContext;
  /** the same app on the same database, computing on the request thread */
  let inProcess: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp({ STATEMENT_WORKERS: '2' });
    inProcess = {
      ...ctx,
      app: createApp({
        ...ctx.deps,
        config: loadConfig({ DEMO: '0', STATEMENT_WORKERS: '0' }),
        heavyReads: undefined,
        statementWorkers: undefined,
      }),
    };
    const units = { children: 'Myndighed', youth: 'Ungeteam', disability: 'Børnehandicap' };
    const ids = {
      children: await createUnit(ctx.db, units.children),
      youth: await createUnit(ctx.db, units.youth),
      disability: await createUnit(ctx.db, units.disability),
    };
    const generated = generateCases({
      seed: 7,
      cases: 120,
      fromYear: 2023,
      toYear: 2025,
      units,
      measureWeights: [2, 3, 3, 2],
    });
    await ensureProviders(ctx.db, distinctProviders(generated.cases), 'test', new Date());
    await importCases(
      ctx.deps,
      SYSTEM_ACTOR,
      writeCasesDocument(generated.cases, generated.rates),
      'test',
    );
    const all = Object.values(ids);
    await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: all });
    await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [ids.children] });
    await createUser(ctx.db, {
      username: 'leder',
      roles: ['funktionsleder'],
      unitIds: [ids.youth],
    });
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  /** One read as a user, from the workers and on the request thread, with the audit rows each wrote. */
  async function bothWays(username: string, path: string) {
    const answers = [];
    for (const app of [ctx, inProcess]) {
      const client = new TestClient(app);
      await client.login(username);
      const [{ last }] = (await ctx.db.query<{ last: number | null }>(
        'SELECT max(id)::int AS last FROM audit_log',
      )) as [{ last: number | null }];
      const response = await client.get(path);
      const type = response.headers.get('Content-Type') ?? '';
      // a problem's request id is the request's own
      const body = type.includes('json')
        ? ({ ...((await response.json()) as object), requestId: undefined } as unknown)
        : (await response.arrayBuffer()).byteLength;
      const audit = await ctx.db.query(
        `SELECT actor_username, action, object_type, object_id, unit_id, after
           FROM audit_log
          WHERE id > $1 AND (object_type LIKE 'commitment%' OR object_type = 'case')
          ORDER BY id`,
        [last ?? 0],
      );
      answers.push({ status: response.status, type, body, audit });
    }
    return { workers: answers[0]!, inProcess: answers[1]! };
  }

  it('answer every commitment read exactly as the request thread does, for each kind of reader', async () => {
    const before = ctx.deps.statementWorkers?.completed ?? 0;
    let answered = 0;
    for (const username of ['okonomi', 'laeser', 'leder']) {
      for (const path of READS) {
        const { workers, inProcess: here } = await bothWays(username, path);
        expect({ username, path, ...workers }).toEqual({ username, path, ...here });
        if (workers.status === 200) answered++;
      }
    }
    // the answers did come from the workers, each computed there once
    expect(ctx.deps.statementWorkers?.threads).toBe(2);
    expect((ctx.deps.statementWorkers?.completed ?? 0) - before).toBe(answered);
  }, 180_000);

  it('give the figures and the case-level parts as before: totals for læser, cases for a reader of the cases', async () => {
    const path = '/api/commitments/statement?year=2025&asOf=2025-12-31&by=category';
    const okonomi = await bothWays('okonomi', path);
    const laeser = await bothWays('laeser', path);
    type Statement = {
      caseLevel: boolean;
      expected: { total: number };
      rows: { cases: unknown[] }[];
    };
    const o = okonomi.workers.body as Statement;
    const l = laeser.workers.body as Statement;
    expect(o.caseLevel).toBe(true);
    expect(o.expected.total).toBeGreaterThan(0);
    expect(o.rows.some((r) => r.cases.length > 0)).toBe(true);
    expect(okonomi.workers.audit).toHaveLength(1);
    expect(okonomi.workers.audit[0]).toMatchObject({ object_type: 'commitment.statement' });
    // læser: the figures of their own unit only, no case named, no read logged
    expect(l.caseLevel).toBe(false);
    expect(l.expected.total).toBeLessThan(o.expected.total);
    expect(l.rows.every((r) => r.cases.length === 0)).toBe(true);
    expect(laeser.workers.audit).toEqual([]);
  }, 60_000);

  it('refuse a unit outside the actor’s units exactly as before, in Danish', async () => {
    const { workers, inProcess: here } = await bothWays(
      'leder',
      '/api/commitments/statement?year=2025&asOf=2025-12-31&by=category&unit=Myndighed',
    );
    expect(workers.status).toBe(404);
    expect(workers.type).toContain('application/problem+json');
    expect(workers.body).toEqual(here.body);
    expect((workers.body as { detail: string }).detail).toMatch(/[a-zæøå]/);
  }, 60_000);

  it('answer 503 in Danish when a worker dies, and the server goes on', async () => {
    const fragile = {
      ...ctx,
      deps: { ...ctx.deps },
    };
    // a heap too small for any statement: the worker thread is ended by V8, not the process
    const workers = statementWorkersFor(
      { ...ctx.deps, config: { ...ctx.deps.config, statementWorkers: 1 } },
      { resourceLimits: { maxOldGenerationSizeMb: 4 } },
    );
    fragile.app = createApp({ ...fragile.deps, heavyReads: undefined, statementWorkers: workers });
    try {
      const client = new TestClient(fragile);
      await client.login('okonomi');
      const response = await client.get(
        '/api/commitments/statement?year=2025&asOf=2025-12-31&by=category',
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(await response.json()).toMatchObject({
        code: 'computation_interrupted',
        detail: 'Beregningen blev afbrudt, før den var færdig. Prøv igen om lidt.',
      });
      // the process and its other reads are unharmed
      expect((await client.get('/api/session')).status).toBe(200);
    } finally {
      await workers?.close();
    }
    expect(workers?.threads).toBe(0);
  }, 60_000);

  it('are closed with the server: no thread is left running', async () => {
    const workers = ctx.deps.statementWorkers;
    expect(workers?.threads).toBeGreaterThan(0);
    await ctx.close();
    expect(workers?.threads).toBe(0);
    ctx = undefined as unknown as TestContext;
  }, 60_000);
});

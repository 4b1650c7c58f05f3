import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresVersion } from '../../src/db/repositories/forecast';
import { createApp } from '../../src/server/app';
import { KEEP_FIGURES_JOB, registerKeepFiguresJob } from '../../src/server/jobs/keep-figures';
import { drainJobs } from '../../src/server/jobs/worker';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { monthlyIntervention } from '../case-documents';
import { recordingQueries } from '../db';

// After a change to what the forecast is computed from, a background job (migration 0033) computes
// the forecasts the front page opens at, once for every scope a user reads them in, and keeps
// them for every app server: the first reader after the change, on any server, reads them kept.

let ctx: TestContext;
let a: TestClient;
let familie: string;

const FRONT_PAGE = '/api/forecast?year=2026&asOf=2026-10-31'; // today 23.11.2026, nothing booked

const intervention = monthlyIntervention(60_000);

interface Required {
  asOf: string;
  items: { unit: { id: string }; expectedOverspend: number }[];
}

interface Forecast {
  area: { committed: number; forecast: number };
  units: { unitId: string; committed: number }[];
}

/**
 * A server that has just started (its own app, nothing kept in its memory), on the same
 * database: the user's front-page forecast and the statements it sent to answer it.
 */
async function frontPageOnFreshServer(
  username: string,
): Promise<{ forecast: Forecast; required: Required; heavy: string[] }> {
  const sent: string[] = [];
  const db = recordingQueries(ctx.db, sent);
  const client = new TestClient({ ...ctx, db, app: createApp({ ...ctx.deps, db }) });
  await client.login(username);
  sent.length = 0;
  const forecast = await client.get(FRONT_PAGE);
  expect(forecast.status).toBe(200);
  const required = await client.get('/api/action-plans/required?year=2026');
  expect(required.status).toBe(200);
  // the cases, the postings or the monthly sums of them (the booked period reads only the
  // first and last month of each import's totals)
  const heavy = sent.filter((sql) => /ledger_postings|spending_ore|case_interventions/.test(sql));
  return {
    forecast: (await forecast.json()) as Forecast,
    required: (await required.json()) as Required,
    heavy,
  };
}

async function keepJobs(): Promise<{ status: string; result: unknown }[]> {
  return ctx.db.query('SELECT status, result FROM jobs WHERE kind = $1 ORDER BY created_at', [
    KEEP_FIGURES_JOB,
  ]);
}

beforeAll(async () => {
  ctx = await createTestApp();
  registerKeepFiguresJob(ctx.deps);
  const myndighed = await createUnit(ctx.db, 'Myndighed');
  familie = await createUnit(ctx.db, 'Familie');
  await createUser(ctx.db, { username: 'direktion', roles: ['ledelse'] });
  await createUser(ctx.db, {
    username: 'leder',
    roles: ['funktionsleder', 'okonomikonsulent'],
    unitIds: [familie],
  });
  // a second head of the same unit reads in the same scope: it is kept once
  await createUser(ctx.db, { username: 'leder2', roles: ['funktionsleder'], unitIds: [familie] });
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent', 'administrator'] });
  a = new TestClient(ctx);
  await a.login('okonomi');
  const imported = await a.post('/api/cases/import', {
    format: 'overblik/cases@1',
    rates: [],
    cases: [
      {
        ref: 'A-1',
        household: 'H-1',
        unit: 'Familie',
        person: { ref: 'B-1', birthDate: '2012-04-01' },
        interventions: [{ ref: 'I-1', ...intervention }],
      },
    ],
  });
  expect(imported.status).toBe(200);
  const budget = await a.put('/api/budgets/2026', {
    lines: [
      { unitId: familie, accountFunction: '5.28.23', original: 10_000 },
      { unitId: myndighed, accountFunction: '5.28.23', original: 500_000 },
    ],
  });
  expect(budget.status).toBe(200);
});
afterAll(() => ctx.close());

describe('the front page’s forecasts kept in the background', () => {
  it('queues one job for the changes made while none ran, and keeps every reader’s scope', async () => {
    expect((await keepJobs()).map((j) => j.status)).toEqual(['queued']);
    await drainJobs(ctx.db);
    const [job] = await keepJobs();
    // the whole municipality, and the unit the two heads of Familie read
    expect(job).toEqual({
      status: 'done',
      result: { kept: ['forecast', 'overspend'], year: 2026, asOf: '2026-10-31', scopes: 2 },
    });
    const whole = await frontPageOnFreshServer('direktion');
    expect(whole.heavy).toEqual([]);
    // Familie: November and December committed, 2 × 60.000 kr., against a budget of 10.000 kr.
    expect(whole.required.asOf).toBe('2026-10-31');
    expect(whole.required.items.map((i) => [i.unit.id, i.expectedOverspend])).toEqual([
      [familie, 110_000],
    ]);
    const own = await frontPageOnFreshServer('leder');
    expect(own.heavy).toEqual([]);
    expect(own.forecast.units.map((u) => u.unitId)).toEqual([familie]);
    // what was kept is what a computation from scratch gives
    await ctx.db.query('DELETE FROM kept_figures');
    const computed = await frontPageOnFreshServer('direktion');
    expect(computed.heavy).not.toEqual([]);
    expect(computed.forecast).toEqual(whole.forecast);
    expect(computed.required).toEqual(whole.required);
  });

  it('keeps the figures after a saved case before anyone asks; the job before it is removed', async () => {
    const before = await frontPageOnFreshServer('direktion');
    const [row] = await ctx.db.query<{ id: string; version: number }>(
      "SELECT id, version FROM cases WHERE ref = 'A-1'",
    );
    const added = await a.post(`/api/cases/${row?.id}/interventions`, {
      version: row?.version,
      intervention: {
        ...intervention,
        status: 'expected',
        decidedOn: '2026-09-10',
        startDate: '2026-11-01',
        paragraph: 'Barnets lov § 32, stk. 1, nr. 3',
        followOn: false,
        endDate: null,
        payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 5_000 },
      },
    });
    expect(added.status).toBe(201);
    expect((await keepJobs()).map((j) => j.status)).toEqual(['done', 'queued']);
    await drainJobs(ctx.db);
    expect((await keepJobs()).map((j) => j.status)).toEqual(['done']);
    const after = await frontPageOnFreshServer('direktion');
    expect(after.heavy).toEqual([]);
    // November and December of the new intervention, 5.000 kr. a month
    expect(after.forecast.area.committed).toBe(before.forecast.area.committed + 10_000);
    expect(after.required.items.map((i) => i.expectedOverspend)).toEqual([
      (before.required.items[0]?.expectedOverspend ?? 0) + 10_000,
    ]);
  });

  it('computes the required plans within one heavy-read slot (a kept read never waits for a second)', async () => {
    await ctx.db.query('DELETE FROM kept_figures');
    const db = recordingQueries(ctx.db, []);
    const config = { ...ctx.deps.config, heavyReads: 1 };
    const app = createApp({ ...ctx.deps, db, config, heavyReads: undefined });
    const client = new TestClient({ ...ctx, db, app });
    await client.login('direktion');
    const answers = await Promise.all([
      client.get('/api/action-plans/required?year=2026'),
      client.get('/api/action-plans/required?year=2026&asOf=2026-09-30'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
  });

  it('on PGlite ends each job without computing (its one connection is left to the users)', async () => {
    registerKeepFiguresJob(ctx.deps, { computes: false });
    const adjusted = await a.post('/api/forecast/adjustments', {
      unitId: familie,
      accountFunction: '5.28.23',
      year: 2026,
      amount: 5_000,
      reason: 'Forventet efterregning',
    });
    expect(adjusted.status).toBeLessThan(300);
    await drainJobs(ctx.db);
    expect(await keepJobs()).toEqual([
      { status: 'done', result: { kept: [], year: 2026, asOf: '2026-10-31', scopes: 0 } },
    ]);
    // nothing kept for the figures as they now stand
    const [kept] = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM kept_figures WHERE version = $1',
      [await figuresVersion(ctx.db)],
    );
    expect(kept?.n).toBe(0);
  });
});

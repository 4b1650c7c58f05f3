import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingQueries } from '../db';
import { createApp } from '../../src/server/app';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { monthlyIntervention } from '../case-documents';
import { insertPosting } from '../postings';

// The forecast and its backtest are kept whole by each app server for the versions of what they
// are computed from (migrations 0027 and 0028). Two app servers on one database: a change made
// through one shows in the other's next answer, whatever it changed (a case, a correction, a
// ledger import, a budget correction, an adjustment), and nothing decided after an as-of date
// changes the figures as of that date.

let ctx: TestContext;
let unitId: string;
/** The second server: its own app and its own kept figures, on the same database. */
let other: TestContext;
/** Queries the second server sent, in order. */
const sent: string[] = [];
let a: TestClient;
let b: TestClient;

interface Unit {
  unitId: string;
  unitName: string;
  budget: number;
  actuals: number;
  committed: number;
  adjustments: number;
  forecast: number;
}
async function forecastOn(client: TestClient, asOf = '2026-10-31'): Promise<Unit> {
  const response = await client.get(`/api/forecast?year=2026&asOf=${asOf}&method=none`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { units: Unit[] };
  const unit = body.units.find((u) => u.unitId === unitId);
  if (!unit) throw new Error('the unit is not in the forecast');
  return unit;
}

interface Backtest {
  units: { unitId: string; points: { year: number; asOf: string; final: number }[] }[];
}
async function finalsOn(client: TestClient): Promise<number[]> {
  const response = await client.get('/api/forecast/backtest?beforeYear=2026&months=10');
  expect(response.status).toBe(200);
  const body = (await response.json()) as Backtest;
  return (body.units.find((u) => u.unitId === unitId)?.points ?? []).map((p) => p.final);
}

async function caseOf(ref: string): Promise<{ id: string; version: number }> {
  const [row] = await ctx.db.query<{ id: string; version: number }>(
    'SELECT id, version FROM cases WHERE ref = $1',
    [ref],
  );
  if (!row) throw new Error(`no case ${ref}`);
  return row;
}

/** Uploads a KMD Opus file through server A and follows its job until it has finished. */
async function importLedger(year: number, lines: string[]): Promise<void> {
  const file = ['Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst', ...lines]
    .join('\r\n')
    .concat('\r\n');
  const response = await a.request(
    'POST',
    `/api/ledger/imports?source=KMD%20Opus&year=${year}&fileName=opus-${year}.csv`,
    file,
    { 'Content-Type': 'text/csv' },
  );
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  for (let i = 0; i < 500; i++) {
    const job = (await (await a.get(`/api/jobs/${jobId}`)).json()) as { status: string };
    if (job.status === 'done') return;
    expect(job.status).not.toBe('failed');
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('the import did not finish');
}

const intervention = monthlyIntervention(60_000);

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, {
    username: 'leder',
    roles: ['funktionsleder', 'okonomikonsulent'],
    unitIds: [unitId],
  });
  // server B: the same database, its own app (and so its own kept figures), counting its queries
  const counted = recordingQueries(ctx.db, sent);
  other = { ...ctx, db: counted, app: createApp({ ...ctx.deps, db: counted }) };
  a = new TestClient(ctx);
  b = new TestClient(other);
  await a.login('leder');
  await b.login('leder');
  const imported = await a.post('/api/cases/import', {
    format: 'overblik/cases@1',
    rates: [],
    cases: [
      {
        ref: 'A-1',
        household: 'H-1',
        unit: 'Myndighed',
        person: { ref: 'B-1', birthDate: '2012-04-01' },
        interventions: [{ ref: 'I-1', ...intervention }],
      },
    ],
  });
  expect(imported.status).toBe(200);
  const budget = await a.put('/api/budgets/2026', {
    lines: [{ unitId, accountFunction: '5.28.23', original: 1_000_000 }],
  });
  expect(budget.status).toBe(200);
  const source = await a.put('/api/ledger/sources/KMD%20Opus', {
    date: 'Bogføringsdato',
    account: 'Kontostreng',
    unit: 'Omkostningssted',
    amount: 'Beløb',
    text: 'Posteringstekst',
    unitCodes: { '4110': unitId },
  });
  expect(source.status).toBe(200);
  // two earlier years, so the backtest tests 2025; 2026 booked through September
  await insertPosting(ctx.db, { unitId, postedOn: '2024-06-15', amountOre: 50_000_00 });
  await insertPosting(ctx.db, { unitId, postedOn: '2025-06-15', amountOre: 70_000_00 });
  await insertPosting(ctx.db, { unitId, postedOn: '2026-09-15', amountOre: 540_000_00 });
});
afterAll(() => ctx.close());

describe('the forecast and backtest kept by each app server', () => {
  it('serves a repeat read without loading the postings or cases again', async () => {
    const first = await forecastOn(b);
    await finalsOn(b);
    sent.length = 0;
    expect(await forecastOn(b)).toEqual(first);
    await finalsOn(b);
    const heavy = sent.filter((sql) => /ledger_postings|case_interventions/.test(sql));
    expect(heavy).toEqual([]);
  });

  it('answers a kept forecast while every heavy-read slot is taken; a computation waits its turn', async () => {
    const kept = await forecastOn(b);
    const slots = other.deps.heavyReads;
    if (!slots) throw new Error('the app has no heavy-read slots');
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = Array.from({ length: other.deps.config.heavyReads }, () => slots.run(() => gate));
    expect(await forecastOn(b)).toEqual(kept);
    let computed = false;
    sent.length = 0;
    const fresh = forecastOn(b, '2026-09-30').then((unit) => {
      computed = true;
      return unit;
    });
    expect(await forecastOn(b)).toEqual(kept);
    expect(await forecastOn(b)).toEqual(kept);
    // the new date's forecast waits for a slot: it has not even read the account functions
    expect(computed).toBe(false);
    expect(sent.filter((sql) => /FROM account_functions/.test(sql))).toEqual([]);
    release();
    await Promise.all(held);
    expect((await fresh).unitId).toBe(unitId);
  });

  it('shows an intervention added through another server, and only from its decision on', async () => {
    const before = await forecastOn(b);
    const later = await forecastOn(b, '2026-11-20');
    // no ledger source is booked yet, so spending is actual through October: November and
    // December are committed, 60.000 kr. a month
    expect(before.committed).toBe(2 * 60_000);
    const added = await a.post(`/api/cases/${(await caseOf('A-1')).id}/interventions`, {
      version: (await caseOf('A-1')).version,
      intervention: {
        ...intervention,
        status: 'expected',
        decidedOn: '2026-11-10',
        startDate: '2026-12-01',
        paragraph: 'Barnets lov § 32, stk. 1, nr. 3',
        followOn: false,
        endDate: null,
        payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 5_000 },
      },
    });
    expect(added.status).toBe(201);
    // as of 31.10 nothing was decided yet: the same figures; as of 20.11 December has it
    expect(await forecastOn(b)).toEqual(before);
    expect((await forecastOn(b, '2026-11-20')).committed).toBe(later.committed + 5_000);
  });

  it('shows a correction made through another server', async () => {
    const before = await forecastOn(b);
    const row = await caseOf('A-1');
    const corrected = await a.post(`/api/cases/${row.id}/interventions/I-1/correct`, {
      version: row.version,
      reason: 'Månedsprisen er 61.000 kr.',
      intervention: {
        kind: intervention.kind,
        decidedOn: intervention.decidedOn,
        category: intervention.category,
        provider: intervention.provider,
        accountFunction: intervention.accountFunction,
        startDate: intervention.startDate,
        endDate: intervention.endDate,
        payment: { ...intervention.payment, amount: 61_000 },
      },
    });
    expect(corrected.status).toBe(200);
    // a correction fixes the record for every date, so it counts as of 31.10 too
    expect((await forecastOn(b)).committed).toBe(before.committed + 2 * 1_000);
  });

  it('shows a ledger import made through another server, in the forecast and the backtest', async () => {
    const before = await forecastOn(b);
    const finals = await finalsOn(b);
    expect(finals).toEqual([70_000]);
    await importLedger(2026, ['20.09.2026;5.28.23.001.1;4110;12.500,00;Ophold september']);
    expect((await forecastOn(b)).actuals).toBe(before.actuals + 12_500);
    await importLedger(2025, ['15.12.2025;5.28.23.001.1;4110;30.000,00;Ophold december']);
    expect(await finalsOn(b)).toEqual([100_000]);
  });

  it('shows a budget correction and a forecast adjustment made through another server', async () => {
    const before = await forecastOn(b);
    const lines = (await (await a.get('/api/budgets/2026')).json()) as {
      lines: { id: string; unitId: string; version: number }[];
    };
    const line = lines.lines.find((l) => l.unitId === unitId);
    const corrected = await a.post(`/api/budget-lines/${line?.id}/corrections`, {
      date: '2026-10-15',
      amount: 250_000,
      reason: 'Tillægsbevilling',
      version: line?.version,
    });
    expect(corrected.status).toBe(201);
    const budgeted = await forecastOn(b);
    expect(budgeted.budget).toBe(before.budget + 250_000);
    const adjusted = await a.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.23',
      year: 2026,
      amount: 20_000,
      reason: 'Forventet efterregning',
    });
    expect(adjusted.status).toBeLessThan(300);
    expect((await forecastOn(b)).forecast).toBe(budgeted.forecast + 20_000);
  });

  it('keeps nothing for a change rolled back, and sees a change made in the database directly', async () => {
    const before = await forecastOn(b);
    await ctx.db
      .transaction(async (tx) => {
        await tx.query(`UPDATE budget_lines SET original_ore = original_ore + 100`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await forecastOn(b)).toEqual(before);
    await ctx.db.query(`UPDATE units SET name = 'Myndighed, børn og unge' WHERE id = $1`, [unitId]);
    await ctx.db.query(`UPDATE budget_lines SET original_ore = original_ore + 10000000`);
    const after = await forecastOn(b);
    expect(after.unitName).toBe('Myndighed, børn og unge');
    expect(after.budget).toBe(before.budget + 100_000);
  });
});

/** A server started afresh on the same database: nothing kept in its memory; its queries in `seen`. */
async function freshServer(seen: string[]): Promise<TestClient> {
  const counted = recordingQueries(ctx.db, seen);
  const client = new TestClient({
    ...ctx,
    db: counted,
    app: createApp({ ...ctx.deps, db: counted }),
  });
  await client.login('leder');
  return client;
}

/** Waits until the database keeps an answer named `name` for the current versions. */
async function keptInDatabase(name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM kept_figures k, commitments_version c, figures_version f
        WHERE k.name = $1 AND k.version = c.version::text || '.' || f.version::text`,
      [name],
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${name} kept in the database`);
}

const computing = (seen: string[]) =>
  seen.filter((sql) => /ledger_month_totals|ledger_postings|case_interventions/.test(sql));

describe('the forecast and backtest kept in the database for every app server', () => {
  it('serves a server started afresh the answer another server kept, without computing it', async () => {
    const forecast = await forecastOn(a, '2026-08-31');
    const finals = await finalsOn(a);
    await keptInDatabase('forecast');
    await keptInDatabase('backtest');
    const seen: string[] = [];
    const c = await freshServer(seen);
    seen.length = 0;
    expect(await forecastOn(c, '2026-08-31')).toEqual(forecast);
    expect(await finalsOn(c)).toEqual(finals);
    expect(computing(seen)).toEqual([]);
  });

  it('computes afresh on every server after a change through any of them; as of an earlier date nothing decided later counts', async () => {
    const before = await forecastOn(a, '2026-07-31');
    const later = await forecastOn(a, '2026-11-25');
    await keptInDatabase('forecast');
    const row = await caseOf('A-1');
    const added = await b.post(`/api/cases/${row.id}/interventions`, {
      version: row.version,
      intervention: {
        ...intervention,
        status: 'expected',
        decidedOn: '2026-11-15',
        startDate: '2026-12-01',
        paragraph: 'Barnets lov § 32, stk. 1, nr. 3',
        followOn: false,
        endDate: null,
        payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 7_000 },
      },
    });
    expect(added.status).toBe(201);
    const seen: string[] = [];
    const c = await freshServer(seen);
    seen.length = 0;
    // computed again (the versions moved on), and as of 31.7 the same figures
    expect(await forecastOn(c, '2026-07-31')).toEqual(before);
    expect(computing(seen)).not.toEqual([]);
    expect((await forecastOn(c, '2026-11-25')).committed).toBe(later.committed + 7_000);
    // the server that kept the old answer, in memory and in the database, computes it again too
    expect((await forecastOn(a, '2026-11-25')).committed).toBe(later.committed + 7_000);
    expect(await forecastOn(a, '2026-07-31')).toEqual(before);
  });

  it('never serves a kept answer after a change made in the database directly, and drops older answers', async () => {
    const before = await forecastOn(a, '2026-06-30');
    await keptInDatabase('forecast');
    await ctx.db.query(`UPDATE budget_lines SET original_ore = original_ore + 5000000`);
    const c = await freshServer([]);
    expect((await forecastOn(c, '2026-06-30')).budget).toBe(before.budget + 50_000);
    expect((await forecastOn(a, '2026-06-30')).budget).toBe(before.budget + 50_000);
    await keptInDatabase('forecast');
    const [older] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM kept_figures k, commitments_version c, figures_version f
        WHERE k.version <> c.version::text || '.' || f.version::text`,
    );
    expect(older?.n).toBe(0);
  });
});

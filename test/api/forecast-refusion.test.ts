import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { monthlyIntervention } from '../case-documents';

// Expected refusion in the forecast. One household, two siblings in two units: a placement of
// 60.000 kr. a month (Myndighed, 5.28.23) and support of 40.000 kr. a month (Ungeteam, 5.28.21).
// Each is below 1/12 of the first threshold of 2026 (the 2022 level: 860.000 kr.); together they
// are 100.000 kr. a month: 25 % of (100.000 − 71.666,67) = 7.083,33 kr. a month, 84.999,96 kr.
// for the year, allocated 60 % / 40 %: 50.999,98 kr. and 33.999,98 kr.

let ctx: TestContext;
let myndighed: string;
let ungeteam: string;

const running = (ref: string, amount: number, over: Record<string, unknown> = {}) =>
  monthlyIntervention(amount, { ref, ...over });

async function post(unit: string, date: string, account: string, ore: number) {
  const [imp] = await ctx.db.query<{ id: string }>(
    `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
     VALUES ('test', 2026, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
  );
  await ctx.db.query(
    `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_group, dranst, account_string, amount_ore)
     VALUES ($1, 2, $2, $3, $4, $5, $6, $7, $8)`,
    [
      imp?.id,
      date,
      unit,
      account.slice(0, 7),
      account.slice(8, 11),
      account.slice(12),
      account,
      ore,
    ],
  );
}

beforeAll(async () => {
  ctx = await createTestApp();
  myndighed = await createUnit(ctx.db, 'Myndighed');
  ungeteam = await createUnit(ctx.db, 'Ungeteam');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [myndighed, ungeteam],
  });
  await createUser(ctx.db, { username: 'ung', roles: ['okonomikonsulent'], unitIds: [ungeteam] });
  const admin = new TestClient(ctx);
  await admin.login('admin');
  const imported = await admin.post('/api/cases/import', {
    format: 'overblik/cases@1',
    cases: [
      {
        ref: 'A-1',
        household: 'H-1',
        unit: 'Myndighed',
        person: { ref: 'B-1', birthDate: '2012-04-01' },
        interventions: [running('I-1', 60_000)],
      },
      {
        ref: 'B-1',
        household: 'H-1',
        unit: 'Ungeteam',
        person: { ref: 'B-2', birthDate: '2010-06-01' },
        interventions: [
          running('J-1', 40_000, { category: 'familiebehandling', accountFunction: '5.28.21' }),
          // decided on 15.06.2026: 30.000 kr. a month more from July
          running('J-2', 30_000, {
            category: 'familiebehandling',
            accountFunction: '5.28.21',
            decidedOn: '2026-06-15',
            startDate: '2026-07-01',
          }),
        ],
      },
    ],
  });
  expect(imported.status).toBe(200);
  const c = new TestClient(ctx);
  await c.login('okonomi');
  const saved = await c.put('/api/budgets/2026', {
    lines: [
      // gross: 720.000 kr., 150.000 kr. over; net of the refusion 99.000,02 kr. over
      { unitId: myndighed, accountFunction: '5.28.23', original: 570_000 },
      { unitId: ungeteam, accountFunction: '5.28.21', original: 400_000 },
    ],
  });
  expect(saved.status).toBe(200);
  // January to May paid as committed; 20.000 kr. of state refusion received in April
  for (const m of ['01', '02', '03', '04', '05']) {
    await post(myndighed, `2026-${m}-02`, '5.28.23.001.1', 60_000_00);
    await post(ungeteam, `2026-${m}-02`, '5.28.21.001.1', 40_000_00);
  }
  await post(myndighed, '2026-04-20', '5.28.23.001.2', -20_000_00);
});
afterAll(() => ctx.close());

interface Parts {
  budget: number;
  actuals: number;
  committed: number;
  grossForecast: number;
  refusion: number;
  postedRefusion: number;
  forecast: number;
  overspend: number;
}
interface Forecast {
  refusionFrom: string;
  actualsThrough: string;
  area: Parts;
  units: (Parts & {
    unitId: string;
    actionPlanRequired: boolean;
    lines: (Parts & { accountFunction: string })[];
  })[];
}

async function forecastAs(user: string, year = 2026, asOf = '2026-05-31'): Promise<Forecast> {
  const c = new TestClient(ctx);
  await c.login(user);
  const response = await c.get(`/api/forecast?year=${year}&asOf=${asOf}&method=none`);
  expect(response.status).toBe(200);
  return (await response.json()) as Forecast;
}

describe('expected refusion in the forecast', () => {
  it('computes the household across the units and allocates it by share, to the øre', async () => {
    const f = await forecastAs('okonomi');
    expect(f.refusionFrom).toBe('cases');
    expect(f.actualsThrough).toBe('2026-05-31');
    const m = f.units.find((u) => u.unitId === myndighed)!;
    const u = f.units.find((x) => x.unitId === ungeteam)!;
    // the refusion posted is not spending: it is part of the expected refusion
    expect(m).toMatchObject({
      budget: 570_000,
      actuals: 300_000,
      committed: 420_000,
      grossForecast: 720_000,
      refusion: 50_999.98,
      postedRefusion: 20_000,
      forecast: 669_000.02,
      overspend: 99_000.02,
    });
    expect(u).toMatchObject({
      grossForecast: 480_000,
      refusion: 33_999.98,
      postedRefusion: 0,
      forecast: 446_000.02,
      overspend: 46_000.02,
    });
    expect(m.lines).toMatchObject([{ accountFunction: '5.28.23', refusion: 50_999.98 }]);
    // the totals add up, and the area's refusion is the reimbursement screen's for the year
    expect(f.area).toMatchObject({
      grossForecast: 1_200_000,
      refusion: 84_999.96,
      forecast: 1_115_000.04,
    });
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const screen = (await (
      await c.get('/api/commitments/reimbursement?year=2026&asOf=2026-05-31')
    ).json()) as { expectedReimbursement: number };
    expect(screen.expectedReimbursement).toBe(84_999.96);
  });

  it('gives a unit its share of the household whoever asks', async () => {
    const f = await forecastAs('ung');
    expect(f.units.map((x) => x.unitId)).toEqual([ungeteam]);
    expect(f.units[0]).toMatchObject({ refusion: 33_999.98, forecast: 446_000.02 });
  });

  it('the trigger uses the net figure: 150.000 kr. over gross is 99.000,02 kr. net, no plan', async () => {
    const f = await forecastAs('okonomi');
    expect(f.units.find((u) => u.unitId === myndighed)?.actionPlanRequired).toBe(false);
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const required = (await (
      await c.get('/api/action-plans/required?year=2026&asOf=2026-05-31')
    ).json()) as { items: { unit: { id: string } }[] };
    expect(required.items).toEqual([]);
    // an adjustment of 1.000 kr. takes the net figure over the threshold
    const adjusted = await c.post('/api/forecast/adjustments', {
      unitId: myndighed,
      accountFunction: '5.28.23',
      year: 2026,
      amount: 1_000,
      reason: 'Forventet ekstraregning',
    });
    expect(adjusted.status).toBeLessThan(300);
    const after = (await (
      await c.get('/api/action-plans/required?year=2026&asOf=2026-05-31')
    ).json()) as { items: { unit: { id: string }; expectedOverspend: number }[] };
    expect(after.items).toMatchObject([{ unit: { id: myndighed }, expectedOverspend: 100_000.02 }]);
  });

  it('a frozen follow-up round keeps the refusion its forecast was net of', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const created = await c.post('/api/follow-up/rounds', {
      year: 2026,
      name: 'Budgetopfølgning 2, 2026',
      asOf: '2026-05-31',
      intake: { method: 'none', years: 3, factorPercent: 100 },
    });
    expect(created.status).toBe(201);
    const round = (await created.json()) as {
      lines: (Parts & { unitId: string })[];
    };
    expect(round.lines.find((l) => l.unitId === ungeteam)).toMatchObject({
      grossForecast: 480_000,
      refusion: 33_999.98,
      forecast: 446_000.02,
    });
  });

  it('counts only the decisions made by the as-of date', async () => {
    // as of 30.06 the household costs 130.000 kr. a month from July: 25 % of (130.000 −
    // 71.666,67) = 14.583,33 kr. a month; 6 × 7.083,33 + 6 × 14.583,33 = 129.999,96 kr.
    const later = await forecastAs('okonomi', 2026, '2026-06-30');
    expect(later.area.refusion).toBe(129_999.96);
    // the figure as of 31.05 does not see the decision of 15.06
    const before = await forecastAs('okonomi', 2026, '2026-05-31');
    expect(before.area.refusion).toBe(84_999.96);
  });

  it('takes the refusion posted when the year has no thresholds', async () => {
    await post(ungeteam, '2019-03-02', '5.28.21.001.2', -5_000_00);
    await post(ungeteam, '2019-03-02', '5.28.21.001.1', 12_000_00);
    const old = await forecastAs('okonomi', 2019, '2019-05-31');
    expect(old.refusionFrom).toBe('posted');
    expect(old.units.find((u) => u.unitId === ungeteam)).toMatchObject({
      actuals: 12_000,
      refusion: 5_000,
      postedRefusion: 5_000,
      forecast: 7_000,
    });
  });
});

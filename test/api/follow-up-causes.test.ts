import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { monthlyIntervention } from '../case-documents';

// Missing income and reimbursement for very expensive cases as causes of a draft action plan,
// for two small units in 2026 as of 31 May (the thresholds in force are the 2022 level:
// 860.000 / 1.680.000 / 2.120.000 kr.).

let ctx: TestContext;
let placed: string;
let calm: string;

const running = (ref: string, amount: number, over: Record<string, unknown> = {}) =>
  monthlyIntervention(amount, { ref, ...over });

/** Parental payment (forældrebetaling) on a case: income, a negative amount each month. */
const parentalPayment = (ref: string, amount: number) =>
  running(ref, -amount, {
    kind: 'supplementary',
    category: 'andet',
    provider: { name: 'Forældrebetaling', external: false },
  });

async function post(unit: string, date: string, account: string, ore: number) {
  const [imp] = await ctx.db.query<{ id: string }>(
    `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
     VALUES ('test', 2026, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
  );
  const [fn = '', group = '', dranst = ''] = [
    account.slice(0, 7),
    account.slice(8, 11),
    account.slice(12),
  ];
  await ctx.db.query(
    `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_group, dranst, account_string, amount_ore)
     VALUES ($1, 2, $2, $3, $4, $5, $6, $7, $8)`,
    [imp?.id, date, unit, fn, group, dranst, account, ore],
  );
}

beforeAll(async () => {
  ctx = await createTestApp();
  placed = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  calm = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [placed, calm],
  });
  const admin = new TestClient(ctx);
  await admin.login('admin');
  const imported = await admin.post('/api/cases/import', {
    format: 'overblik/cases@1',
    cases: [
      {
        // a placement of 120.000 kr. a month with parental payment of 1.987,45 kr. a month
        ref: 'P-1',
        household: 'H-P',
        unit: 'Myndighed, det specialiserede børneområde',
        person: { ref: 'B-1', birthDate: '2012-04-01' },
        interventions: [running('I-1', 120_000), parentalPayment('I-2', 1_987.45)],
      },
      {
        // support of 10.000 kr. a month with parental payment of 500 kr.: far below the threshold
        ref: 'C-1',
        household: 'H-C',
        unit: 'Børnehandicap',
        person: { ref: 'B-2', birthDate: '2014-06-01' },
        interventions: [
          running('J-1', 10_000, { category: 'aflastning', accountFunction: '5.28.21' }),
          parentalPayment('J-2', 500),
        ],
      },
    ],
  });
  expect(imported.status).toBe(200);
  const c = new TestClient(ctx);
  await c.login('okonomi');
  await c.put('/api/budgets/2026', {
    lines: [
      { unitId: placed, accountFunction: '5.28.23', original: 1_000_000 },
      { unitId: calm, accountFunction: '5.28.21', original: 100_000 },
    ],
  });
  for (const m of ['01', '02', '03', '04', '05']) {
    await post(placed, `2026-${m}-02`, '5.28.23.001.1', 120_000_00);
    await post(calm, `2026-${m}-02`, '5.28.21.001.1', 10_000_00);
    await post(calm, `2026-${m}-03`, '5.28.21.092.1', -500_00);
  }
  // the placement's parental payment has come in for January to March only
  for (const m of ['01', '02', '03'])
    await post(placed, `2026-${m}-10`, '5.28.23.092.1', -1_987_45);
  // a first payment of state reimbursement (dranst 2)
  await post(placed, '2026-04-20', '5.28.23.001.2', -30_000_00);
});
afterAll(() => ctx.close());

interface Causes {
  causes: { code: string; text: string; amount: number; expected?: number; posted?: number }[];
  notDerived: string[];
}

async function causesOf(unitId: string, asOf = '2026-05-31'): Promise<Causes> {
  const c = new TestClient(ctx);
  await c.login('okonomi');
  const response = await c.get(
    `/api/follow-up/causes?unitId=${unitId}&year=2026&asOf=${asOf}&method=none`,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Causes;
}

describe('missing income and reimbursement as causes of a draft plan', () => {
  it('names the income the cases expect to date that has not been posted, to the øre', async () => {
    const body = await causesOf(placed);
    const income = body.causes.find((c) => c.code === 'missing_income');
    // expected January–May 5 × 1.987,45 = 9.937,25; posted 3 × 1.987,45 = 5.962,35
    expect(income).toMatchObject({ expected: 9_937.25, posted: 5_962.35, amount: 3_974.9 });
    expect(income?.text).toContain('9.937,25 kr.');
    expect(income?.text).toContain('5.962,35 kr.');
    expect(income?.text).toContain('Der mangler 3.974,90 kr.');
    // it is the part of the deviation from the commitments that comes from income; the state
    // reimbursement received is no deviation and is left out of it
    const deviation = body.causes.find((c) => c.code === 'committed_vs_actual');
    expect(deviation?.amount).toBe(3_974.9);
    expect(deviation?.text).toContain('modtaget statsrefusion ikke medregnet');
    expect(body.notDerived).toEqual([]);
  });

  it('names the reimbursement the rules give for a household over the first threshold and what is not yet received', async () => {
    const body = await causesOf(placed);
    const refusion = body.causes.find((c) => c.code === 'reimbursement');
    // net cost 120.000 − 1.987,45 = 118.012,55 kr. a month; 1/12 of 860.000 is 71.666,666…;
    // 25 % of the part above it is 11.586,4708… → 11.586,47 kr. a month, 139.037,64 kr. a year
    expect(refusion).toMatchObject({ expected: 139_037.64, posted: 30_000 });
    // the forecast is net of the whole expected refusion: that is its effect on the expected
    // overspend; the 109.037,64 kr. not yet received change nothing when they come in
    expect(refusion?.amount).toBe(-139_037.64);
    expect(refusion?.text).toContain('139.037,64 kr.');
    expect(refusion?.text).toContain('Prognosen er fratrukket den forventede refusion');
    expect(refusion?.text).toContain('de 109.037,64 kr., der endnu ikke er modtaget');
    expect(refusion?.text).toContain('1 husstand over første tærskel');
    const forecast = (await (
      await (async () => {
        const c = new TestClient(ctx);
        await c.login('okonomi');
        return c.get('/api/forecast?year=2026&asOf=2026-05-31&method=none');
      })()
    ).json()) as { units: { unitId: string; refusion: number; postedRefusion: number }[] };
    expect(forecast.units.find((u) => u.unitId === placed)).toMatchObject({
      refusion: 139_037.64,
      postedRefusion: 30_000,
    });

    // the same expected reimbursement as the reimbursement screen shows for the unit
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const screen = (await (
      await c.get(
        `/api/commitments/reimbursement?year=2026&asOf=2026-05-31&unit=${encodeURIComponent('Myndighed, det specialiserede børneområde')}`,
      )
    ).json()) as { expectedReimbursement: number };
    expect(screen.expectedReimbursement).toBe(139_037.64);
  });

  it('derives neither when the income has come in and no case is over the threshold', async () => {
    const body = await causesOf(calm);
    expect(body.causes.map((c) => c.code)).not.toContain('missing_income');
    expect(body.causes.map((c) => c.code)).not.toContain('reimbursement');
    expect(body.notDerived).toEqual([]);
  });

  it('says so when the year has no reimbursement thresholds', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const body = (await (
      await c.get(`/api/follow-up/causes?unitId=${placed}&year=2019&asOf=2019-05-31&method=none`)
    ).json()) as Causes;
    expect(body.causes.map((x) => x.code)).not.toContain('reimbursement');
    expect(body.notDerived).toEqual([
      'Refusion for særligt dyre enkeltsager (der er ingen refusionstærskler for 2019).',
    ]);
  });

  it('counts only the months to the as-of date', async () => {
    // as of 31 March the parental payment of January to March has all come in
    const body = await causesOf(placed, '2026-03-31');
    expect(body.causes.map((c) => c.code)).not.toContain('missing_income');
    // the reimbursement is the year's, as committed on the date; nothing is received by then
    const refusion = body.causes.find((c) => c.code === 'reimbursement');
    expect(refusion?.amount).toBe(-139_037.64);
    expect(refusion?.text).toContain('bogført 0 kr. i statsrefusion til 31.03.2026');
  });
});

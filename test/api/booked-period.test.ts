import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load-demo';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

interface BookedPeriod {
  bookedThrough: string | null;
  sources: { name: string; bookedThrough: string | null; lastClosedMonth: string | null }[];
}
interface Parts {
  actuals: number;
  committed: number;
  intake: number;
  refusion: number;
  forecast: number;
  overspend: number;
}
interface Forecast extends Parts {
  asOf: string;
  bookedThrough: string | null;
  actualsThrough: string;
  area: Parts;
  units: (Parts & { unitName: string; actionPlanRequired: boolean })[];
}

describe('the booked period: closing and reopening months', () => {
  let ctx: TestContext;
  let unitId: string;

  /** One posting of 100.000 kr. on the 10th of each month given, as a finished import of `source`. */
  async function post(source: string, months: number[]) {
    const [imp] = await ctx.db.query<{ id: string }>(
      `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
       VALUES ($1, 2026, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
      [source],
    );
    for (const m of months) {
      await ctx.db.query(
        `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_string, amount_ore)
         VALUES ($1, $2, make_date(2026, $2, 10), $3, '5.28.21', '5.28.21.002.1', 10000000)`,
        [imp?.id, m, unitId],
      );
    }
  }

  beforeAll(async () => {
    ctx = await createTestApp();
    unitId = await createUnit(ctx.db, 'Børnehandicap');
    await createUser(ctx.db, {
      username: 'okonomi',
      roles: ['okonomikonsulent'],
      unitIds: [unitId],
    });
    await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [unitId] });
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const mapping = { date: 'Dato', account: 'Konto', unit: 'Enhed', amount: 'Beløb' };
    expect((await c.put('/api/ledger/sources/KMD%20Opus', mapping)).status).toBe(200);
    await post('KMD Opus', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  afterAll(() => ctx.close());

  it('is the last month with postings while no month is closed, then the last closed month', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    let period = (await (await c.get('/api/ledger/booked-period')).json()) as BookedPeriod;
    expect(period.bookedThrough).toBe('2026-10-31');

    const closed = await c.post('/api/ledger/sources/KMD%20Opus/closed-months', {
      month: '2026-09',
    });
    expect(closed.status).toBe(200);
    // from the first month with postings through September
    expect(((await closed.json()) as { closed: string[] }).closed).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    period = (await (await c.get('/api/ledger/booked-period')).json()) as BookedPeriod;
    expect(period.bookedThrough).toBe('2026-09-30');
    expect(period.sources[0]).toMatchObject({ name: 'KMD Opus', lastClosedMonth: '2026-09' });

    // October's postings are in the ledger but not booked: the forecast does not take them as actuals
    const f = (await (
      await c.get(`/api/forecast?year=2026&asOf=2026-10-31&unitId=${unitId}&method=none`)
    ).json()) as Forecast;
    expect(f.actualsThrough).toBe('2026-09-30');
    expect(f.area.actuals).toBe(900_000);
  });

  it('refuses a month already closed, a month not ended and a bad month, in Danish', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const again = await c.post('/api/ledger/sources/KMD%20Opus/closed-months', {
      month: '2026-08',
    });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('er allerede lukket');
    // the test clock says 23.11.2026
    const early = await c.post('/api/ledger/sources/KMD%20Opus/closed-months', {
      month: '2026-11',
    });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('når den er slut');
    const bad = await c.post('/api/ledger/sources/KMD%20Opus/closed-months', { month: '2026-13' });
    expect(bad.status).toBe(422);
    const unknown = await c.post('/api/ledger/sources/Ukendt/closed-months', { month: '2026-09' });
    expect(unknown.status).toBe(404);
    const leder = new TestClient(ctx);
    await leder.login('leder');
    expect(
      (await leder.post('/api/ledger/sources/KMD%20Opus/closed-months', { month: '2026-10' }))
        .status,
    ).toBe(403);
  });

  it('reopens only the latest closed month, audited', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const earlier = await c.delete('/api/ledger/sources/KMD%20Opus/closed-months/2026-08');
    expect(earlier.status).toBe(422);
    expect(await earlier.text()).toContain('Kun den senest lukkede måned (2026-09)');
    const reopened = await c.delete('/api/ledger/sources/KMD%20Opus/closed-months/2026-09');
    expect(reopened.status).toBe(200);
    expect(await reopened.json()).toMatchObject({
      reopened: '2026-09',
      bookedThrough: '2026-08-31',
    });
    const audit = await ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'ledger_source' AND action LIKE 'ledger.month.%' ORDER BY at`,
    );
    expect(audit.map((a) => a.action)).toEqual(['ledger.month.close', 'ledger.month.reopen']);
  });
});

describe('the booked period on the demo', () => {
  let ctx: TestContext;
  let c: TestClient;
  beforeAll(async () => {
    ctx = await createTestApp();
    ctx.setNow(new Date('2026-12-06T09:00:00Z'));
    await loadDemo(ctx.db, new Date('2026-12-06T09:00:00+01:00'));
    c = new TestClient(ctx);
    await c.login('okonomi', 'demo');
  }, 120_000);
  afterAll(() => ctx.close());

  const forecast = async (asOf: string) =>
    (await (await c.get(`/api/forecast?year=2026&asOf=${asOf}`)).json()) as Forecast;

  it('is booked through 31.10.2026, closed month by month by the finance partner', async () => {
    const period = (await (await c.get('/api/ledger/booked-period')).json()) as BookedPeriod;
    expect(period.bookedThrough).toBe('2026-10-31');
    const [months] = await ctx.db.query<{ n: number; first: string; by: string }>(
      `SELECT count(*)::int AS n, min(month) AS first, min(closed_by) AS by FROM ledger_closed_months`,
    );
    expect(months).toEqual({ n: 118, first: '2017-01', by: 'Ole Økonomikonsulent' });
  });

  it('opens the trigger at the end of the last booked month', async () => {
    const response = await c.get('/api/action-plans/required?year=2026');
    const required = (await response.clone().json()) as { asOf: string };
    expect(required.asOf).toBe('2026-10-31');
    expect(await response.text()).toContain('Ungeteam og efterværn');
  });

  it('keeps the figure of the end of the last booked month at a later date, apart from changes in commitments', async () => {
    const booked = await forecast('2026-10-31');
    for (const asOf of ['2026-11-30', '2026-12-31']) {
      const later = await forecast(asOf);
      expect(later.actualsThrough).toBe('2026-10-31');
      expect(later.area.actuals).toBe(booked.area.actuals);
      for (const unit of later.units) {
        const then = booked.units.find((u) => u.unitName === unit.unitName);
        expect(then).toBeDefined();
        // what moves is only what was committed after 31.10, and the intake estimate and the
        // expected refusion that follow it
        expect(unit.forecast - (then?.forecast ?? 0)).toBeCloseTo(
          unit.committed -
            (then?.committed ?? 0) +
            unit.intake -
            (then?.intake ?? 0) -
            (unit.refusion - (then?.refusion ?? 0)),
          2,
        );
      }
      expect(later.units.find((u) => u.unitName === 'Ungeteam og efterværn')).toMatchObject({
        actionPlanRequired: true,
      });
      // November is not spending of 0 kr.: the area does not drop by a month of spending
      expect(Math.abs(later.area.forecast - booked.area.forecast)).toBeLessThan(
        booked.area.actuals / 10 / 2,
      );
    }
  });

  it('forecasts the rest of a month for a mid-month as-of date', async () => {
    const mid = await forecast('2026-10-15');
    expect(mid.actualsThrough).toBe('2026-09-30');
    const end = await forecast('2026-09-30');
    expect(mid.area.actuals).toBe(end.area.actuals);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actualsByUnitFunctionMonth } from '../../src/db/repositories/ledger';
import { ore, toKroner } from '../../src/domain/money';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * The monthly totals kept with the postings (migration 0030) against the postings themselves:
 * after imports through the API, a second import into months already imported, a failed and a
 * duplicate import, and changes made to postings in the database, the kept totals equal the
 * postings' sums to the øre, the actuals read from them equal the aggregate over the postings
 * as of every date, and so do the forecast's figures.
 */

let ctx: TestContext;
let myndighed: string;
let unge: string;
let c: TestClient;

beforeAll(async () => {
  ctx = await createTestApp();
  myndighed = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  unge = await createUnit(ctx.db, 'Ungeteam og efterværn');
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [myndighed, unge],
  });
  c = new TestClient(ctx);
  expect((await c.login('okonomi')).status).toBe(200);
  const saved = await c.put('/api/ledger/sources/KMD%20Opus', {
    date: 'Bogføringsdato',
    account: 'Kontostreng',
    unit: 'Omkostningssted',
    amount: 'Beløb',
    text: 'Posteringstekst',
    unitCodes: { '4110': myndighed, '4120': unge },
  });
  expect(saved.status).toBe(200);
});
afterAll(() => ctx.close());

const HEADER = 'Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst';

/** Uploads a ledger file and follows its job until it has ended; returns the job's status. */
async function importFile(lines: string[], name: string): Promise<string> {
  const response = await c.request(
    'POST',
    `/api/ledger/imports?source=KMD%20Opus&year=2025&fileName=${name}`,
    [HEADER, ...lines].join('\r\n'),
    { 'Content-Type': 'text/csv' },
  );
  expect(response.status).toBe(202);
  const { jobId, status } = (await response.json()) as { jobId: string | null; status: string };
  if (!jobId) return status;
  for (let i = 0; i < 500; i++) {
    const job = (await (await c.get(`/api/jobs/${jobId}`)).json()) as { status: string };
    if (job.status === 'done' || job.status === 'failed') return job.status;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('job did not finish');
}

const FIRST_FILE = [
  '06.01.2025;5.28.21.002.1;4110;12.500,00;Familiebehandling januar',
  '31.01.2025;5.28.23.001.1;4110;215.000,00;Døgnophold januar',
  '31.01.2025;5.28.23.001.1;4110;1.250,50-;Kreditnota januar',
  '14.02.2025;5.28.22.003.1;4120;46.940,17;Plejefamilie februar',
  '28.02.2025;5.28.23.001.2;4110;80.000,00-;Statsrefusion februar',
  '03.03.2025;5.28.21.002.1;4120;8.000,03;Familiebehandling marts',
  '15.03.2025;5.28.21.002.1;4120;2.000,00-;Tilbageført marts',
  '30.04.2025;5.28.23.001.1;4110;199.999,99;Døgnophold april',
  '16.05.2025;5.28.22.003.1;4110;3.333,33;Plejefamilie maj',
  '17.05.2025;5.28.22.003.1;4110;6.666,67;Plejefamilie maj',
];

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) =>
  rows.map((r) => JSON.stringify(r)).sort((a, b) => a.localeCompare(b));

/** The kept totals as they are, and as the postings give them: equal row for row. */
async function expectTotalsEqualPostings(): Promise<void> {
  const kept = await ctx.db.query<Row>(
    `SELECT import_id, to_char(month, 'YYYY-MM-DD') AS month, unit_id, account_function,
            spending_ore::bigint AS spending, refusion_ore::bigint AS refusion,
            late_ore::bigint AS late, posting_count::bigint AS n
       FROM ledger_month_totals`,
  );
  const raw = await ctx.db.query<Row>(
    `SELECT import_id, to_char(date_trunc('month', posted_on), 'YYYY-MM-DD') AS month, unit_id,
            account_function,
            COALESCE(SUM(amount_ore) FILTER (WHERE dranst <> '2'), 0)::bigint AS spending,
            COALESCE(SUM(amount_ore) FILTER (WHERE dranst = '2'), 0)::bigint AS refusion,
            COALESCE(SUM(amount_ore) FILTER (WHERE is_late), 0)::bigint AS late,
            count(*)::bigint AS n
       FROM ledger_postings GROUP BY 1, 2, 3, 4`,
  );
  expect(sorted(kept)).toEqual(sorted(raw));
}

/** The aggregate the forecast read over the postings before the totals were kept. */
async function actualsOverPostings(year: number, asOf: string, unitIds: string[] | null) {
  return ctx.db.query<Row>(
    `SELECT p.unit_id, p.account_function, extract(month FROM p.posted_on)::int AS month,
            COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst IS DISTINCT FROM '2'), 0)::bigint AS amount_ore,
            COALESCE(SUM(p.amount_ore) FILTER (WHERE p.dranst = '2'), 0)::bigint AS refusion_ore,
            SUM(CASE WHEN p.is_late THEN p.amount_ore ELSE 0 END)::bigint AS late_ore
       FROM ledger_postings p JOIN ledger_imports i ON i.id = p.import_id AND i.status = 'done'
      WHERE p.posted_on BETWEEN make_date($1, 1, 1) AND $2::date
        AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3::uuid[]))
      GROUP BY 1, 2, 3`,
    [year, asOf, unitIds],
  );
}

const AS_OF = [
  '2024-12-31',
  '2025-01-01',
  '2025-01-31',
  '2025-02-14',
  '2025-02-28',
  '2025-03-01',
  '2025-03-31',
  '2025-04-30',
  '2025-05-17',
  '2025-06-30',
  '2025-12-31',
  '2026-01-31',
];

/** Every as-of date and scope: the actuals from the kept totals equal those over the postings. */
async function expectActualsEqualPostings(): Promise<void> {
  await expectTotalsEqualPostings();
  for (const asOf of AS_OF) {
    for (const unitIds of [null, [unge]]) {
      const kept = await actualsByUnitFunctionMonth(ctx.db, { year: 2025, asOf, unitIds });
      const raw = await actualsOverPostings(2025, asOf, unitIds);
      expect(sorted(kept as unknown as Row[]), `as of ${asOf}`).toEqual(sorted(raw));
    }
  }
}

interface ForecastUnit {
  unitId: string;
  actuals: number;
  postedRefusion: number;
  months: { month: number; actual: number | null }[];
}

/** The forecast's actual spending and refusion posted per unit, as the API answers them. */
async function forecastActuals(asOf: string) {
  const response = await c.get(`/api/forecast?year=2025&asOf=${asOf}`);
  expect(response.status).toBe(200);
  const f = (await response.json()) as { units: ForecastUnit[] };
  return f.units
    .map((u) => ({
      unitId: u.unitId,
      actuals: u.actuals,
      postedRefusion: u.postedRefusion,
      months: u.months.map((m) => m.actual),
    }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** The same figures from the postings: spending and refusion through the end of `through`. */
async function forecastActualsOverPostings(asOf: string, throughMonth: number) {
  const rows = await actualsOverPostings(2025, asOf, null);
  const byUnit = new Map<string, { actual: number[]; refusion: number }>();
  for (const r of rows) {
    const u = byUnit.get(r.unit_id as string) ?? { actual: Array<number>(12).fill(0), refusion: 0 };
    const m = r.month as number;
    if (m <= throughMonth) {
      u.actual[m - 1] = (u.actual[m - 1] ?? 0) + Number(r.amount_ore);
      u.refusion -= Number(r.refusion_ore);
    }
    byUnit.set(r.unit_id as string, u);
  }
  return [...byUnit.entries()]
    .map(([unitId, u]) => {
      let sum = 0;
      const cumulative = u.actual.map((a) => (sum += a));
      return {
        unitId,
        actuals: toKroner(ore(sum)),
        postedRefusion: toKroner(ore(u.refusion)),
        months: cumulative.map((s, i) => (i < throughMonth ? toKroner(ore(s)) : null)),
      };
    })
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
}

describe('monthly totals kept with the postings', () => {
  it('equal the postings after an import, and the forecast reads the same figures', async () => {
    expect(await importFile(FIRST_FILE, 'opus-2025-1.csv')).toBe('done');
    await expectActualsEqualPostings();
    const kept = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ledger_month_totals',
    );
    expect(kept[0]?.n).toBe(7);
    // As of 30.04 (every month through April booked): the forecast's actuals are the postings'.
    expect(await forecastActuals('2025-04-30')).toEqual(
      await forecastActualsOverPostings('2025-04-30', 4),
    );
  });

  it('add a later import into months already imported (credit notes, reversals) to them', async () => {
    expect(
      await importFile(
        [
          '31.01.2025;5.28.23.001.1;4110;215.000,00-;Døgnophold januar tilbageført',
          '31.01.2025;5.28.23.001.1;4110;214.321,09;Døgnophold januar rettet',
          '20.02.2025;5.28.22.003.2;4120;12.345,67-;Statsrefusion februar',
          '10.06.2025;5.28.24.001.1;4120;77.777,77;Ny funktion juni',
          '30.06.2025;5.28.21.002.1;4110;0,01;Et øre',
        ],
        'opus-2025-2.csv',
      ),
    ).toBe('done');
    await expectActualsEqualPostings();
    expect(await forecastActuals('2025-06-30')).toEqual(
      await forecastActualsOverPostings('2025-06-30', 6),
    );
    // An earlier as-of date: the same as over the postings booked through it.
    expect(await forecastActuals('2025-02-28')).toEqual(
      await forecastActualsOverPostings('2025-02-28', 2),
    );
  });

  it('are not changed by a failed or a duplicate import', async () => {
    const before = await ctx.db.query<Row>('SELECT * FROM ledger_month_totals');
    expect(
      await importFile(
        [
          '07.07.2025;5.28.21.002.1;4110;1.000,00;God linje',
          '08.07.2025;5.28.21.002.1;9999;1.000,00;Ukendt omkostningssted',
        ],
        'opus-2025-bad.csv',
      ),
    ).toBe('failed');
    expect(await importFile(FIRST_FILE, 'opus-2025-1-again.csv')).toBe('duplicate');
    expect(sorted(await ctx.db.query<Row>('SELECT * FROM ledger_month_totals'))).toEqual(
      sorted(before),
    );
    await expectActualsEqualPostings();
  });

  it('count postings only while their import is done, and leave with them', async () => {
    // An import still running: its postings are kept in its totals but read by nobody.
    const [running] = await ctx.db.query<{ id: string }>(
      `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
       VALUES ('KMD Opus', 2025, 'running.csv', md5(random()::text), 0, 'running', 'test') RETURNING id`,
    );
    await ctx.db.query(
      `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_string, amount_ore)
       VALUES ($1, 2, '2025-03-05', $2, '5.28.21', '5.28.21.002.1', 99900), ($1, 3, '2025-03-06', $2, '5.28.21', '5.28.21.002.1', 100)`,
      [running?.id, myndighed],
    );
    await expectActualsEqualPostings();
    // Done: now they count.
    await ctx.db.query(`UPDATE ledger_imports SET status = 'done' WHERE id = $1`, [running?.id]);
    await expectActualsEqualPostings();
    // Postings corrected in the database: moved to another month, unit and function, flagged
    // late, one amount changed, one removed.
    await ctx.db.query(
      `UPDATE ledger_postings SET posted_on = '2025-04-01', unit_id = $2, account_function = '5.28.25', is_late = true
        WHERE import_id = $1 AND line_no = 2`,
      [running?.id, unge],
    );
    await expectActualsEqualPostings();
    await ctx.db.query(
      `UPDATE ledger_postings SET amount_ore = amount_ore + 1, dranst = '2' WHERE text LIKE 'Plejefamilie%'`,
    );
    await ctx.db.query(`UPDATE ledger_postings SET is_late = true WHERE posted_on < '2025-03-01'`);
    await expectActualsEqualPostings();
    await ctx.db.query(`DELETE FROM ledger_postings WHERE import_id = $1 AND line_no = 3`, [
      running?.id,
    ]);
    await expectActualsEqualPostings();
    // A month whose last posting goes leaves no total behind (the forecast sees no such month).
    await ctx.db.query(`DELETE FROM ledger_postings WHERE posted_on = '2025-06-10'`);
    await expectActualsEqualPostings();
    const june = await ctx.db.query(
      `SELECT 1 FROM ledger_month_totals WHERE account_function = '5.28.24'`,
    );
    expect(june).toHaveLength(0);
    expect(await forecastActuals('2025-06-30')).toEqual(
      await forecastActualsOverPostings('2025-06-30', 6),
    );
  });
});

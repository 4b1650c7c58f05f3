import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ore, toKroner } from '../../src/domain/money';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
let okonomi: TestClient;
let other: TestClient;
let unitId: string;

const UNIT = 'Myndighed børn og unge';

function daily(
  ref: string,
  over: Record<string, unknown> = {},
  amount = 500,
): Record<string, unknown> {
  return {
    ref,
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2019-11-20',
    category: 'familiebehandling',
    paragraph: 'SEL §52 stk. 3 nr. 3',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2019-12-01',
    endDate: '2019-12-15',
    payment: { type: 'running', frequency: 'daily', amount },
    ...over,
  };
}

function documentWith(cases: Record<string, unknown>[]) {
  return {
    format: 'overblik/cases@1',
    rates: [
      {
        code: 'vederlag',
        name: 'Plejefamilievederlag pr. måned',
        periods: [{ from: '2023-01-01', to: null, amount: 4694 }],
      },
    ],
    cases,
  };
}

function caseWith(ref: string, interventions: Record<string, unknown>[], unit = UNIT) {
  return {
    ref,
    household: `H-${ref}`,
    unit,
    person: { ref: `P-${ref}`, birthDate: '2006-03-14' },
    interventions,
  };
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, UNIT);
  const otherUnit = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unitId] });
  await createUser(ctx.db, {
    username: 'andre',
    roles: ['okonomikonsulent'],
    unitIds: [otherUnit],
  });
  okonomi = new TestClient(ctx);
  await okonomi.login('okonomi');
  other = new TestClient(ctx);
  await other.login('andre');
});
afterAll(() => ctx.close());

async function commitments(client: TestClient, query: string) {
  const response = await client.get(`/api/commitments?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    year: number;
    asOf: string;
    expected: { total: number; byMonth: number[] };
    granted: { total: number; byMonth: number[] };
    issues: unknown[];
  };
}

describe('import and commitments', () => {
  it('imports the format example with an adjustment and answers the committed cost to the øre', async () => {
    const doc = documentWith([
      caseWith('S-1', [
        daily('A-1'),
        daily('A-2', {
          status: 'expected',
          modifies: 'A-1',
          decidedOn: '2019-11-25',
          startDate: '2019-12-02',
          endDate: '2019-12-11',
        }),
      ]),
      caseWith('S-2', [
        daily('B-1', { startDate: '2019-12-01', endDate: '2020-01-01' }),
        {
          ...daily('B-2'),
          startDate: '2024-01-01',
          endDate: null,
          category: 'anbringelse-plejefamilie',
          accountFunction: '5.28.22',
          payment: {
            type: 'running',
            frequency: 'monthly',
            dayOfMonth: 31,
            units: 3,
            rate: 'vederlag',
          },
        },
      ]),
    ]);
    const response = await okonomi.post('/api/cases/import', doc);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      rates: 1,
      interventions: 4,
      pendingApprovals: 0,
      warnings: [],
    });

    const c2019 = await commitments(okonomi, 'year=2019&asOf=2019-12-31');
    // S-1: 500 + 5.000; S-2: 15.500 in December 2019
    expect(c2019.expected.total).toBe(21_000);
    expect(c2019.expected.byMonth[11]).toBe(21_000);
    expect(c2019.granted.total).toBe(7_500 + 15_500);
    expect(c2019.asOf).toBe('2019-12-31');

    const before = await commitments(okonomi, 'year=2019&asOf=2019-11-24');
    expect(before.expected.total).toBe(7_500 + 15_500);

    const oneCase = await commitments(okonomi, `year=2019&asOf=2019-12-31&case=S-1`);
    expect(oneCase.expected.total).toBe(5_500);

    const c2020 = await commitments(okonomi, `year=2020&unit=${encodeURIComponent(UNIT)}`);
    expect(c2020.expected.total).toBe(500);
    const c2024 = await commitments(okonomi, 'year=2024');
    expect(c2024.expected.total).toBe(12 * 3 * 4694);
  });

  it('importing the same document twice changes nothing', async () => {
    const exported = (await (await okonomi.get('/api/cases/export')).json()) as {
      cases: unknown[];
    };
    expect(exported.cases).toHaveLength(2);
    const again = await okonomi.post('/api/cases/import', exported);
    expect(await again.json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      rates: 0,
      interventions: 0,
      pendingApprovals: 0,
      warnings: [],
    });
    const [row] = await ctx.db.query<{ version: number }>(
      "SELECT version FROM cases WHERE ref = 'S-1'",
    );
    expect(row?.version).toBe(1);
  });

  it('rejects a bad document listing every problem with its path, storing nothing', async () => {
    const doc = documentWith([
      caseWith('S-9', [
        daily('X-1', { endDate: '2019-11-01' }),
        daily('X-2', {
          payment: { type: 'running', frequency: 'monthly', dayOfMonth: 32, amount: 10 },
        }),
        daily('X-3', {
          payment: { type: 'running', frequency: 'monthly', dayOfMonth: 0, amount: 10 },
        }),
        daily('X-4', { payment: { type: 'individual', payments: [] } }),
        daily('X-5', {
          payment: { type: 'running', frequency: 'daily', units: 1, rate: 'ukendt' },
        }),
        daily('X-6', { payment: { type: 'running', frequency: 'daily', amount: 10.005 } }),
        daily('X-7', { modifies: 'X-8' }),
        daily('X-8', { modifies: 'X-7' }),
        daily('X-9', { modifies: 'A-1' }),
      ]),
      caseWith('S-1', [daily('A-1')]),
    ]);
    const response = await okonomi.post('/api/cases/import', doc);
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      code: string;
      issues: { path: string; code: string; message: string }[];
    };
    expect(body.code).toBe('validation_failed');
    const paths = body.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'cases.0.interventions.0.endDate',
        'cases.0.interventions.1.payment.dayOfMonth',
        'cases.0.interventions.2.payment.dayOfMonth',
        'cases.0.interventions.3.payment.payments',
        'cases.0.interventions.4.payment.rate',
        'cases.0.interventions.5.payment.amount',
        'cases.0.interventions.6.modifies',
        'cases.0.interventions.7.modifies',
        'cases.0.interventions.8.modifies',
      ]),
    );
    expect(body.issues.find((i) => i.path.endsWith('8.modifies'))?.message).toBe(
      'Indsatsen, der justeres, hører til en anden sag.',
    );
    const [count] = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE ref = 'S-9'",
    );
    expect(count?.n).toBe(0);
  });

  it("answers another unit's name as an unknown one, so the answer tells no unit's existence", async () => {
    const response = await other.post(
      '/api/cases/import',
      documentWith([caseWith('S-5', [daily('A')]), caseWith('S-6', [daily('A')], 'Findes ikke')]),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      issues: { path: string; code: string; message: string }[];
    };
    expect(body.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      [
        'cases.0.unit',
        'unknown_unit',
        `Enheden «${UNIT}» findes ikke, eller du har ikke rettighed til at importere sager i den.`,
      ],
      [
        'cases.1.unit',
        'unknown_unit',
        'Enheden «Findes ikke» findes ikke, eller du har ikke rettighed til at importere sager i den.',
      ],
    ]);
  });

  it('answers a ref held by another unit as any taken ref, naming no unit and leaving the case as it was', async () => {
    const before = await ctx.db.query<{ unit_id: string; version: number }>(
      "SELECT unit_id, version FROM cases WHERE ref = 'S-1'",
    );
    const imported = await other.post(
      '/api/cases/import',
      documentWith([caseWith('S-1', [daily('A')], 'Børnehandicap')]),
    );
    const issues = async (r: Response) => {
      expect(r.status).toBe(422);
      return ((await r.json()) as { issues: { code: string; message: string }[] }).issues;
    };
    const importIssues = await issues(imported);
    expect(importIssues.map((i) => [i.code, i.message])).toEqual([
      ['duplicate_case', 'Sagsreferencen «S-1» er allerede i brug.'],
    ]);
    expect(importIssues).not.toContainEqual(expect.objectContaining({ message: /enhed/i }));
    expect(await ctx.db.query("SELECT unit_id, version FROM cases WHERE ref = 'S-1'")).toEqual(
      before,
    );
  });
});

describe('cases', () => {
  it("hides another unit's case (404) and logs who opened a case", async () => {
    const list = (await (await okonomi.get('/api/cases')).json()) as {
      total: number;
      cases: { id: string; ref: string }[];
    };
    expect(list.total).toBe(2);
    const id = list.cases.find((c) => c.ref === 'S-1')?.id ?? '';
    const response = await okonomi.get(`/api/cases/${id}?year=2019`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as {
      expected: { total: number };
      interventions: { ref: string; expected: number }[];
    };
    expect(detail.expected.total).toBe(5_500);
    expect(detail.interventions.map((i) => [i.ref, i.expected])).toEqual([
      ['A-1', 500],
      ['A-2', 5_000],
    ]);
    const reads = await ctx.db.query<{ actor_username: string; view: string | null }>(
      "SELECT actor_username, after->>'view' AS view FROM audit_log WHERE action = 'read' AND object_type = 'case' AND object_id = $1 ORDER BY id",
      [id],
    );
    // the case's commitments read above (`case=S-1`), then the case page
    expect(reads.map((r) => [r.actor_username, r.view])).toEqual([
      ['okonomi', 'commitments'],
      ['okonomi', null],
    ]);
    const listReads = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'read' AND object_type = 'case' AND object_id IS NULL AND actor_username = 'okonomi'",
    );
    expect(listReads[0]?.n).toBeGreaterThanOrEqual(1);
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    const otherList = (await (await other.get('/api/cases')).json()) as { total: number };
    expect(otherList.total).toBe(0);
    expect((await other.get('/api/commitments?year=2019&case=S-1')).status).toBe(404);
    const none = await commitments(other, 'year=2019');
    expect(none.expected.total).toBe(0);
  });

  it('grants an expected adjustment: the original ends the day before', async () => {
    const admin = new TestClient(ctx);
    await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [unitId] });
    await admin.login('leder');
    const [row] = await ctx.db.query<{ id: string; version: number }>(
      "SELECT id, version FROM cases WHERE ref = 'S-1'",
    );
    const response = await admin.post(`/api/cases/${row?.id}/interventions/A-2/grant`, {
      version: row?.version,
      decidedOn: '2019-11-28',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: 2, ended: 'A-1', removed: null });
    const c = await commitments(admin, 'year=2019&asOf=2019-12-31&case=S-1');
    expect(c.expected.total).toBe(5_500);
    expect(c.granted.total).toBe(5_500);
    // the day before the grant, the adjustment was still expected and the original unended
    const before = await commitments(admin, 'year=2019&asOf=2019-11-27&case=S-1');
    expect(before.expected.total).toBe(5_500);
    expect(before.granted.total).toBe(7_500);
    const stale = await admin.post(`/api/cases/${row?.id}/interventions/A-2/grant`, {
      version: row?.version,
    });
    expect(stale.status).toBe(409);
    const audit = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.grant'",
    );
    expect(audit[0]?.n).toBe(1);
  });
});

describe('statements', () => {
  it('splits by provider with drill-down, moves, counts families and reimburses', async () => {
    const doc = documentWith([
      caseWith('R-1', [
        daily('E-1', {
          provider: { name: 'Opholdsstedet', external: true },
          category: 'anbringelse-opholdssted',
          decidedOn: '2021-12-01',
          startDate: '2022-01-01',
          endDate: '2022-12-31',
          payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 120_000 },
        }),
        daily('E-2', {
          decidedOn: '2022-03-01',
          startDate: '2022-03-01',
          endDate: '2022-12-31',
          payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 5_000 },
        }),
      ]),
    ]);
    expect((await okonomi.post('/api/cases/import', doc)).status).toBe(200);
    const s = (await (
      await okonomi.get('/api/commitments/statement?year=2022&asOf=2022-12-31&by=provider')
    ).json()) as {
      expected: { total: number };
      rows: { key: string; expected: number; cases: { ref: string; expected: number }[] }[];
    };
    expect(s.expected.total).toBe(12 * 120_000 + 10 * 5_000);
    // the drill-down: the one case behind each row, with its part of that row
    expect(s.rows.map((r) => [r.key, r.expected, r.cases.map((c) => [c.ref, c.expected])])).toEqual(
      [
        ['ekstern', 1_440_000, [['R-1', 1_440_000]]],
        ['intern', 50_000, [['R-1', 50_000]]],
      ],
    );
    const m = (await (
      await okonomi.get('/api/commitments/movement?year=2022&from=2022-01-31&to=2022-03-31')
    ).json()) as {
      difference: number;
      groups: Record<string, { count: number; amount: number }>;
    };
    expect(m.difference).toBe(50_000);
    expect(m.groups.new).toEqual({ count: 1, amount: 50_000 });
    const f = (await (await okonomi.get('/api/commitments/families?date=2022-06-30')).json()) as {
      bands: { band: string; families: number; perFamily: number }[];
    };
    expect(f.bands.find((b) => b.band === '13-17')).toMatchObject({ families: 1, perFamily: 2 });
    const r = (await (
      await okonomi.get('/api/commitments/reimbursement?year=2022&asOf=2022-12-31')
    ).json()) as {
      thresholds: { t25: number; source: string };
      expectedReimbursement: number;
      households: { household: string; reimbursement: number }[];
    };
    expect(r.thresholds.t25).toBe(860_000);
    // Jan–Feb 120.000 a month, Mar–Dec 125.000: 25 % and 50 % tiers of 1/12 of the thresholds
    // (25 % of a krone is 25 øre: the tiers are summed in øre)
    const month = (cost: number) =>
      toKroner(
        ore(
          Math.round(
            (25 * Math.max(0, Math.min(cost * 12, 1_680_000) - 860_000) +
              50 * Math.max(0, Math.min(cost * 12, 2_120_000) - 1_680_000)) /
              12,
          ),
        ),
      );
    expect(r.households).toEqual([expect.objectContaining({ household: 'H-R-1' })]);
    expect(r.expectedReimbursement).toBeCloseTo(2 * month(120_000) + 10 * month(125_000), 2);
    for (const path of [
      'statement.xlsx?year=2022&by=category',
      'movement.xlsx?year=2022&from=2022-01-31&to=2022-03-31',
      'families.xlsx?date=2022-06-30',
      'reimbursement.xlsx?year=2022&asOf=2022-12-31',
    ]) {
      const xlsx = await okonomi.get(`/api/commitments/${path}`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      // case-level figures: named for the user, and never kept by a browser or proxy cache
      expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="\w+-/);
      expect(xlsx.headers.get('cache-control')).toBe('no-store');
      expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});

describe('a rate period open at its start (the format: `null` open)', () => {
  it('imports `from: null`, prices payments before the first dated period with it, and exports it as null', async () => {
    const doc = {
      format: 'overblik/cases@1',
      rates: [
        {
          code: 'tilskud',
          name: 'Tilskud pr. måned',
          periods: [
            { from: null, to: '2020-01-01', amount: 100 },
            { from: '2020-01-01', to: null, amount: 200 },
          ],
        },
      ],
      cases: [
        caseWith('R-1', [
          daily('A', {
            startDate: '2019-11-01',
            endDate: '2020-02-29',
            payment: {
              type: 'running',
              frequency: 'monthly',
              dayOfMonth: 1,
              units: 2,
              rate: 'tilskud',
            },
          }),
        ]),
      ],
    };
    const response = await okonomi.post('/api/cases/import', doc);
    expect(response.status).toBe(200);
    // November and December 2019 at 2 × 100 kr., January and February 2020 at 2 × 200 kr.
    expect((await commitments(okonomi, 'year=2019&case=R-1')).expected.total).toBe(400);
    expect((await commitments(okonomi, 'year=2020&case=R-1')).expected.total).toBe(800);
    const rates = (await (await okonomi.get('/api/cases/rates')).json()) as {
      code: string;
      periods: { from: string | null; to: string | null }[];
    }[];
    expect(rates.find((r) => r.code === 'tilskud')?.periods).toEqual([
      { from: null, to: '2020-01-01', amount: 100 },
      { from: '2020-01-01', to: null, amount: 200 },
    ]);
    const exported = (await (await okonomi.get('/api/cases/export')).json()) as {
      rates: { code: string; periods: { from: string | null }[] }[];
    };
    expect(exported.rates.find((r) => r.code === 'tilskud')?.periods[0]?.from).toBeNull();
  });

  it('refuses two periods both open at their start as overlapping, storing nothing', async () => {
    const response = await okonomi.post('/api/cases/import', {
      format: 'overblik/cases@1',
      rates: [
        {
          code: 'dobbelt',
          name: 'To åbne',
          periods: [
            { from: null, to: '2020-01-01', amount: 100 },
            { from: null, to: '2021-01-01', amount: 200 },
          ],
        },
      ],
      cases: [],
    });
    expect(response.status).toBe(422);
    const rates = (await (await okonomi.get('/api/cases/rates')).json()) as { code: string }[];
    expect(rates.map((r) => r.code)).not.toContain('dobbelt');
  });
});

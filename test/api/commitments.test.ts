import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedByUnitFunctionMonth } from '../../src/server/services/commitments/committed-cost';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
let unitA: string;
let unitB: string;

const intervention = (ref: string, over: Record<string, unknown>) => ({
  ref,
  kind: 'main',
  status: 'granted',
  modifies: null,
  decidedOn: '2020-01-01',
  category: 'familiebehandling',
  provider: { name: 'Familiecentret', external: false },
  accountFunction: '5.28.21',
  startDate: '2020-01-01',
  endDate: '2020-12-31',
  payment: { type: 'running', frequency: 'monthly', dayOfMonth: 31, amount: 1000.5 },
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp();
  unitA = await createUnit(ctx.db, 'Enhed A');
  unitB = await createUnit(ctx.db, 'Enhed B');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  const client = new TestClient(ctx);
  await client.login('admin');
  const response = await client.post('/api/cases/import', {
    format: 'overblik/cases@1',
    cases: [
      {
        ref: 'A-1',
        household: 'H1',
        unit: 'Enhed A',
        person: { ref: 'P1', birthDate: '2010-01-01' },
        interventions: [
          intervention('I-1', {}),
          // a step-down decided in June from July: expected at once, not granted
          intervention('I-2', {
            status: 'expected',
            modifies: 'I-1',
            decidedOn: '2020-06-10',
            startDate: '2020-07-01',
            payment: { type: 'running', frequency: 'monthly', dayOfMonth: 31, amount: 400 },
          }),
        ],
      },
      {
        ref: 'B-1',
        household: 'H2',
        unit: 'Enhed B',
        person: { ref: 'P2', birthDate: '2004-01-01' },
        interventions: [
          intervention('J-1', {
            accountFunction: '5.28.23',
            payment: { type: 'one-time', date: '2020-03-15', amount: -250.25 },
          }),
        ],
      },
    ],
  });
  expect(response.status).toBe(200);
});
afterAll(() => ctx.close());

describe('committedByUnitFunctionMonth (for the budget forecast)', () => {
  it('gives expected (rule 5) and granted øre per unit, account function and month', async () => {
    const rows = await committedByUnitFunctionMonth(ctx.db, { year: 2020, asOf: '2020-06-30' });
    const a = rows.filter((r) => r.unitId === unitA);
    expect(a).toHaveLength(12);
    expect(a.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(a[0]).toEqual({
      unitId: unitA,
      accountFunction: '5.28.21',
      month: 1,
      expectedOre: 100_050,
      grantedOre: 100_050,
    });
    expect(a[6]).toMatchObject({ month: 7, expectedOre: 40_000, grantedOre: 100_050 });
    expect(rows.filter((r) => r.unitId === unitB)).toEqual([
      {
        unitId: unitB,
        accountFunction: '5.28.23',
        month: 3,
        expectedOre: -25_025,
        grantedOre: -25_025,
      },
    ]);
  });

  it('sees only what was decided by the date, and only the units asked for', async () => {
    const before = await committedByUnitFunctionMonth(ctx.db, {
      year: 2020,
      asOf: '2020-06-01',
      unitIds: [unitA],
    });
    expect(before.every((r) => r.unitId === unitA)).toBe(true);
    expect(before.reduce((s, r) => s + r.expectedOre, 0)).toBe(12 * 100_050);
    expect(
      await committedByUnitFunctionMonth(ctx.db, { year: 2020, asOf: '2020-06-30', unitIds: [] }),
    ).toEqual([]);
  });
});

describe('reimbursement thresholds as dated rates', () => {
  it('lets an administrator enter the regulated thresholds with their source, and uses them', async () => {
    const admin = new TestClient(ctx);
    await admin.login('admin');
    const body = {
      validFrom: '2024-01-01',
      t25: 900_000,
      t50: 1_750_000,
      t75: 2_200_000,
      source: 'Bek. 2024',
    };
    const put = await admin.put('/api/commitments/reimbursement-thresholds', body);
    expect(put.status).toBe(200);
    const list = (await (await admin.get('/api/commitments/reimbursement-thresholds')).json()) as {
      validFrom: string;
    }[];
    expect(list.map((t) => t.validFrom)).toEqual(['2021-01-01', '2022-01-01', '2024-01-01']);
    const r = (await (await admin.get('/api/commitments/reimbursement?year=2025')).json()) as {
      thresholds: { t25: number; source: string };
    };
    expect(r.thresholds).toMatchObject({ t25: 900_000, source: 'Bek. 2024' });
    const bad = await admin.put('/api/commitments/reimbursement-thresholds', {
      ...body,
      t50: 100,
      t25: 1.005,
    });
    expect(bad.status).toBe(422);
    expect(
      ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path),
    ).toEqual(['t25']);
    const audit = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'reimbursement_thresholds'",
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('refuses a stale change of thresholds and says who changed them', async () => {
    const admin = new TestClient(ctx);
    await admin.login('admin');
    const body = { validFrom: '2030-01-01', t25: 1_000_000, t50: 1_900_000, t75: 2_400_000 };
    const created = await admin.put('/api/commitments/reimbursement-thresholds', {
      ...body,
      source: 'Bek. 2030',
    });
    expect(created.status).toBe(200);
    expect(((await created.json()) as { version: number }).version).toBe(1);
    // entering the same date again without knowing the stored row overwrites nothing
    const again = await admin.put('/api/commitments/reimbursement-thresholds', {
      ...body,
      t25: 1,
      source: 'Ny',
    });
    expect(again.status).toBe(409);
    const changed = await admin.put('/api/commitments/reimbursement-thresholds', {
      ...body,
      t25: 1_050_000,
      source: 'Bek. 2030, rettet',
      version: 1,
    });
    expect(changed.status).toBe(200);
    const stale = await admin.put('/api/commitments/reimbursement-thresholds', {
      ...body,
      t25: 1_100_000,
      source: 'Bek. 2030, anden rettelse',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toContain(
      'Refusionsgrænserne fra 01.01.2030 er ændret af',
    );
    const list = (await (await admin.get('/api/commitments/reimbursement-thresholds')).json()) as {
      validFrom: string;
      t25: number;
      version: number;
    }[];
    expect(list.find((t) => t.validFrom === '2030-01-01')).toMatchObject({
      t25: 1_050_000,
      version: 2,
    });
  });

  it('refuses everybody else', async () => {
    await createUser(ctx.db, {
      username: 'okonomi',
      roles: ['okonomikonsulent'],
      unitIds: [unitA],
    });
    const client = new TestClient(ctx);
    await client.login('okonomi');
    const put = await client.put('/api/commitments/reimbursement-thresholds', {
      validFrom: '2026-01-01',
      t25: 1,
      t50: 2,
      t75: 3,
      source: 'x',
    });
    expect(put.status).toBe(403);
  });
});

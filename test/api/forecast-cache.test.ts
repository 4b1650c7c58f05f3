import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitmentsVersion } from '../../src/db/repositories/forecast';
import { oreFromKroner } from '../../src/domain/money';
import { committedManyIfAvailable } from '../../src/server/services/commitments/committed-cost';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// The forecast keeps the committed cost and refusion it computed while the commitments' version
// (migration 0027) is unchanged. Every change it is computed from must show in the next answer:
// an intervention, a rate, the thresholds; and what it does not keep (postings, adjustments) too.

let ctx: TestContext;
let unitId: string;
let c: TestClient;

interface Unit {
  unitId: string;
  actuals: number;
  committed: number;
  refusion: number;
  forecast: number;
}
const forecast = async (): Promise<Unit> => {
  const response = await c.get('/api/forecast?year=2026&asOf=2026-05-31&method=none');
  expect(response.status).toBe(200);
  const body = (await response.json()) as { units: Unit[] };
  return body.units.find((u) => u.unitId === unitId)!;
};

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unitId] });
  const admin = new TestClient(ctx);
  await admin.login('admin');
  const imported = await admin.post('/api/cases/import', {
    format: 'overblik/cases@1',
    rates: [
      {
        code: 'TAKST',
        name: 'Døgntakst',
        periods: [{ from: '2026-01-01', to: null, amount: 1_000 }],
      },
    ],
    cases: [
      {
        ref: 'A-1',
        household: 'H-1',
        unit: 'Myndighed',
        person: { ref: 'B-1', birthDate: '2012-04-01' },
        interventions: [
          {
            ref: 'I-1',
            kind: 'main',
            status: 'granted',
            modifies: null,
            decidedOn: '2025-12-01',
            category: 'anbringelse-doegninstitution',
            provider: { name: 'Døgninstitutionen', external: true },
            accountFunction: '5.28.23',
            startDate: '2026-01-01',
            endDate: '2026-12-31',
            payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 60_000 },
          },
          {
            ref: 'I-2',
            kind: 'main',
            status: 'granted',
            modifies: null,
            decidedOn: '2025-12-01',
            category: 'anbringelse-doegninstitution',
            provider: { name: 'Døgninstitutionen', external: true },
            accountFunction: '5.28.23',
            startDate: '2026-01-01',
            endDate: '2026-12-31',
            payment: {
              type: 'running',
              frequency: 'monthly',
              dayOfMonth: 1,
              units: 1,
              rate: 'TAKST',
            },
          },
        ],
      },
    ],
  });
  expect(imported.status).toBe(200);
  c = new TestClient(ctx);
  await c.login('okonomi');
  const saved = await c.put('/api/budgets/2026', {
    lines: [{ unitId, accountFunction: '5.28.23', original: 500_000 }],
  });
  expect(saved.status).toBe(200);
});
afterAll(() => ctx.close());

describe('the forecast kept for the commitments’ version', () => {
  it('shows a changed intervention in the next answer, also when changed outside the app', async () => {
    const before = await forecast();
    // June to December: 60.000 kr. and 1 × the rate of 1.000 kr. a month
    expect(before.committed).toBe(7 * 61_000);
    expect((await forecast()).committed).toBe(before.committed); // served again, unchanged
    await ctx.db.query(
      `UPDATE case_interventions SET payment = jsonb_set(payment, '{amountOre}', '7000000')
        WHERE ref = 'I-1'`,
    );
    expect((await forecast()).committed).toBe(7 * 71_000);
  });

  it('shows a changed rate in the next answer', async () => {
    const before = (await forecast()).committed;
    await ctx.db.query(
      `UPDATE case_rate_periods SET amount_ore = 200000 WHERE rate_code = 'TAKST'`,
    );
    expect((await forecast()).committed).toBe(before + 7 * 1_000);
  });

  it('shows new reimbursement thresholds in the next answer', async () => {
    const before = await forecast();
    const admin = new TestClient(ctx);
    await admin.login('admin');
    const put = await admin.put('/api/commitments/reimbursement-thresholds', {
      validFrom: '2026-01-01',
      t25: 100_000,
      t50: 2_000_000,
      t75: 3_000_000,
      source: 'Test',
    });
    expect(put.status).toBe(200);
    const after = await forecast();
    expect(after.refusion).not.toBe(before.refusion);
    // the reimbursement screen computes it afresh
    const screen = (await (
      await c.get('/api/commitments/reimbursement?year=2026&asOf=2026-05-31')
    ).json()) as { expectedReimbursement: number };
    expect(after.refusion).toBe(screen.expectedReimbursement);
  });

  it('shows a posting and an adjustment in the next answer', async () => {
    const before = await forecast();
    const [imp] = await ctx.db.query<{ id: string }>(
      `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
       VALUES ('test', 2026, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
    );
    await ctx.db.query(
      `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_group, dranst, account_string, amount_ore)
       VALUES ($1, 2, '2026-05-02', $2, '5.28.23', '001', '1', '5.28.23.001.1', 5000000)`,
      [imp?.id, unitId],
    );
    const posted = await forecast();
    expect(posted.actuals).toBe(before.actuals + 50_000);
    const adjusted = await c.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.23',
      year: 2026,
      amount: 1_000,
      reason: 'Forventet ekstraregning',
    });
    expect(adjusted.status).toBeLessThan(300);
    expect((await forecast()).forecast).toBe(posted.forecast + 1_000);
  });

  it('bumps the version once per committed change, not for one rolled back, and not before its commit', async () => {
    const v0 = await commitmentsVersion(ctx.db);
    await ctx.db.transaction(async (tx) => {
      await tx.query(`UPDATE cases SET household_ref = household_ref`);
      // inside the changing transaction the version names its changes, each a new one
      const first = await commitmentsVersion(tx);
      expect(first).toBe(`${v0}+1`);
      await tx.query(`UPDATE case_interventions SET end_date = end_date`);
      expect(await commitmentsVersion(tx)).toBe(`${v0}+2`);
    });
    const v1 = await commitmentsVersion(ctx.db);
    expect(v1).toBe(String(Number(v0) + 1));
    await ctx.db
      .transaction(async (tx) => {
        await tx.query(`UPDATE case_interventions SET end_date = end_date`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await commitmentsVersion(ctx.db)).toBe(v1);
  });

  it('a transaction that changes an intervention sees it in its own forecast', async () => {
    const before = (await forecast()).committed;
    await ctx.db
      .transaction(async (tx) => {
        const read = async () =>
          (
            await committedManyIfAvailable(tx, {
              statements: [{ year: 2026, asOf: '2026-05-31' }],
              unitIds: [unitId],
            })
          )[0]!.rows.reduce((s, r) => s + r.expectedOre, 0);
        const year = await read(); // every month of the year, in øre
        expect(year).toBe((oreFromKroner(before) / 7) * 12);
        await tx.query(
          `UPDATE case_interventions SET payment = jsonb_set(payment, '{amountOre}', '8000000')
          WHERE ref = 'I-1'`,
        );
        expect(await read()).toBe(year + oreFromKroner(12 * 10_000));
        throw new Error('rolled back');
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error) || e.message !== 'rolled back') throw e;
      });
    expect((await forecast()).committed).toBe(before);
  });
});

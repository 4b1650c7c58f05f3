import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// The deviation between committed and actual spending to date as a cause of a draft plan
// counts only what goes beyond the usual gap: spending outside the cases' payment plans (own
// staff, bills not on a case) is there every year. One unit, one case of 10.000 kr. a month
// in 2025 and 2026, and other spending of 2.000 kr. a month in 2025 and 5.000 kr. in 2026.

let ctx: TestContext;
let unit: string;

async function post(year: number, date: string, amountOre: number) {
  const [imp] = await ctx.db.query<{ id: string }>(
    `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
     VALUES ('test', $1, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
    [year],
  );
  await ctx.db.query(
    `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_group, dranst, account_string, amount_ore)
     VALUES ($1, 2, $2, $3, '5.28.20', '001', '1', '5.28.20.001.1', $4)`,
    [imp?.id, date, unit, amountOre],
  );
}

beforeAll(async () => {
  ctx = await createTestApp();
  unit = await createUnit(ctx.db, 'Familieafdelingen');
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unit] });
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  const admin = new TestClient(ctx);
  await admin.login('admin');
  const imported = await admin.post('/api/cases/import', {
    format: 'overblik/cases@1',
    cases: [
      {
        ref: 'F-1',
        household: 'H-F',
        unit: 'Familieafdelingen',
        person: { ref: 'B-F', birthDate: '2015-03-01' },
        interventions: [
          {
            ref: 'FB-1',
            kind: 'main',
            status: 'granted',
            modifies: null,
            decidedOn: '2024-12-01',
            category: 'familiebehandling',
            provider: { name: 'Familiehuset', external: false },
            accountFunction: '5.28.20',
            startDate: '2025-01-01',
            endDate: '2026-12-31',
            payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 10_000 },
          },
        ],
      },
    ],
  });
  expect(imported.status).toBe(200);
  const okonomi = new TestClient(ctx);
  await okonomi.login('okonomi');
  await okonomi.put('/api/budgets/2026', {
    lines: [{ unitId: unit, accountFunction: '5.28.20', original: 200_000 }],
  });
  for (const [year, other] of [
    [2025, 2_000_00],
    [2026, 5_000_00],
  ] as const) {
    for (const m of ['01', '02', '03', '04', '05']) {
      await post(year, `${year}-${m}-01`, 10_000_00);
      await post(year, `${year}-${m}-15`, other);
    }
  }
});
afterAll(() => ctx.close());

describe('deviation between committed and actual spending', () => {
  it('is what this year spends beyond the cases, less what earlier years did at the same date', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const causes = async (query: string) => {
      const response = await c.get(
        `/api/follow-up/causes?unitId=${unit}&year=2026&asOf=2026-05-31&${query}`,
      );
      expect(response.status).toBe(200);
      return (
        (await response.json()) as { causes: { code: string; text: string; amount: number }[] }
      ).causes;
    };
    // 2026: 5 × 5.000 = 25.000 kr. beyond the cases; 2025 at the same date: 5 × 2.000 = 10.000
    const withHistory = (await causes('method=mean&years=1')).find(
      (x) => x.code === 'committed_vs_actual',
    );
    expect(withHistory?.amount).toBe(15_000);
    expect(withHistory?.text).toContain('25.000 kr. over det disponerede');
    expect(withHistory?.text).toContain('10.000 kr. over i gennemsnit på samme tid i 2025');
    expect(withHistory?.text).toContain('merforbrug på 15.000 kr.');

    // without earlier years to compare with, the whole gap is the deviation
    const alone = (await causes('method=none')).find((x) => x.code === 'committed_vs_actual');
    expect(alone?.amount).toBe(25_000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
let unitId: string;
let otherUnitId: string;
const okonomi = () => new TestClient(ctx);

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  otherUnitId = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [unitId, otherUnitId],
  });
  await createUser(ctx.db, {
    username: 'okonomi2',
    roles: ['okonomikonsulent'],
    unitIds: [unitId],
    displayName: 'Anden Økonom',
  });
  await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unitId] });
});
afterAll(() => ctx.close());

async function login(username: string) {
  const c = okonomi();
  expect((await c.login(username)).status).toBe(200);
  return c;
}

interface Line {
  id: string;
  unitId: string;
  accountFunction: string;
  original: number;
  transfer: number;
  corrected: number;
  version: number;
  corrections: { reason: string; amount: number }[];
}

describe('budgets', () => {
  it('saves a budget line, corrects it with a reason and shows the corrected budget', async () => {
    const c = await login('okonomi');
    const saved = await c.put('/api/budgets/2026', {
      lines: [{ unitId, accountFunction: '5.28.21', original: 12_500_000.5, transfer: -250_000 }],
    });
    expect(saved.status).toBe(200);
    const [line] = ((await saved.json()) as { lines: Line[] }).lines;
    expect(line).toMatchObject({
      original: 12_500_000.5,
      transfer: -250_000,
      corrected: 12_250_000.5,
      version: 1,
    });

    const corrected = await c.post(`/api/budget-lines/${line?.id}/corrections`, {
      date: '2026-05-15',
      amount: 1_000_000,
      reason: 'Tillægsbevilling efter budgetopfølgning 1',
      version: 1,
    });
    expect(corrected.status).toBe(201);
    expect(await corrected.json()).toMatchObject({ corrected: 13_250_000.5, version: 2 });

    const budget = (await (await c.get('/api/budgets/2026')).json()) as {
      lines: Line[];
      accountFunctions: { code: string; name: string }[];
    };
    expect(budget.accountFunctions.map((f) => f.code)).toContain('5.28.23');
    expect(budget.lines[0]?.corrections[0]?.reason).toBe(
      'Tillægsbevilling efter budgetopfølgning 1',
    );

    const audit = await ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'budget_line' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual(['budget.create', 'budget.correct']);
  });

  it('keeps a monthly profile when a line is saved without one', async () => {
    const c = await login('okonomi');
    const profile = [80, 80, 84, 82, 84, 84, 66, 80, 84, 86, 86, 104];
    const created = await c.put('/api/budgets/2030', {
      lines: [{ unitId, accountFunction: '5.28.22', original: 1_200_000, monthlyProfile: profile }],
    });
    const [line] = ((await created.json()) as { lines: (Line & { monthlyProfile: number[] })[] })
      .lines;
    const saved = await c.put('/api/budgets/2030', {
      lines: [{ unitId, accountFunction: '5.28.22', original: 1_300_000, version: line?.version }],
    });
    const [after] = ((await saved.json()) as { lines: (Line & { monthlyProfile: number[] })[] })
      .lines;
    expect(after).toMatchObject({ original: 1_300_000, monthlyProfile: profile });
  });

  it('refuses a correction without a reason, in Danish', async () => {
    const c = await login('okonomi');
    const budget = (await (await c.get('/api/budgets/2026')).json()) as { lines: Line[] };
    const line = budget.lines[0];
    const response = await c.post(`/api/budget-lines/${line?.id}/corrections`, {
      date: '2026-06-01',
      amount: 5000,
      reason: '   ',
      version: line?.version,
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues).toContainEqual(
      expect.objectContaining({
        path: 'reason',
        message: 'En budgetkorrektion skal have en begrundelse.',
      }),
    );
  });

  it('answers a stale edit with 409 naming who changed it', async () => {
    const a = await login('okonomi');
    const b = await login('okonomi2');
    const budget = (await (await a.get('/api/budgets/2026')).json()) as { lines: Line[] };
    const line = budget.lines[0];
    const first = await b.put('/api/budgets/2026', {
      lines: [
        { unitId, accountFunction: '5.28.21', original: 1, transfer: 0, version: line?.version },
      ],
    });
    expect(first.status).toBe(200);
    const stale = await a.put('/api/budgets/2026', {
      lines: [
        { unitId, accountFunction: '5.28.21', original: 2, transfer: 0, version: line?.version },
      ],
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toContain('Anden Økonom');
  });

  it('imports rows pasted from Excel with Danish numbers, reporting every bad row', async () => {
    const c = await login('okonomi');
    const bad = await c.post('/api/budgets/2027/import', {
      text: 'Enhed\tFunktion\tBudget\tOverført\nMyndighed, det specialiserede børneområde\t5.28.22\t1.234.567,50\t0\nUkendt\t5.28.22\t12x\t0\n',
    });
    expect(bad.status).toBe(422);
    const issues = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(issues).toEqual(['rows.3.unit', 'rows.3.original']);
    expect((await (await c.get('/api/budgets/2027')).json()) as { lines: Line[] }).toMatchObject({
      lines: [],
    });

    const good = await c.post('/api/budgets/2027/import', {
      text: 'Myndighed, det specialiserede børneområde\t5.28.22\t1.234.567,50\t-10.000\r\nBørnehandicap;5.28.23;300.000;\r\n',
    });
    expect(good.status).toBe(200);
    const lines = ((await good.json()) as { lines: Line[] }).lines;
    expect(lines.map((l) => [l.accountFunction, l.original, l.transfer])).toEqual([
      ['5.28.23', 300_000, 0],
      ['5.28.22', 1_234_567.5, -10_000],
    ]);
  });

  it('refuses an unknown account function and writes for a reader', async () => {
    const c = await login('okonomi');
    const response = await c.put('/api/budgets/2026', {
      lines: [{ unitId, accountFunction: '5.28.99', original: 1 }],
    });
    expect(response.status).toBe(422);
    const reader = await login('laeser');
    const denied = await reader.put('/api/budgets/2026', {
      lines: [{ unitId, accountFunction: '5.28.21', original: 1 }],
    });
    expect(denied.status).toBe(403);
    const hidden = await reader.get(`/api/budgets/2026?unitId=${otherUnitId}`);
    expect(hidden.status).toBe(404);
  });
});

describe('contract', () => {
  it('publishes the budget, ledger, job, forecast and follow-up routes in the OpenAPI document', async () => {
    const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/budgets/{year}',
        '/api/budget-lines/{id}/corrections',
        '/api/ledger/imports',
        '/api/jobs/{id}',
        '/api/forecast',
        '/api/forecast/backtest',
        '/api/follow-up/rounds',
        '/api/follow-up/causes',
      ]),
    );
  });
});

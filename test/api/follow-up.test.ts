import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oreFromKroner } from '../../src/domain/money';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { insertPosting } from '../postings';

let ctx: TestContext;
let unitId: string;
let otherId: string;

async function post(unit: string, date: string, kroner: number, isLate = false) {
  await insertPosting(ctx.db, {
    unitId: unit,
    postedOn: date,
    amountOre: oreFromKroner(kroner),
    isLate,
  });
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  otherId = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, {
    username: 'okonomi',
    roles: ['okonomikonsulent'],
    unitIds: [unitId, otherId],
  });
  await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [unitId] });
  const c = new TestClient(ctx);
  await c.login('okonomi');
  await c.put('/api/budgets/2026', {
    lines: [
      { unitId, accountFunction: '5.28.23', original: 1_000_000 },
      { unitId: otherId, accountFunction: '5.28.23', original: 500_000 },
    ],
  });
  await post(unitId, '2026-02-15', 800_000);
  await post(otherId, '2026-02-15', 100_000);
});
afterAll(() => ctx.close());

interface Rounds {
  rounds: {
    id: string;
    name: string;
    total: { overspend: number };
    units: { unitId: string; overspend: number; actionPlanRequired: boolean }[];
  }[];
}

describe('follow-up rounds', () => {
  it('freezes every unit, keeps the figures when postings arrive and shows the trajectory', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const first = await c.post('/api/follow-up/rounds', {
      year: 2026,
      name: 'Budgetopfølgning 1, 2026',
      asOf: '2026-03-31',
      intake: { method: 'none' },
    });
    expect(first.status).toBe(201);
    const round = (await first.json()) as {
      id: string;
      lines: { id: string; unitId: string; actuals: number; version: number }[];
    };
    expect(round.lines.map((l) => l.actuals).sort()).toEqual([100_000, 800_000]);

    await post(unitId, '2026-04-10', 400_000);
    const again = await c.post('/api/follow-up/rounds', {
      year: 2026,
      name: 'Budgetopfølgning 1, 2026',
      asOf: '2026-04-30',
    });
    expect(again.status).toBe(422);
    await c.post('/api/follow-up/rounds', {
      year: 2026,
      name: 'Budgetopfølgning 2, 2026',
      asOf: '2026-04-30',
      intake: { method: 'none' },
    });

    const rounds = (await (await c.get('/api/follow-up/rounds?year=2026')).json()) as Rounds;
    expect(rounds.rounds.map((r) => r.name)).toEqual([
      'Budgetopfølgning 1, 2026',
      'Budgetopfølgning 2, 2026',
    ]);
    const mine = rounds.rounds.map((r) => r.units.find((u) => u.unitId === unitId));
    expect(mine[0]?.overspend).toBe(800_000 - 1_000_000);
    expect(mine[1]!.overspend - mine[0]!.overspend).toBe(400_000);
    expect(mine[1]?.actionPlanRequired).toBe(mine[1]!.overspend > 100_000);
  });

  it('takes a comment per line from the responsible person, with optimistic concurrency', async () => {
    const c = new TestClient(ctx);
    await c.login('leder');
    const rounds = (await (await c.get('/api/follow-up/rounds?year=2026')).json()) as Rounds;
    expect(rounds.rounds[0]?.units.map((u) => u.unitId)).toEqual([unitId]);
    const round = (await (await c.get(`/api/follow-up/rounds/${rounds.rounds[0]?.id}`)).json()) as {
      lines: { id: string; version: number }[];
    };
    const line = round.lines[0];
    const ok = await c.put(`/api/follow-up/lines/${line?.id}/comment`, {
      comment: 'To nye anbringelser i marts',
      version: line?.version,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ comment: 'To nye anbringelser i marts', version: 2 });
    const stale = await c.put(`/api/follow-up/lines/${line?.id}/comment`, {
      comment: 'x',
      version: line?.version,
    });
    expect(stale.status).toBe(409);
  });

  it('derives causes for a draft plan, including late postings, and derives no income or reimbursement cause without cases', async () => {
    await post(unitId, '2026-03-20', 25_000, true);
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const response = await c.get(
      `/api/follow-up/causes?unitId=${unitId}&year=2026&asOf=2026-05-31`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      causes: { code: string; text: string; amount: number }[];
      notDerived: string[];
    };
    const late = body.causes.find((c) => c.code === 'late_postings');
    expect(late?.amount).toBe(25_000);
    expect(late?.text).toContain('25.000 kr.');
    // no case expects income or reimbursement here, and the cases are available
    expect(body.causes.map((c) => c.code)).not.toContain('missing_income');
    expect(body.causes.map((c) => c.code)).not.toContain('reimbursement');
    expect(body.notDerived).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * Input the schemas let through but the database could not take once answered 500. Each now
 * gets a 4xx with a Danish message, and nothing is written.
 */
let ctx: TestContext;
let client: TestClient;
let unitId: string;
const NO_SUCH_UNIT = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Enhed');
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  client = new TestClient(ctx);
  await client.login('admin');
});
afterAll(() => ctx.close());

async function writes(): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM forecast_adjustments) + (SELECT count(*) FROM units)
          + (SELECT count(*) FROM cases) AS n`,
  );
  return Number(row?.n ?? 0);
}

async function expectRefused(response: Response, status: number, detail: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as { detail: string; issues?: { message: string }[] };
  const words = [body.detail, ...(body.issues ?? []).map((i) => i.message)].join(' ');
  expect(words).toMatch(detail);
}

describe('bad input gets a 4xx in Danish and changes nothing', () => {
  it('a unit that does not exist', async () => {
    const before = await writes();
    await expectRefused(
      await client.post('/api/forecast/adjustments', {
        unitId: NO_SUCH_UNIT,
        accountFunction: '5.28.21',
        year: 2026,
        amount: 1000,
        reason: 'Kendt sag',
      }),
      422,
      /henviser til noget, der ikke findes/,
    );
    expect(await writes()).toBe(before);
  });

  it.each([
    ['/api/audit?from=2021-02-29', 'a day February 2021 did not have'],
    ['/api/audit?to=2021-13-01', 'a month that does not exist'],
    ['/api/commitments/families?date=0000-01-01', 'year 0'],
    ['/api/commitments/families?date=2019-02-29', 'a day February 2019 did not have'],
  ])('%s (%s)', async (path) => {
    await expectRefused(await client.get(path), 422, /gyldig dato/);
  });

  it('a NUL character in text', async () => {
    const [center] = await ctx.db.query<{ id: string }>('SELECT id FROM centers LIMIT 1');
    const before = await writes();
    const response = await client.post('/api/units', {
      centerId: center?.id,
      name: 'Enhed\u0000B',
      kind: 'afdeling',
    });
    await expectRefused(response, 422, /tegn, der ikke kan gemmes/);
    expect(await writes()).toBe(before);
  });

  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'a=1'],
  ])('a body sent as %s instead of JSON', async (type, body) => {
    const before = await writes();
    const response = await client.request('POST', '/api/forecast/adjustments', body, {
      'Content-Type': type,
    });
    await expectRefused(response, 415, /Content-Type/);
    expect(await writes()).toBe(before);
  });

  it('a version number beyond 32 bits in a query string', async () => {
    const created = await client.post(`/api/action-plans?unitId=${unitId}`, {
      format: 'overblik/action-plan@1',
      title: 'Plan',
      year: 2026,
      areas: [],
    });
    const { id } = (await created.json()) as { id: string };
    await expectRefused(
      await client.get(`/api/action-plans/${id}/compare?from=99999999999&to=1`),
      422,
      /tal uden for det tilladte/,
    );
  });

  it('budget sums beyond the largest amount, and the budget still reads', async () => {
    const huge = 9_000_000_000_000;
    await expectRefused(
      await client.put('/api/budgets/2026', {
        lines: [{ unitId, accountFunction: '5.28.21', original: huge, transfer: huge }],
      }),
      422,
      /Summen er for stor/,
    );
    await expectRefused(
      await client.put('/api/budgets/2026', {
        lines: [
          { unitId, accountFunction: '5.28.21', original: huge, transfer: 0 },
          { unitId, accountFunction: '5.28.22', original: huge, transfer: 0 },
        ],
      }),
      422,
      /Summen er for stor/,
    );
    const read = await client.get('/api/budgets/2026');
    expect(read.status).toBe(200);
    expect(((await read.json()) as { lines: unknown[] }).lines).toEqual([]);
  });

  it('a unit that exists still takes the adjustment', async () => {
    const before = await writes();
    const response = await client.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.21',
      year: 2026,
      amount: 1000,
      reason: 'Kendt sag',
    });
    expect(response.status).toBe(201);
    expect(await writes()).toBe(before + 1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/server/demo/cases';
import { DEMO_UNITS } from '../../src/server/demo/organisation';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * The demo municipality reproduces the status report (status maj 2020) as the report states
 * its figures: in millions of kroner with one decimal.
 */
let ctx: TestContext;
let client: TestClient;

beforeAll(async () => {
  ctx = await createTestApp();
  for (const unit of DEMO_UNITS) await createUnit(ctx.db, unit.name);
  await ctx.db.transaction((tx) => seedDemoCases(tx, ctx.deps.now()));
  await createUser(ctx.db, { username: 'direktion', roles: ['ledelse'] });
  client = new TestClient(ctx);
  await client.login('direktion');
}, 120_000);
afterAll(() => ctx.close());

const millions = (kroner: number) => Math.round(kroner / 100_000) / 10;

interface Statement {
  expected: { total: number };
  rows: { key: string; expected: number; cases: unknown[] }[];
}

async function row(query: string, key: string): Promise<number> {
  const response = await client.get(`/api/commitments/statement?${query}`);
  expect(response.status).toBe(200);
  const s = (await response.json()) as Statement;
  return s.rows.find((r) => r.key === key)?.expected ?? 0;
}

async function families(date: string) {
  const response = await client.get(`/api/commitments/families?date=${date}`);
  const body = (await response.json()) as {
    bands: { band: string; families: number; perFamily: number }[];
  };
  return body.bands.find((b) => b.band === '13-17');
}

describe('the demo municipality and the status report of May 2020', () => {
  it('aftercare (efterværn): 8,5 mio. kr. in 2019 and 5,9 mio. kr. committed in May 2020', async () => {
    expect(millions(await row('year=2019&asOf=2019-12-31&by=category', 'eftervaern'))).toBe(8.5);
    expect(millions(await row('year=2020&asOf=2020-05-31&by=category', 'eftervaern'))).toBe(5.9);
  });

  it('external providers of preventive measures: 7,9 mio. kr. in 2019 and 4,7 mio. kr. in May 2020', async () => {
    expect(
      millions(await row('year=2019&asOf=2019-12-31&by=provider&group=forebyggende', 'ekstern')),
    ).toBe(7.9);
    expect(
      millions(await row('year=2020&asOf=2020-05-31&by=provider&group=forebyggende', 'ekstern')),
    ).toBe(4.7);
  });

  it('the external sum is split by named firm, and the firms add up to it', async () => {
    const query = 'year=2019&asOf=2019-12-31&group=forebyggende';
    const response = await client.get(
      `/api/commitments/statement?${query}&by=providerName&kind=ekstern`,
    );
    expect(response.status).toBe(200);
    const s = (await response.json()) as Statement;
    const names = s.rows.map((r) => r.key);
    expect(names.length).toBeGreaterThan(1);
    expect(names).not.toContain('Ekstern familiebehandler');
    expect(s.rows.reduce((sum, r) => sum + r.expected, 0)).toBe(
      await row(`${query}&by=provider`, 'ekstern'),
    );
  });

  it('8 families (13–17) with more than one intervention in December 2019 and May 2020, fewer per family in May', async () => {
    const december = await families('2019-12-31');
    const may = await families('2020-05-31');
    expect(december?.families).toBe(8);
    expect(may?.families).toBe(8);
    expect(may?.perFamily ?? 0).toBeLessThan(december?.perFamily ?? 0);
  });

  it('is a municipality of believable size with history from 2017, its running cases warmed up before', async () => {
    const total = async (year: number) =>
      (
        (await (await client.get(`/api/commitments?year=${year}&asOf=${year}-12-31`)).json()) as {
          expected: { total: number };
        }
      ).expected.total;
    const y2019 = await total(2019);
    expect(y2019).toBeGreaterThan(150_000_000);
    expect(y2019).toBeLessThan(350_000_000);
    // 2017 starts with the cases years of ordinary intake leave running, not from zero
    expect(await total(2017)).toBeGreaterThan(0.8 * y2019);
    expect(await total(2026)).toBeLessThan(1.25 * y2019);
  });

  it('the current year (2026) is an ordinary year: aftercare, external providers, families, movement', async () => {
    const asOf = 'year=2026&asOf=2026-10-31';
    expect(millions(await row(`${asOf}&by=category`, 'eftervaern'))).toBeGreaterThan(3);
    expect(
      millions(await row(`${asOf}&by=provider&group=forebyggende`, 'ekstern')),
    ).toBeGreaterThan(3);
    expect((await families('2026-10-31'))?.families).toBeGreaterThan(2);
    const movement = (await (
      await client.get('/api/commitments/movement?year=2026&from=2026-08-31&to=2026-10-31')
    ).json()) as { groups: Record<'new' | 'changed', { count: number }> };
    expect(movement.groups.new.count).toBeGreaterThan(0);
    expect(movement.groups.changed.count).toBeGreaterThan(0);
  });

  it('books foster care on 5.28.22 Plejefamilier, and nothing of the cases on 5.28.20', async () => {
    const byFunction = 'year=2026&asOf=2026-10-31&by=accountFunction&group=anbringelse';
    expect(await row(byFunction, '5.28.22')).toBeGreaterThan(0);
    expect(await row('year=2026&asOf=2026-10-31&by=accountFunction', '5.28.20')).toBe(0);
  });
});

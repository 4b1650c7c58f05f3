import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/organisation';
import { loadDemo } from '../../src/server/demo/load-demo';
import type { DueReviewJson } from '../../src/shared/schemas/reviews';
import type { ReportIndicatorsJson } from '../../src/shared/schemas/status-report';
import { createTestApp, TestClient, type TestContext } from '../app';

let ctx: TestContext;
const TODAY = '2026-12-06';

beforeAll(async () => {
  ctx = await createTestApp();
  ctx.setNow(new Date(`${TODAY}T10:00:00Z`));
  await loadDemo(ctx.db, new Date(`${TODAY}T09:00:00+01:00`));
}, 180_000);
afterAll(() => ctx.close());

async function dueFor(username: string, query = '', asOf = TODAY): Promise<DueReviewJson[]> {
  const client = new TestClient(ctx);
  expect((await client.login(username, DEMO_PASSWORD)).status).toBe(200);
  const response = await client.get(`/api/reviews/due?asOf=${asOf}${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: DueReviewJson[] }).items;
}

describe('the demo’s case reviews', () => {
  it('hold a year of reviews, most on time and some late, by the people who hold the role in the unit', async () => {
    const [year] = await ctx.db.query<{ held: number; late: number; cases: number }>(
      `SELECT count(*)::int AS held, count(*) FILTER (WHERE held_on > due_on)::int AS late,
              count(DISTINCT case_id)::int AS cases
         FROM case_reviews WHERE held_on > ($1::date - 365) AND held_on <= $1`,
      [TODAY],
    );
    expect(year?.held).toBeGreaterThan(500);
    expect(year?.late).toBeGreaterThan(0);
    expect(year?.late ?? 0).toBeLessThan((year?.held ?? 0) / 2);
    const strangers = await ctx.db.query(
      `SELECT r.id FROM case_reviews r JOIN cases c ON c.id = r.case_id JOIN users u ON u.username = r.held_by
        WHERE NOT r.held_by_role = ANY(u.roles)
           OR NOT EXISTS (SELECT 1 FROM user_units uu WHERE uu.user_id = u.id AND uu.unit_id = c.unit_id)
           OR r.recorded_on > $1 OR r.held_on > r.recorded_on`,
      [TODAY],
    );
    expect(strangers).toEqual([]);
    const audited = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.review.record'`,
    );
    const [all] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_reviews');
    expect(audited[0]?.n).toBe(all?.n);
  });

  it('links every juster to an adjustment of the case decided after the review', async () => {
    const juster = await ctx.db.query<{ ok: boolean }>(
      `SELECT (i.modifies_ref IS NOT NULL AND i.decided_on > r.held_on) AS ok
         FROM case_reviews r LEFT JOIN case_interventions i
           ON i.case_id = r.case_id AND i.ref = r.adjustment_ref
        WHERE r.outcome = 'juster'`,
    );
    expect(juster.length).toBeGreaterThan(0);
    expect(juster.every((r) => r.ok)).toBe(true);
  });

  it('leaves some cases overdue now, and the funktionsleder of the efterværn unit has efterværn reviews of their own ahead', async () => {
    const koordinator = await dueFor('koordinator');
    const overdue = koordinator.filter((i) => i.state === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(koordinator.length);
    // reviews are registered from 01.01.2026, so the efterværn cases in force then share their
    // turns (faglig koordinator, funktionsleder, …, every four months): looking two months ahead,
    // as the Gennemgange page allows, the funktionsleder's turn has come for some
    const mine = await dueFor('ungeleder', '&mine=true', '2027-02-04');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.track === 'eftervaern' && i.role === 'funktionsleder')).toBe(true);
    expect(mine[0]?.reviewers.map((r) => r.username)).toEqual(['ungeleder']);
  });

  it('registers reviews from 01.01.2026: none held before, and none due as of an earlier day', async () => {
    const [before] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_reviews WHERE held_on < '2026-01-01'`,
    );
    expect(before?.n).toBe(0);
    expect(await dueFor('koordinator', '', '2025-12-31')).toEqual([]);
  });

  it('gives the status report of May 2020 no reviews figure: reviews were not registered then', async () => {
    const client = new TestClient(ctx);
    await client.login('direktion', DEMO_PASSWORD);
    const list = (await (await client.get('/api/status-reports')).json()) as {
      items: { id: string; title: string }[];
    };
    const may = list.items.find((r) => r.title.endsWith('2020 - status maj'));
    const report = (await (await client.get(`/api/status-reports/${may?.id}`)).json()) as {
      indicators: ReportIndicatorsJson;
    };
    expect(report.indicators).toMatchObject({
      reviewsRegisteredFrom: '2026-01-01',
      reviews: { held: 0, overdue: 0, percent: null },
      eftervaernReviews: { held: 0, overdue: 0, percent: null },
    });
  });

  it('gives the reviews held on time in the current year as an indicator below 100 %', async () => {
    const [row] = await ctx.db.query<{ held: number; ontime: number }>(
      `SELECT count(*)::int AS held, count(*) FILTER (WHERE held_on <= due_on)::int AS ontime
         FROM case_reviews WHERE held_on BETWEEN '2026-01-01' AND $1`,
      [TODAY],
    );
    expect(row?.ontime).toBeGreaterThan((row?.held ?? 0) * 0.6);
    expect(row?.ontime).toBeLessThan(row?.held ?? 0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingQueries, storeCase } from '../db';
import type { Intervention } from '../../src/domain/cases';
import type { IsoDate } from '../../src/domain/months';
import { createApp } from '../../src/server/app';
import { intervention } from '../cases-support';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// The reviews due are kept by each app server for the versions of the cases, settings, units,
// reviews and rules (migrations 0027, 0028, 0032). Two app servers on one database: a change
// made through one, or in the database directly, shows in the other's next list, and a review
// recorded after a day does not change the list as of that day.

const d = (s: string) => s as IsoDate;
let ctx: TestContext;
let unitId: string;
const ids: Record<string, string> = {};
/** Queries the second server sent, in order. */
const sent: string[] = [];
let a: TestClient;
let b: TestClient;

async function saveCase(ref: string, interventions: Intervention[]) {
  ids[ref] = await storeCase(ctx.db, ctx.deps.now(), unitId, ref, interventions);
}

async function due(client: TestClient, asOf = '2026-11-23'): Promise<[string, string, string][]> {
  const response = await client.get(`/api/reviews/due?asOf=${asOf}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    items: { caseRef: string; dueOn: string; state: string }[];
  };
  return body.items.map((i) => [i.caseRef, i.dueOn, i.state]);
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, {
    username: 'begge',
    displayName: 'Bo Begge',
    roles: ['faglig_koordinator', 'funktionsleder'],
    unitIds: [unitId],
  });
  const counted = recordingQueries(ctx.db, sent);
  const other = { ...ctx, db: counted, app: createApp({ ...ctx.deps, db: counted }) };
  a = new TestClient(ctx);
  b = new TestClient(other);
  await a.login('begge');
  await b.login('begge');
  await saveCase('S-1', [intervention({ ref: 'I1', startDate: d('2026-01-05') })]);
  await saveCase('S-2', [intervention({ ref: 'I1', startDate: d('2026-02-10') })]);
});
afterAll(() => ctx.close());

describe('the reviews due kept by each app server', () => {
  it('serves a repeat list without loading the cases again', async () => {
    const first = await due(b);
    expect(first).toEqual([
      ['S-1', '2026-07-05', 'overdue'],
      ['S-2', '2026-08-10', 'overdue'],
    ]);
    sent.length = 0;
    expect(await due(b)).toEqual(first);
    expect(sent.filter((sql) => /case_interventions|case_reviews/.test(sql))).toEqual([]);
  });

  it('shows a review recorded through another server, and not as of a day before it', async () => {
    const before = await due(b, '2026-11-20');
    expect(await due(b)).toEqual(before);
    const recorded = await a.post(`/api/cases/${ids['S-1']}/reviews`, {
      outcome: 'fortsaet',
      note: 'Fortsætter uændret.',
    });
    expect(recorded.status).toBe(201);
    expect(await due(b)).toEqual([['S-2', '2026-08-10', 'overdue']]);
    // recorded on 23.11: the list as of 20.11 is the same as before
    expect(await due(b, '2026-11-20')).toEqual(before);
  });

  it('shows a changed rule, a case ended and a review removed in the database directly', async () => {
    await ctx.db.query(`UPDATE review_rules SET interval_months = 12 WHERE track = 'standard'`);
    // S-1 reviewed on 23.11 and S-2 due 10.2.2027: neither due yet
    expect(await due(b)).toEqual([]);
    await ctx.db.query(`UPDATE review_rules SET interval_months = 6 WHERE track = 'standard'`);
    expect(await due(b)).toEqual([['S-2', '2026-08-10', 'overdue']]);
    await ctx.db.query(`UPDATE case_interventions SET end_date = '2026-10-31' WHERE case_id = $1`, [
      ids['S-2'],
    ]);
    expect(await due(b)).toEqual([]);
    await ctx.db.query('DELETE FROM case_reviews WHERE case_id = $1', [ids['S-1']]);
    expect(await due(b)).toEqual([['S-1', '2026-07-05', 'overdue']]);
  });
});

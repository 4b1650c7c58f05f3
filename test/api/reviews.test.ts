import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCase } from '../db';
import { intervention } from '../cases-support';
import type { Intervention } from '../../src/domain/cases';
import type { IsoDate } from '../../src/domain/months';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

const d = (s: string) => s as IsoDate;
let ctx: TestContext;
let unitId: string;
let otherUnit: string;
const ids: Record<string, string> = {};
const clients: Record<string, TestClient> = {};

async function saveCase(ref: string, unit: string, interventions: Intervention[]) {
  ids[ref] = await storeCase(ctx.db, ctx.deps.now(), unit, ref, interventions);
}

interface Due {
  caseRef: string;
  dueOn: string;
  role: string;
  state: string;
  track: string;
  daysOverdue: number;
  reviewers: { username: string; name: string }[];
}
async function due(who: string, query = 'asOf=2026-11-23'): Promise<Due[]> {
  const response = await (clients[who] as TestClient).get(`/api/reviews/due?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: Due[] }).items;
}
const review = (who: string, ref: string, body: unknown) =>
  (clients[who] as TestClient).post(`/api/cases/${ids[ref]}/reviews`, body);

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed');
  otherUnit = await createUnit(ctx.db, 'Ungeteam');
  const users: [string, string, Parameters<typeof createUser>[1]['roles'], string[]][] = [
    ['leder', 'Lone Leder', ['funktionsleder'], [unitId]],
    ['koordinator', 'Kim Koordinator', ['faglig_koordinator'], [unitId]],
    ['begge', 'Bo Begge', ['faglig_koordinator', 'funktionsleder'], [unitId]],
    ['raadgiver', 'Rie Rådgiver', ['raadgiver'], [unitId]],
    ['fremmed', 'Frida Fremmed', ['faglig_koordinator'], [otherUnit]],
    ['admin', 'Admin', ['administrator'], []],
  ];
  for (const [username, displayName, roles, unitIds] of users) {
    await createUser(ctx.db, { username, displayName, roles, unitIds });
    clients[username] = new TestClient(ctx);
    await clients[username].login(username);
  }
  await saveCase('S-1', unitId, [intervention({ ref: 'I1', startDate: d('2026-01-05') })]);
  await saveCase('E-1', unitId, [
    intervention({ ref: 'I1', startDate: d('2026-03-01'), category: 'eftervaern' }),
  ]);
  await saveCase('X-1', unitId, [
    intervention({ ref: 'I1', startDate: d('2025-01-01'), endDate: d('2025-06-30') }),
  ]);
  await saveCase('U-1', otherUnit, [intervention({ ref: 'I1', startDate: d('2026-09-01') })]);
});
afterAll(() => ctx.close());

describe('reviews due', () => {
  it('lists the cases due or overdue with the role expected and who holds it', async () => {
    const items = await due('koordinator');
    expect(items.map((i) => [i.caseRef, i.track, i.dueOn, i.role, i.state])).toEqual([
      ['E-1', 'eftervaern', '2026-07-01', 'faglig_koordinator', 'overdue'],
      ['S-1', 'standard', '2026-07-05', 'faglig_koordinator', 'overdue'],
    ]);
    expect(items[0]?.daysOverdue).toBe(145);
    expect(items[0]?.reviewers.map((r) => r.name)).toEqual(['Bo Begge', 'Kim Koordinator']);
  });

  it('shows a rådgiver the due reviews of the own unit only, and an unknown unit as 404', async () => {
    expect((await due('raadgiver')).map((i) => i.caseRef)).toEqual(['E-1', 'S-1']);
    expect((await due('fremmed')).map((i) => i.caseRef)).toEqual([]);
    expect((await due('admin', 'asOf=2027-03-15&unit=Ungeteam')).map((i) => i.caseRef)).toEqual([
      'U-1',
    ]);
    expect((await clients.raadgiver?.get('/api/reviews/due?unit=Ungeteam'))?.status).toBe(404);
  });

  it('refuses a bad date with a Danish message', async () => {
    const response = await clients.leder?.get('/api/reviews/due?asOf=2026-02-30');
    expect(response?.status).toBe(422);
    expect(await response?.text()).toContain('gyldig dato');
  });
});

describe('recording a review', () => {
  it('records who held it and when, keeps the schedule it was held against, and audits it', async () => {
    const response = await review('koordinator', 'E-1', {
      heldOn: '2026-11-20',
      outcome: 'fortsaet',
      note: 'Støtten fortsætter uændret.',
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await response.json()).toMatchObject({
      heldOn: '2026-11-20',
      heldByName: 'Kim Koordinator',
      role: 'faglig_koordinator',
      expectedRole: 'faglig_koordinator',
      dueOn: '2026-07-01',
      onTime: false,
      recordedOn: '2026-11-23',
    });
    const [audit] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.review.record' AND object_id = $1`,
      [ids['E-1']],
    );
    expect(audit?.n).toBe(1);
  });

  it('passes the next efterværn review to the funktionsleder, four months on', async () => {
    const response = await clients.leder?.get(`/api/cases/${ids['E-1']}/reviews`);
    expect(await response?.json()).toMatchObject({
      schedule: {
        track: 'eftervaern',
        dueOn: '2027-03-20',
        role: 'funktionsleder',
        state: 'upcoming',
      },
      canRecord: true,
      reviews: [{ heldOn: '2026-11-20', outcome: 'fortsaet' }],
    });
    expect((await due('leder')).map((i) => i.caseRef)).toEqual(['S-1']);
    expect((await due('leder', 'asOf=2027-03-01&mine=true')).map((i) => i.caseRef)).toEqual([
      'E-1',
    ]);
    // the standard case S-1 is not reviewed yet: it falls to the faglig koordinator
    expect((await due('koordinator', 'asOf=2027-03-01&mine=true')).map((i) => i.caseRef)).toEqual([
      'S-1',
    ]);
  });

  it('leaves a list as of an earlier day as it was (the review was recorded later)', async () => {
    expect((await due('leder', 'asOf=2026-11-20')).map((i) => i.caseRef)).toEqual(['E-1', 'S-1']);
  });

  it('holds it in the expected role when the reviewer has both', async () => {
    const response = await review('begge', 'S-1', { outcome: 'fortsaet' });
    expect(await response.json()).toMatchObject({
      role: 'faglig_koordinator',
      heldOn: '2026-11-23',
    });
  });

  it('refuses bad input in Danish and changes nothing', async () => {
    const before = await ctx.db.query('SELECT count(*)::int AS n FROM case_reviews');
    const cases: [string, unknown, string, string][] = [
      ['E-1', { heldOn: '2026-11-30', outcome: 'fortsaet' }, 'heldOn', 'fremtiden'],
      ['E-1', { heldOn: '2026-11-01', outcome: 'fortsaet' }, 'heldOn', 'senere'],
      ['E-1', { outcome: 'fortsaet', adjustmentRef: 'I1' }, 'adjustmentRef', 'fortsæt'],
      ['E-1', { outcome: 'juster', adjustmentRef: 'I1' }, 'adjustmentRef', 'justering'],
      ['E-1', { outcome: 'juster', adjustmentRef: 'I9' }, 'adjustmentRef', 'findes ikke'],
      ['X-1', { outcome: 'fortsaet' }, 'heldOn', 'ingen indsats'],
      ['E-1', { outcome: 'stop' }, 'outcome', 'fortsæt, juster eller afslut'],
      ['E-1', { outcome: 'fortsaet', role: 'funktionsleder' }, 'role', 'rolle'],
    ];
    for (const [ref, body, path, text] of cases) {
      const response = await review('koordinator', ref, body);
      const problem = (await response.json()) as { issues: { path: string; message: string }[] };
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(problem.issues[0]?.path).toBe(path);
      expect(problem.issues[0]?.message).toContain(text);
    }
    expect(await ctx.db.query('SELECT count(*)::int AS n FROM case_reviews')).toEqual(before);
  });

  it('refuses the same review twice (409), a rådgiver (403) and another unit (404)', async () => {
    const again = await review('koordinator', 'E-1', { heldOn: '2026-11-20', outcome: 'fortsaet' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toContain('allerede');
    expect((await review('raadgiver', 'S-1', { outcome: 'fortsaet' })).status).toBe(403);
    expect((await review('fremmed', 'S-1', { outcome: 'fortsaet' })).status).toBe(404);
  });
});

describe('the adjustment a review led to', () => {
  it('links a juster review to the adjustment registered after it', async () => {
    const recorded = await review('leder', 'E-1', { outcome: 'juster', note: 'Færre timer.' });
    const r = (await recorded.json()) as { id: string; version: number; adjustmentRef: null };
    expect(r.adjustmentRef).toBeNull();
    const [{ version } = { version: 0 }] = await ctx.db.query<{ version: number }>(
      'SELECT version FROM cases WHERE id = $1',
      [ids['E-1']],
    );
    const added = await clients.koordinator?.post(`/api/cases/${ids['E-1']}/interventions`, {
      version,
      intervention: {
        kind: 'main',
        status: 'expected',
        modifies: 'I1',
        decidedOn: '2026-11-23',
        category: 'eftervaern',
        paragraph: 'Barnets lov §114',
        provider: { name: 'Ungeteam', external: false },
        accountFunction: '5.28.21',
        startDate: '2026-12-01',
        endDate: null,
        payment: { type: 'running', frequency: 'daily', amount: 300 },
      },
    });
    expect(added?.status, await added?.clone().text()).toBe(201);
    const ref = ((await added?.json()) as { ref: string }).ref;
    const path = `/api/cases/${ids['E-1']}/reviews/${r.id}/adjustment`;
    const linked = await clients.leder?.put(path, { adjustmentRef: ref, version: r.version });
    expect(linked?.status, await linked?.clone().text()).toBe(200);
    expect(await linked?.json()).toMatchObject({ adjustmentRef: ref, version: 2 });
    const stale = await clients.leder?.put(path, { adjustmentRef: null, version: r.version });
    expect(stale?.status).toBe(409);
  });
});

describe('the rules as data', () => {
  it('lets an administrator tune a rule, which moves the due dates', async () => {
    const list = (await (await clients.leder?.get('/api/review-rules'))?.json()) as {
      items: { track: string; intervalMonths: number; version: number }[];
    };
    expect(list.items.map((r) => [r.track, r.intervalMonths])).toEqual([
      ['standard', 6],
      ['eftervaern', 4],
    ]);
    const body = { intervalMonths: 3, noticeDays: 14, roles: ['faglig_koordinator'], version: 1 };
    expect((await clients.leder?.put('/api/review-rules/standard', body))?.status).toBe(403);
    const saved = await clients.admin?.put('/api/review-rules/standard', body);
    expect(saved?.status, await saved?.clone().text()).toBe(200);
    const s1 = (await due('admin', 'asOf=2027-02-10&unit=Myndighed')).find(
      (i) => i.caseRef === 'S-1',
    );
    expect(s1?.dueOn).toBe('2027-02-23');
    expect((await clients.admin?.put('/api/review-rules/standard', body))?.status).toBe(409);
    const bad = await clients.admin?.put('/api/review-rules/standard', {
      ...body,
      intervalMonths: 0,
      version: 2,
    });
    expect(bad?.status).toBe(422);
  });
});

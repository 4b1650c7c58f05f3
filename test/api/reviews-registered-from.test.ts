import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCase } from '../db';
import { intervention } from '../cases-support';
import type { Intervention } from '../../src/domain/cases';
import type { IsoDate } from '../../src/domain/months';
import type { StatusReportJson } from '../../src/shared/schemas/status-report';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

const d = (s: string) => s as IsoDate;
let ctx: TestContext;
let unitId: string;
const ids: Record<string, string> = {};
const admin = () => clients.admin as TestClient;
const clients: Record<string, TestClient> = {};

interface Settings {
  municipalityName: string;
  actionPlanThreshold: number;
  reviewsRegisteredFrom: string | null;
  version: number;
}
interface Problem {
  issues?: { path: string; message: string }[];
}

async function saveCase(ref: string, interventions: Intervention[]) {
  ids[ref] = await storeCase(ctx.db, ctx.deps.now(), unitId, ref, interventions);
}
const settings = async () => (await (await admin().get('/api/settings')).json()) as Settings;
const putSettings = async (change: Partial<Settings>) => {
  const current = await settings();
  return admin().put('/api/settings', {
    municipalityName: current.municipalityName,
    actionPlanThreshold: current.actionPlanThreshold,
    version: current.version,
    ...change,
  });
};
const auditRows = () =>
  ctx.db.query<{ before: Settings; after: Settings }>(
    `SELECT before, after FROM audit_log WHERE object_type = 'settings' ORDER BY id`,
  );
async function due(asOf: string) {
  const response = await (clients.koordinator as TestClient).get(`/api/reviews/due?asOf=${asOf}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { caseRef: string; dueOn: string; state: string }[] })
    .items;
}
/** The indicator sentences' data of a report of `year` as of `asOf`. */
async function indicators(year: number, asOf: string) {
  const created = await (clients.okonomi as TestClient).post('/api/status-reports', {
    title: `Status ${asOf}`,
    year,
    asOf,
    focusAreas: [],
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as StatusReportJson;
  const report = (await (
    await (clients.okonomi as TestClient).get(`/api/status-reports/${id}`)
  ).json()) as StatusReportJson;
  return report.indicators;
}

beforeAll(async () => {
  ctx = await createTestApp();
  ctx.setNow(new Date('2026-06-25T10:00:00Z'));
  unitId = await createUnit(ctx.db, 'Myndighed');
  const users: [string, Parameters<typeof createUser>[1]['roles'], string[]][] = [
    ['koordinator', ['faglig_koordinator'], [unitId]],
    ['okonomi', ['okonomikonsulent'], []],
    ['admin', ['administrator'], []],
  ];
  for (const [username, roles, unitIds] of users) {
    await createUser(ctx.db, { username, displayName: username, roles, unitIds });
    clients[username] = new TestClient(ctx);
    await clients[username].login(username);
  }
  // a case in force for years, and one that ended before reviews were registered
  await saveCase('S-1', [intervention({ ref: 'I1', startDate: d('2019-10-01') })]);
  await saveCase('X-1', [
    intervention({ ref: 'I1', startDate: d('2019-01-01'), endDate: d('2020-12-31') }),
  ]);
});
afterAll(() => ctx.close());

describe('the setting "Gennemgange registreres i Overblik fra"', () => {
  it('is empty (from the beginning) until set', async () => {
    expect((await settings()).reviewsRegisteredFrom).toBeNull();
  });

  it.each([['2021-02-29'], ['01.01.2026'], ['']])(
    'refuses %j in Danish and changes nothing',
    async (value) => {
      const current = await settings();
      const before = (await auditRows()).length;
      const response = await putSettings({ reviewsRegisteredFrom: value });
      expect(response.status).toBe(422);
      expect(((await response.json()) as Problem).issues).toContainEqual(
        expect.objectContaining({
          path: 'reviewsRegisteredFrom',
          message: 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).',
        }),
      );
      expect(await settings()).toEqual(current);
      expect((await auditRows()).length).toBe(before);
    },
  );

  it('is set by an administrator with one audit row, and kept when a change leaves it out', async () => {
    const before = (await auditRows()).length;
    const response = await putSettings({ reviewsRegisteredFrom: '2026-01-01' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Settings).reviewsRegisteredFrom).toBe('2026-01-01');
    const rows = await auditRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({
      before: { reviewsRegisteredFrom: null },
      after: { reviewsRegisteredFrom: '2026-01-01' },
    });
    const current = await settings();
    const kept = await admin().put('/api/settings', {
      municipalityName: 'Demo',
      actionPlanThreshold: current.actionPlanThreshold,
      version: current.version,
    });
    expect(kept.status).toBe(200);
    expect(await settings()).toMatchObject({
      municipalityName: 'Demo',
      reviewsRegisteredFrom: '2026-01-01',
    });
  });

  it('is refused to anyone but an administrator', async () => {
    const current = await settings();
    const response = await (clients.okonomi as TestClient).put('/api/settings', {
      municipalityName: current.municipalityName,
      actionPlanThreshold: current.actionPlanThreshold,
      reviewsRegisteredFrom: null,
      version: current.version,
    });
    expect(response.status).toBe(403);
    expect((await settings()).reviewsRegisteredFrom).toBe('2026-01-01');
  });
});

describe('reviews registered from 01.01.2026', () => {
  it('lists nothing due before the day, and from it the first review one interval after it', async () => {
    expect(await due('2025-12-31')).toEqual([]);
    expect(await due('2026-06-15')).toEqual([
      expect.objectContaining({ caseRef: 'S-1', dueOn: '2026-07-01', state: 'due' }),
    ]);
    expect(await due('2026-07-02')).toEqual([
      expect.objectContaining({ caseRef: 'S-1', dueOn: '2026-07-01', state: 'overdue' }),
    ]);
  });

  it('refuses a review held before the day in Danish', async () => {
    const response = await (clients.koordinator as TestClient).post(
      `/api/cases/${ids['S-1']}/reviews`,
      { heldOn: '2025-12-15', outcome: 'fortsaet', note: '' },
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).issues).toContainEqual(
      expect.objectContaining({
        path: 'heldOn',
        message: 'Gennemgange registreres i Overblik fra 01.01.2026.',
      }),
    );
  });

  it('gives a status report before the day no reviews figure, and one after it counts from the day', async () => {
    const may2020 = await indicators(2020, '2020-05-31');
    expect(may2020).toMatchObject({
      reviewsRegisteredFrom: '2026-01-01',
      reviews: { held: 0, onTime: 0, overdue: 0, percent: null },
      eftervaernReviews: { percent: null },
    });

    // one review held on time in the current year, the case overdue again later
    const held = await (clients.koordinator as TestClient).post(
      `/api/cases/${ids['S-1']}/reviews`,
      { heldOn: '2026-06-20', outcome: 'fortsaet', note: '' },
    );
    expect(held.status, await held.clone().text()).toBe(201);
    ctx.setNow(new Date('2027-01-10T10:00:00Z'));
    await (clients.okonomi as TestClient).login('okonomi');
    const onTime = await indicators(2026, '2026-11-30');
    expect(onTime?.reviews).toEqual({ held: 1, onTime: 1, overdue: 0, percent: 100 });
    const later = await indicators(2026, '2026-12-31');
    expect(later?.reviews).toEqual({ held: 1, onTime: 1, overdue: 1, percent: 50 });
  });
});

describe('a final report', () => {
  it('keeps its indicators as they were when it was made final; a draft follows the setting', async () => {
    const okonomi = clients.okonomi as TestClient;
    const create = async (title: string) => {
      const created = await okonomi.post('/api/status-reports', {
        title,
        year: 2026,
        asOf: '2026-11-30',
        focusAreas: [],
      });
      expect(created.status).toBe(201);
      return (await created.json()) as StatusReportJson;
    };
    const read = async (id: string) =>
      (await (await okonomi.get(`/api/status-reports/${id}`)).json()) as StatusReportJson;
    const final = await create('Sendt til udvalget');
    const draft = await create('Kladde');
    const made = await okonomi.post(`/api/status-reports/${final.id}/finalise`, {
      version: final.version,
    });
    expect(made.status, await made.clone().text()).toBe(200);
    const sent = (await read(final.id)).indicators;
    expect(sent?.reviews).toEqual({ held: 1, onTime: 1, overdue: 0, percent: 100 });

    // the administrator moves the registration day past the report's date afterwards
    await admin().login('admin'); // the clock moved past the earlier session's life above
    const moved = await putSettings({ reviewsRegisteredFrom: '2027-01-01' });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await read(draft.id)).indicators?.reviews.percent).toBeNull();
    expect((await read(final.id)).indicators).toEqual(sent);
  });
});

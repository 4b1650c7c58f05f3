import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { docxText, pdfText } from '../documents';

let ctx: TestContext;
let unitId: string;
let otherUnit: string;
const clients: Record<string, TestClient> = {};

async function createCase(ref: string, unit: string): Promise<string> {
  const [row] = await ctx.db.query<{ id: string }>(
    `INSERT INTO cases (ref, household_ref, unit_id, person_ref) VALUES ($1, $2, $3, $4) RETURNING id`,
    [ref, `H-${ref}`, unit, `P-${ref}`],
  );
  return row?.id ?? '';
}

async function auditCount(action: string): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'meeting' AND action = $1`,
    [action],
  );
  return row?.n ?? 0;
}

interface Meeting {
  id: string;
  version: number;
  items: {
    id: string;
    caseRef: string;
    decision: string | null;
    reason: string | null;
    amount: number | null;
    version: number;
  }[];
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, 'Myndighed');
  otherUnit = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, {
    username: 'leder',
    displayName: 'Lone Leder',
    roles: ['funktionsleder'],
    unitIds: [unitId],
  });
  await createUser(ctx.db, { username: 'raadgiver', roles: ['raadgiver'], unitIds: [unitId] });
  await createUser(ctx.db, {
    username: 'koordinator',
    roles: ['faglig_koordinator'],
    unitIds: [unitId],
  });
  await createUser(ctx.db, {
    username: 'fremmed',
    roles: ['funktionsleder'],
    unitIds: [otherUnit],
  });
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unitId] });
  for (const name of ['leder', 'raadgiver', 'koordinator', 'fremmed', 'okonomi']) {
    clients[name] = new TestClient(ctx);
    await clients[name].login(name);
  }
  await createCase('S-100', unitId);
  await createCase('S-101', unitId);
  await createCase('S-900', otherUnit);
});
afterAll(() => ctx.close());

const c = (name: string) => clients[name] as TestClient;

describe('visitation meetings', () => {
  let meeting: Meeting;

  it('a funktionsleder creates a meeting for the unit with participants by role (audited)', async () => {
    const response = await c('leder').post('/api/meetings', {
      kind: 'visitation',
      heldOn: '2026-11-23',
      unitId,
      title: 'Visitationsmøde, ungeområdet',
      participants: [
        { role: 'funktionsleder', name: 'Lone Leder' },
        { role: 'faglig_koordinator', name: 'Karl Koordinator' },
      ],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    meeting = (await response.json()) as Meeting;
    expect(meeting.items).toEqual([]);
    expect(await auditCount('create')).toBe(1);
  });

  it('a rådgiver may not create one, and nobody may for another unit', async () => {
    const base = { kind: 'visitation', heldOn: '2026-11-30', title: 'x', participants: [] };
    expect((await c('raadgiver').post('/api/meetings', { ...base, unitId })).status).toBe(403);
    expect((await c('leder').post('/api/meetings', { ...base, unitId: otherUnit })).status).toBe(
      403,
    );
  });

  it('a rådgiver puts a case forward; the unit’s leaders are notified', async () => {
    const response = await c('raadgiver').post(`/api/meetings/${meeting.id}/items`, {
      caseRef: 'S-100',
      summary: 'Efterværn: kontaktperson 18-årig',
    });
    expect(response.status, await response.clone().text()).toBe(201);
    meeting = (await response.json()) as Meeting;
    expect(meeting.items.map((i) => i.caseRef)).toEqual(['S-100']);
    const notes = (await (await c('leder').get('/api/notifications')).json()) as {
      unread: number;
      items: { text: string }[];
    };
    expect(notes.unread).toBe(1);
    expect(notes.items[0]?.text).toBe(
      'Sag S-100 er sat på dagsordenen til Visitationsmøde, ungeområdet den 23.11.2026.',
    );
  });

  it('refuses a case of another unit, an unknown case and the same case twice', async () => {
    const other = await c('raadgiver').post(`/api/meetings/${meeting.id}/items`, {
      caseRef: 'S-900',
    });
    expect(other.status).toBe(422);
    const problem = (await other.json()) as { issues: { path: string; message: string }[] };
    expect(problem.issues).toEqual([
      expect.objectContaining({ path: 'caseRef', message: 'Sagen S-900 findes ikke.' }),
    ]);
    const twice = await c('raadgiver').post(`/api/meetings/${meeting.id}/items`, {
      caseRef: 'S-100',
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { detail: string }).detail).toContain('allerede');
  });

  it('a funktionsleder of another unit gets 404 for the meeting', async () => {
    expect((await c('fremmed').get(`/api/meetings/${meeting.id}`)).status).toBe(404);
    const listed = (await (await c('fremmed').get('/api/meetings')).json()) as {
      items: unknown[];
    };
    expect(listed.items).toEqual([]);
  });

  it('a decision needs a reason, and an amount when granted', async () => {
    const item = meeting.items[0];
    const response = await c('leder').post(
      `/api/meetings/${meeting.id}/items/${item?.id}/decision`,
      { decision: 'bevilget', reason: ' ', amount: null, version: item?.version },
    );
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { issues: { path: string }[] };
    expect(problem.issues.map((i) => i.path).sort()).toEqual(['amount', 'reason']);
  });

  it('a rådgiver cannot decide; the funktionsleder records bevilget with the amount (audited)', async () => {
    const item = meeting.items[0];
    const path = `/api/meetings/${meeting.id}/items/${item?.id}/decision`;
    const decision = {
      decision: 'bevilget',
      reason: 'Kontaktperson 4 timer om ugen i et år',
      amount: 12500.5,
      version: item?.version,
    };
    expect((await c('raadgiver').post(path, decision)).status).toBe(403);
    const response = await c('leder').post(path, decision);
    expect(response.status, await response.clone().text()).toBe(200);
    meeting = (await response.json()) as Meeting;
    expect(meeting.items[0]).toMatchObject({
      decision: 'bevilget',
      reason: 'Kontaktperson 4 timer om ugen i et år',
      amount: 12500.5,
    });
    expect(await auditCount('decide')).toBe(1);
    const again = await c('leder').post(path, { ...decision, version: meeting.items[0]?.version });
    expect(again.status).toBe(409);
    expect(await auditCount('decide')).toBe(1);
  });

  it('the rådgiver who put the case forward is told the decision', async () => {
    const notes = (await (await c('raadgiver').get('/api/notifications')).json()) as {
      items: { id: string; text: string; read: boolean }[];
      unread: number;
    };
    expect(notes.items.map((n) => n.text)).toContain(
      'Sag S-100 er bevilget på visitationsmødet den 23.11.2026.',
    );
    const read = await c('raadgiver').post('/api/notifications/read', {
      ids: [notes.items[0]?.id],
    });
    expect(((await read.json()) as { unread: number }).unread).toBe(notes.unread - 1);
  });

  it('udsat keeps the case undecided in substance: it can go on the next meeting', async () => {
    await c('koordinator').post(`/api/meetings/${meeting.id}/items`, {
      caseRef: 'S-101',
      summary: 'Aflastning',
    });
    meeting = (await (await c('leder').get(`/api/meetings/${meeting.id}`)).json()) as Meeting;
    const item = meeting.items.find((i) => i.caseRef === 'S-101');
    const response = await c('leder').post(
      `/api/meetings/${meeting.id}/items/${item?.id}/decision`,
      { decision: 'udsat', reason: 'Afventer børnefaglig undersøgelse', version: item?.version },
    );
    expect(response.status).toBe(200);
    const next = (await (
      await c('leder').post('/api/meetings', {
        kind: 'visitation',
        heldOn: '2026-11-30',
        unitId,
        title: 'Næste visitationsmøde',
      })
    ).json()) as Meeting;
    const carried = await c('leder').post(`/api/meetings/${next.id}/items`, {
      caseRef: 'S-101',
    });
    expect(carried.status).toBe(201);
  });

  it('refuses a decision before the meeting is held', async () => {
    const later = (await (
      await c('leder').get('/api/meetings?kind=visitation&from=2026-11-30')
    ).json()) as { items: Meeting[] };
    const next = (await (
      await c('leder').get(`/api/meetings/${later.items[0]?.id}`)
    ).json()) as Meeting;
    const item = next.items[0];
    const response = await c('leder').post(`/api/meetings/${next.id}/items/${item?.id}/decision`, {
      decision: 'afslaaet',
      reason: 'x',
      version: item?.version,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toContain('30.11.2026');
  });

  it('exports the minutes as Word and PDF with the decisions and Danish amounts', async () => {
    const word = await c('leder').get(`/api/meetings/${meeting.id}/minutes?format=docx`);
    expect(word.status).toBe(200);
    const { paragraphs } = await docxText(await word.arrayBuffer());
    const all = paragraphs.join('\n');
    expect(all).toContain('Referat af visitationsmøde 23.11.2026');
    expect(all).toContain('Lone Leder (funktionsleder)');
    expect(all).toContain('Kontaktperson 4 timer om ugen i et år');
    expect(all).toContain('12.500,50 kr.');
    expect(all).toContain('udsat');
    const pdf = await c('leder').get(`/api/meetings/${meeting.id}/minutes?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('bevilget');
    expect(text).toContain('12.500,50 kr.');
    expect(text).toContain('Afventer børnefaglig undersøgelse');
  });
});

describe('the committee calendar and ledelse’s sign-off', () => {
  let committeeId: string;
  let reportId: string;

  beforeAll(async () => {
    await createUser(ctx.db, {
      username: 'direktion',
      displayName: 'Dorte Direktør',
      roles: ['ledelse'],
    });
    clients.direktion = new TestClient(ctx);
    await c('direktion').login('direktion');
    const report = await c('okonomi').post('/api/status-reports', {
      title: 'Status maj 2026',
      year: 2026,
      asOf: '2026-05-31',
      focusAreas: [],
    });
    reportId = ((await report.json()) as { id: string }).id;
  });

  it('an økonomikonsulent creates a committee meeting with its deadline; a rådgiver may not', async () => {
    const body = {
      kind: 'committee',
      heldOn: '2026-12-08',
      title: 'Børne- og Ungeudvalget',
      materialDeadline: '2026-11-24',
    };
    expect((await c('raadgiver').post('/api/meetings', body)).status).toBe(403);
    const bad = await c('okonomi').post('/api/meetings', {
      ...body,
      materialDeadline: '2026-12-09',
    });
    expect(bad.status).toBe(422);
    const response = await c('okonomi').post('/api/meetings', body);
    expect(response.status).toBe(201);
    committeeId = ((await response.json()) as { id: string }).id;
    const listed = (await (await c('okonomi').get('/api/meetings')).json()) as {
      items: { kind: string; materialDeadline: string | null }[];
    };
    expect(listed.items.filter((m) => m.kind === 'committee')).toEqual([
      expect.objectContaining({ materialDeadline: '2026-11-24' }),
    ]);
  });

  it('a report cannot be presented before ledelse signs it off', async () => {
    const response = await c('okonomi').post(`/api/meetings/${committeeId}/presentations`, {
      objectType: 'status_report',
      objectId: reportId,
      version: 1,
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe('signoff_missing');
  });

  it('the request notifies ledelse, who signs off; only ledelse may sign', async () => {
    const input = { objectType: 'status_report', objectId: reportId, version: 1 };
    expect((await c('okonomi').post('/api/signoffs/requests', input)).status).toBe(200);
    const notes = (await (await c('direktion').get('/api/notifications')).json()) as {
      items: { text: string }[];
    };
    expect(notes.items[0]?.text).toBe(
      'okonomi beder ledelsen godkende Statusrapporten «Status maj 2026».',
    );
    expect((await c('okonomi').post('/api/signoffs', input)).status).toBe(403);
    const signed = await c('direktion').post('/api/signoffs', input);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({
      holds: true,
      signoff: { signedByName: 'Dorte Direktør' },
    });
  });

  it('editing after the sign-off voids it', async () => {
    const saved = await c('okonomi').put(`/api/status-reports/${reportId}`, {
      title: 'Status maj 2026',
      year: 2026,
      asOf: '2026-05-31',
      intro: 'Rettet',
      focusAreas: [],
      version: 1,
    });
    expect(saved.status).toBe(200);
    const state = (await (
      await c('okonomi').get(`/api/signoffs/status_report/${reportId}`)
    ).json()) as { holds: boolean; currentVersion: number };
    expect(state).toMatchObject({ holds: false, currentVersion: 2 });
    const refused = await c('okonomi').post(`/api/meetings/${committeeId}/presentations`, {
      objectType: 'status_report',
      objectId: reportId,
      version: 2,
    });
    expect(refused.status).toBe(409);
  });

  it('signed off again, the report is linked as presented at the meeting (audited)', async () => {
    const input = { objectType: 'status_report', objectId: reportId, version: 2 };
    expect((await c('direktion').post('/api/signoffs', input)).status).toBe(200);
    const response = await c('okonomi').post(`/api/meetings/${committeeId}/presentations`, input);
    expect(response.status).toBe(200);
    const state = (await response.json()) as { presented: { heldOn: string }[] };
    expect(state.presented.map((p) => p.heldOn)).toEqual(['2026-12-08']);
    const meeting = (await (await c('direktion').get(`/api/meetings/${committeeId}`)).json()) as {
      presented: { objectTitle: string }[];
    };
    expect(meeting.presented.map((p) => p.objectTitle)).toEqual(['Status maj 2026']);
    const [audit] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action IN ('signoff', 'present', 'request_signoff')`,
      [reportId],
    );
    expect(audit?.n).toBe(4);
  });
});

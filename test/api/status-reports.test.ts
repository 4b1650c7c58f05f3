import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/server/demo/cases';
import { DEMO_UNITS } from '../../src/server/demo/organisation';
import { seedDemoStatusReport, STATUS_REPORT_MAY_2020 } from '../../src/server/demo/status-report';
import type { StatusReportJson } from '../../src/shared/schemas/status-report';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * The status report of May 2020 computed from the demo municipality's cases states the
 * reference's figures (in millions with one decimal, as the report does), is frozen when
 * final, and is written only by those allowed to.
 */
let ctx: TestContext;
let direktion: TestClient;
let okonomi: TestClient;
let reportId: string;
let myndighed = '';

beforeAll(async () => {
  ctx = await createTestApp();
  for (const unit of DEMO_UNITS) {
    const id = await createUnit(ctx.db, unit.name);
    if (unit.key === 'myndighed') myndighed = id;
  }
  await ctx.db.transaction(async (tx) => {
    await seedDemoCases(tx, ctx.deps.now());
    await seedDemoStatusReport(tx);
  });
  await createUser(ctx.db, { username: 'direktion', roles: ['ledelse'] });
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'] });
  await createUser(ctx.db, { username: 'raadgiver', roles: ['raadgiver'], unitIds: [myndighed] });
  await createUser(ctx.db, {
    username: 'koordinator',
    roles: ['faglig_koordinator'],
    unitIds: [myndighed],
  });
  direktion = new TestClient(ctx);
  await direktion.login('direktion');
  okonomi = new TestClient(ctx);
  await okonomi.login('okonomi');
  const list = (await (await direktion.get('/api/status-reports')).json()) as {
    items: { id: string; title: string }[];
  };
  reportId = list.items.find((r) => r.title === STATUS_REPORT_MAY_2020.title)?.id ?? '';
}, 180_000);
afterAll(() => ctx.close());

const millions = (kroner: number) => Math.round(kroner / 100_000) / 10;

async function report(client: TestClient, id = reportId): Promise<StatusReportJson> {
  const response = await client.get(`/api/status-reports/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as StatusReportJson;
}

describe('the demo status report of May 2020', () => {
  it('states the reference figures: 8,5 → 5,9 and 7,9 → 4,7 mio. kr.; 8 families in both months', async () => {
    const r = await report(direktion);
    expect(r.title).toBe(
      'Økonomisk handleplan på det specialiserede børneområde 2020 - status maj',
    );
    expect(r.asOf).toBe('2020-05-31');
    expect(r.status).toBe('draft');
    const [aftercare, external, families] = r.focusAreas;
    expect(aftercare?.figures.cost?.baseline).toMatchObject({ year: 2019, asOf: '2019-12-31' });
    expect(millions(aftercare?.figures.cost?.baseline.amount ?? 0)).toBe(8.5);
    expect(millions(aftercare?.figures.cost?.current.amount ?? 0)).toBe(5.9);
    expect(millions(external?.figures.cost?.baseline.amount ?? 0)).toBe(7.9);
    expect(millions(external?.figures.cost?.current.amount ?? 0)).toBe(4.7);
    expect(families?.figures.families?.baseline.families).toBe(8);
    expect(families?.figures.families?.current.families).toBe(8);
    expect(families?.figures.families?.current.perFamily ?? 0).toBeLessThan(
      families?.figures.families?.baseline.perFamily ?? 0,
    );
  }, 120_000);

  it('states each cost figure exactly as the commitment statement does for the same group and date', async () => {
    const r = await report(direktion);
    const areas = r.focusAreas.filter((a) => a.cost);
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) {
      for (const point of ['baseline', 'current'] as const) {
        const figure = area.figures.cost?.[point];
        const s = (await (
          await direktion.get(
            `/api/commitments/statement?year=${figure?.year}&asOf=${figure?.asOf}&by=provider&group=${area.cost?.group}`,
          )
        ).json()) as { expected: { total: number }; rows: { key: string; expected: number }[] };
        const provider = area.cost?.provider;
        const expected = provider
          ? (s.rows.find((x) => x.key === provider)?.expected ?? 0)
          : s.expected.total;
        expect(figure?.amount).toBe(expected);
      }
    }
  }, 120_000);

  it('is a Word document with the three columns and the figures in Danish format', async () => {
    const response = await direktion.get(`/api/status-reports/${reportId}/export?format=docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const text of [
      'Fokus i 2020',
      'Handling',
      'Status maj 2020',
      '8,5 mio. kr.',
      '5,9 mio. kr.',
      '7,9 mio. kr.',
      '4,7 mio. kr.',
    ]) {
      expect(xml).toContain(text);
    }
  }, 120_000);
});

describe('writing reports', () => {
  it('a reader without the right to write gets 403; a rådgiver may not even read', async () => {
    const r = await report(direktion);
    const put = await direktion.put(`/api/status-reports/${reportId}`, {
      ...STATUS_REPORT_MAY_2020,
      version: r.version,
    });
    expect(put.status).toBe(403);
    const raadgiver = new TestClient(ctx);
    await raadgiver.login('raadgiver');
    expect((await raadgiver.get('/api/status-reports')).status).toBe(403);
    expect((await raadgiver.get(`/api/status-reports/${reportId}`)).status).toBe(403);
    // a unit-scoped reader sees the municipality's figures, as the committee does
    const koordinator = new TestClient(ctx);
    await koordinator.login('koordinator');
    const seen = await report(koordinator);
    expect(millions(seen.focusAreas[0]?.figures.cost?.baseline.amount ?? 0)).toBe(8.5);
  }, 120_000);

  it('saves texts with the version; a stale version is 409 naming who changed it', async () => {
    const created = await okonomi.post('/api/status-reports', {
      ...STATUS_REPORT_MAY_2020,
      title: 'Status november',
      asOf: '2020-11-30',
      focusAreas: STATUS_REPORT_MAY_2020.focusAreas.slice(0, 1),
    });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as StatusReportJson;
    const first = await okonomi.put(`/api/status-reports/${draft.id}`, {
      ...STATUS_REPORT_MAY_2020,
      title: 'Status november 2020',
      asOf: '2020-11-30',
      focusAreas: STATUS_REPORT_MAY_2020.focusAreas.slice(0, 1),
      version: draft.version,
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as StatusReportJson).title).toBe('Status november 2020');
    const stale = await okonomi.put(`/api/status-reports/${draft.id}`, {
      ...STATUS_REPORT_MAY_2020,
      title: 'Forældet',
      asOf: '2020-11-30',
      focusAreas: [],
      version: draft.version,
    });
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as { code: string; detail: string };
    expect(problem.code).toBe('version_conflict');
    expect(problem.detail).toContain('okonomi');
    const latest = await report(okonomi, draft.id);
    expect(latest.title).toBe('Status november 2020');
    const finalised = await okonomi.post(`/api/status-reports/${draft.id}/finalise`, {
      version: latest.version,
    });
    expect(finalised.status).toBe(200);

    const audit = await ctx.db.query<{ action: string; actor_username: string }>(
      `SELECT action, actor_username FROM audit_log WHERE object_type = 'status_report' AND object_id = $1 ORDER BY id`,
      [draft.id],
    );
    expect(audit).toEqual([
      { action: 'create', actor_username: 'okonomi' },
      { action: 'update', actor_username: 'okonomi' },
      { action: 'finalise', actor_username: 'okonomi' },
    ]);
  }, 120_000);

  it('a date outside the report year is refused with a Danish message at asOf', async () => {
    const response = await okonomi.post('/api/status-reports', {
      ...STATUS_REPORT_MAY_2020,
      asOf: '2021-01-31',
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(problem.issues[0]?.path).toBe('asOf');
    expect(problem.issues[0]?.message).toContain('2020');
  });

  it('a final report keeps its figures when the cases change, and can no longer be edited', async () => {
    const before = await report(okonomi);
    const finalised = await okonomi.post(`/api/status-reports/${reportId}/finalise`, {
      version: before.version,
    });
    expect(finalised.status).toBe(200);
    const final = (await finalised.json()) as StatusReportJson;
    expect(final.status).toBe('final');
    expect(final.frozen).toBe(true);
    expect(final.finalisedBy).toBe('okonomi');

    // the aftercare cases are reclassified afterwards: a draft would now show 0 kr.
    await ctx.db.query(
      `UPDATE case_interventions SET category = 'andet' WHERE category = 'eftervaern'`,
    );
    const after = await report(direktion);
    expect(after.focusAreas).toEqual(before.focusAreas);
    expect(millions(after.focusAreas[0]?.figures.cost?.current.amount ?? 0)).toBe(5.9);

    const edit = await okonomi.put(`/api/status-reports/${reportId}`, {
      ...STATUS_REPORT_MAY_2020,
      version: final.version,
    });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { code: string }).code).toBe('status_report_final');

    const audit = await ctx.db.query<{ action: string; after: { status: string } }>(
      `SELECT action, after FROM audit_log WHERE object_type = 'status_report' AND object_id = $1`,
      [reportId],
    );
    expect(audit.map((a) => a.action)).toEqual(['finalise']);
    expect(audit[0]?.after.status).toBe('final');
  }, 120_000);
});

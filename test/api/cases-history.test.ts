import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// Decisions never rewrite the past (issue 11): granting through the service, then reading the
// statement as of an earlier date; export → import keeps the dated facts; measures are measures.
// The test clock stands at 23.11.2026.
let ctx: TestContext;
let leder: TestClient;

const UNIT = 'Myndighed børn og unge';

function intervention(ref: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref,
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2023-12-01',
    category: 'familiebehandling',
    paragraph: 'Barnets lov § 32',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    payment: { type: 'running', frequency: 'daily', amount: 1000 },
    ...over,
  };
}

function document(cases: Record<string, unknown>[]) {
  return { format: 'overblik/cases@1', rates: [], cases };
}

function caseWith(ref: string, interventions: Record<string, unknown>[], household = `H-${ref}`) {
  return {
    ref,
    household,
    unit: UNIT,
    person: { ref: `P-${ref}`, birthDate: '2012-03-14' },
    interventions,
  };
}

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

async function committed(query: string): Promise<{ expected: number; granted: number }> {
  const c = await json<{ expected: { total: number }; granted: { total: number } }>(
    await leder.get(`/api/commitments?${query}`),
  );
  return { expected: c.expected.total, granted: c.granted.total };
}

async function caseRow(ref: string): Promise<{ id: string; version: number }> {
  const [row] = await ctx.db.query<{ id: string; version: number }>(
    'SELECT id, version FROM cases WHERE ref = $1',
    [ref],
  );
  if (!row) throw new Error(`no case ${ref}`);
  return row;
}

beforeAll(async () => {
  ctx = await createTestApp();
  const unitId = await createUnit(ctx.db, UNIT);
  await createUser(ctx.db, {
    username: 'leder',
    roles: ['funktionsleder', 'okonomikonsulent'],
    unitIds: [unitId],
  });
  leder = new TestClient(ctx);
  await leder.login('leder');
  const imported = await leder.post(
    '/api/cases/import',
    document([
      caseWith('T-1', [
        intervention('A'),
        intervention('B', {
          status: 'expected',
          modifies: 'A',
          decidedOn: '2024-06-15',
          startDate: '2024-07-01',
          payment: { type: 'running', frequency: 'daily', amount: 800 },
        }),
      ]),
      // one placement with a monthly forældrebetaling and a follow-on cost: one measure
      caseWith(
        'T-2',
        [
          intervention('P', { category: 'anbringelse-plejefamilie' }),
          intervention('F', {
            kind: 'supplementary',
            category: 'andet',
            payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: -3200 },
          }),
          intervention('G', { kind: 'supplementary', followOn: true }),
        ],
        'H-9',
      ),
    ]),
  );
  expect(imported.status).toBe(200);
});
afterAll(() => ctx.close());

describe('granting never rewrites an earlier statement', () => {
  it('refuses a grant dated in the future or before the adjustment was decided, changing nothing', async () => {
    const row = await caseRow('T-1');
    const future = await leder.post(`/api/cases/${row.id}/interventions/B/grant`, {
      version: row.version,
      decidedOn: '2026-11-24',
    });
    const body = await json<{ detail: string; issues: { path: string; message: string }[] }>(
      future,
      422,
    );
    expect(body.issues).toEqual([
      expect.objectContaining({
        path: 'decidedOn',
        message: 'Beslutningsdatoen må ikke ligge i fremtiden.',
      }),
    ]);
    const early = await leder.post(`/api/cases/${row.id}/interventions/B/grant`, {
      version: row.version,
      decidedOn: '2024-06-14',
    });
    expect((await json<{ issues: { message: string }[] }>(early, 422)).issues[0]?.message).toBe(
      'Bevillingsdatoen ligger før indsatsen blev besluttet.',
    );
    expect((await caseRow('T-1')).version).toBe(row.version);
  });

  it('the issue example: 366.000 kr. as of 01.06.2024 before and after the grant; movement shows the saving', async () => {
    const q = 'year=2024&case=T-1&asOf=2024-06-01';
    expect(await committed(q)).toEqual({ expected: 366_000, granted: 366_000 });
    const row = await caseRow('T-1');
    const granted = await leder.post(`/api/cases/${row.id}/interventions/B/grant`, {
      version: row.version,
      decidedOn: '2024-06-20',
    });
    expect(await json(granted)).toEqual({ version: row.version + 1, ended: 'A', removed: null });
    expect(await committed(q)).toEqual({ expected: 366_000, granted: 366_000 });
    // between the expected adjustment and its grant: expected already counts it, granted not yet
    expect(await committed('year=2024&case=T-1&asOf=2024-06-19')).toEqual({
      expected: 329_200,
      granted: 366_000,
    });
    expect(await committed('year=2024&case=T-1&asOf=2024-07-31')).toEqual({
      expected: 329_200,
      granted: 329_200,
    });
    const m = await json<{
      groups: Record<string, { count: number; amount: number }>;
      items: { kind: string; case: string; amount: number }[];
    }>(await leder.get('/api/commitments/movement?year=2024&from=2024-06-01&to=2024-07-31'));
    expect(m.items.filter((i) => i.case === 'T-1')).toEqual([
      expect.objectContaining({ kind: 'changed', amount: -36_800 }),
    ]);
  });

  it('export → import keeps the dated facts, and importing them again changes nothing', async () => {
    const exported = await json<{
      cases: { ref: string; interventions: Record<string, unknown>[] }[];
    }>(await leder.get('/api/cases/export'));
    const t1 = exported.cases.find((c) => c.ref === 'T-1');
    expect(t1?.interventions[0]).toMatchObject({
      endDate: '2024-12-31',
      endings: [{ endDate: '2024-06-30', decidedOn: '2024-06-20', by: 'B', removed: false }],
    });
    expect(t1?.interventions[1]).toMatchObject({ status: 'granted', grantedOn: '2024-06-20' });
    const again = await json<{ unchanged: number; updated: number }>(
      await leder.post('/api/cases/import', exported),
    );
    expect(again).toMatchObject({ updated: 0 });
    // the same history under a new reference answers the same statements
    const copy = { ...t1, ref: 'T-1-kopi', household: 'H-kopi' };
    await json(await leder.post('/api/cases/import', { ...exported, cases: [copy] }));
    expect(await committed('year=2024&case=T-1-kopi&asOf=2024-06-01')).toEqual({
      expected: 366_000,
      granted: 366_000,
    });
    expect(await committed('year=2024&case=T-1-kopi&asOf=2024-07-31')).toEqual({
      expected: 329_200,
      granted: 329_200,
    });
  });
});

describe('measures are measures', () => {
  it('a placement with forældrebetaling and a follow-on cost is not a family with more than one measure', async () => {
    const f = await json<{ bands: { band: string; families: number }[] }>(
      await leder.get('/api/commitments/families?date=2024-06-30'),
    );
    expect(f.bands.reduce((s, b) => s + b.families, 0)).toBe(0);
  });
});

describe('pro rata monthly plans', () => {
  it('pays part months by their days, and is refused on a plan that is not monthly', async () => {
    const plan = { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 3100 };
    const ok = await leder.post(
      '/api/cases/import',
      document([
        caseWith('T-3', [
          intervention('R', {
            startDate: '2024-03-15',
            endDate: '2024-06-10',
            payment: { ...plan, proRata: true },
          }),
        ]),
      ]),
    );
    expect(ok.status).toBe(200);
    expect(await committed('year=2024&case=T-3&asOf=2024-12-31')).toEqual({
      expected: 8_933.33,
      granted: 8_933.33,
    });
    const bad = await leder.post(
      '/api/cases/import',
      document([
        caseWith('T-4', [
          intervention('W', {
            payment: { type: 'running', frequency: 'weekly', amount: 1, proRata: true },
          }),
        ]),
      ]),
    );
    const body = await json<{ issues: { path: string; message: string }[] }>(bad, 422);
    expect(body.issues).toEqual([
      expect.objectContaining({
        path: 'cases.0.interventions.0.payment.proRata',
        message: 'Forholdsmæssig betaling gælder kun løbende månedlige ydelser.',
      }),
    ]);
  });
});

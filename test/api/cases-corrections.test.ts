import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oreFromKroner } from '../../src/domain/money';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// Corrections of wrong data (issue 11): an explicit act with a reason, recorded before/after,
// audited, shown on the case and as "rettelse" in movement; a granted intervention is otherwise
// not edited. The test clock stands at 23.11.2026.
let ctx: TestContext;
let leder: TestClient;
let okonomi: TestClient;
let raadgiver: TestClient;
let fremmed: TestClient;

const UNIT = 'Myndighed børn og unge';

/** The fields a correction takes: the intervention's without ref, status and history. */
const correctable = {
  kind: 'main',
  decidedOn: '2025-12-01',
  category: 'familiebehandling',
  paragraph: 'Barnets lov § 32',
  provider: { name: 'Familiecentret', external: false },
  accountFunction: '5.28.21',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  payment: { type: 'running', frequency: 'daily', amount: 1000 },
};

/** Daily 1.000 kr. through 2026, granted as decided on 01.12.2025. */
const granted = { ref: 'A', status: 'granted', modifies: null, ...correctable };

function fields(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...correctable, ...over };
}

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

async function caseRow(ref: string): Promise<{ id: string; version: number }> {
  const [row] = await ctx.db.query<{ id: string; version: number }>(
    'SELECT id, version FROM cases WHERE ref = $1',
    [ref],
  );
  if (!row) throw new Error(`no case ${ref}`);
  return row;
}

async function expectedTotal(query: string): Promise<number> {
  const c = await json<{ expected: { total: number } }>(
    await leder.get(`/api/commitments?${query}`),
  );
  return c.expected.total;
}

beforeAll(async () => {
  ctx = await createTestApp();
  const unitId = await createUnit(ctx.db, UNIT);
  const otherId = await createUnit(ctx.db, 'Ungeteam');
  await createUser(ctx.db, {
    username: 'leder',
    displayName: 'Lene Leder',
    roles: ['funktionsleder'],
    unitIds: [unitId],
  });
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unitId] });
  await createUser(ctx.db, { username: 'raadgiver', roles: ['raadgiver'], unitIds: [unitId] });
  await createUser(ctx.db, { username: 'fremmed', roles: ['funktionsleder'], unitIds: [otherId] });
  leder = new TestClient(ctx);
  okonomi = new TestClient(ctx);
  raadgiver = new TestClient(ctx);
  fremmed = new TestClient(ctx);
  await leder.login('leder');
  await okonomi.login('okonomi');
  await raadgiver.login('raadgiver');
  await fremmed.login('fremmed');
  await json(
    await okonomi.post('/api/cases/import', {
      format: 'overblik/cases@1',
      rates: [],
      cases: ['K-1', 'K-2'].map((ref) => ({
        ref,
        household: `H-${ref}`,
        unit: UNIT,
        person: { ref: `P-${ref}`, birthDate: '2012-03-14' },
        interventions: [
          granted,
          { ...granted, ref: 'E', status: 'expected', modifies: 'A', startDate: '2026-07-01' },
        ],
      })),
    }),
  );
});
afterAll(() => ctx.close());

describe('a granted intervention is changed by a decision or a correction, never edited', () => {
  it('refuses an ordinary edit of a granted intervention with a Danish message naming both ways', async () => {
    const row = await caseRow('K-1');
    const res = await leder.put(`/api/cases/${row.id}/interventions/A`, {
      version: row.version,
      intervention: { ...granted, status: 'expected', ref: 'A' },
    });
    const body = await json<{ detail: string }>(res, 409);
    expect(body.detail).toContain('er bevilget og kan ikke ændres');
    expect(body.detail).toContain('rettelse med en begrundelse');
  });

  it('refuses a correction without a reason, changing nothing', async () => {
    const row = await caseRow('K-1');
    for (const reason of [undefined, '', '   ']) {
      const res = await leder.post(`/api/cases/${row.id}/interventions/A/correct`, {
        version: row.version,
        ...(reason === undefined ? {} : { reason }),
        intervention: fields({ payment: { type: 'running', frequency: 'daily', amount: 100 } }),
      });
      const body = await json<{ issues: { path: string; message: string }[] }>(res, 422);
      expect(body.issues).toEqual([
        expect.objectContaining({ path: 'reason', message: 'Skriv hvorfor indsatsen rettes.' }),
      ]);
    }
    expect((await caseRow('K-1')).version).toBe(row.version);
  });

  it('refuses a correction of an expected intervention, one that changes nothing, and bad data', async () => {
    const row = await caseRow('K-1');
    const path = (ref: string) => `/api/cases/${row.id}/interventions/${ref}/correct`;
    const expected = await leder.post(path('E'), {
      version: row.version,
      reason: 'Tastefejl',
      intervention: fields(),
    });
    expect((await json<{ detail: string }>(expected, 409)).detail).toBe(
      'Indsatsen E er ikke bevilget. En kladde eller en forventet indsats ændres direkte; kun en bevilget indsats rettes som en rettelse.',
    );
    const same = await leder.post(path('A'), {
      version: row.version,
      reason: 'Tastefejl',
      intervention: fields(),
    });
    expect((await json<{ issues: { path: string }[] }>(same, 422)).issues).toEqual([
      expect.objectContaining({ path: 'intervention' }),
    ]);
    const bad = await leder.post(path('A'), {
      version: row.version,
      reason: 'Tastefejl',
      intervention: fields({ endDate: '2025-06-30' }),
    });
    expect(
      (await json<{ issues: { path: string }[] }>(bad, 422)).issues.map((i) => i.path),
    ).toContain('intervention.endDate');
    const future = await leder.post(path('A'), {
      version: row.version,
      reason: 'Tastefejl',
      intervention: fields({ decidedOn: '2026-11-24' }),
    });
    expect(
      (await json<{ issues: { path: string; message: string }[] }>(future, 422)).issues,
    ).toEqual([
      expect.objectContaining({
        path: 'intervention.decidedOn',
        message: 'Beslutningsdatoen må ikke ligge i fremtiden.',
      }),
    ]);
    expect((await caseRow('K-1')).version).toBe(row.version);
  });

  it('lets the unit’s funktionsleder and økonomikonsulent correct; a caseworker gets 403, another unit 404', async () => {
    const row = await caseRow('K-2');
    const body = {
      version: row.version,
      reason: 'Tastefejl',
      intervention: fields({ payment: { type: 'running', frequency: 'daily', amount: 900 } }),
    };
    const path = `/api/cases/${row.id}/interventions/A/correct`;
    await json(await raadgiver.post(path, body), 403);
    await json(await fremmed.post(path, body), 404);
    expect((await caseRow('K-2')).version).toBe(row.version);
    // made an hour before K-1's correction below, so the two are listed in the order made
    ctx.setNow(new Date('2026-11-23T09:00:00Z'));
    await json(await okonomi.post(path, body));
    ctx.setNow(new Date('2026-11-23T10:00:00Z'));
    // a stale version is a conflict
    await json(await leder.post(path, body), 409);
  });
});

describe('a correction is recorded, audited and shown', () => {
  it('changes every as-of statement, stores before/after with who, when and why, and audits it', async () => {
    expect(await expectedTotal('year=2026&case=K-1&asOf=2026-06-01')).toBe(181_000 + 184_000);
    const row = await caseRow('K-1');
    const res = await leder.post(`/api/cases/${row.id}/interventions/A/correct`, {
      version: row.version,
      reason: 'Døgnprisen er 100 kr., ikke 1.000 kr.',
      intervention: fields({ payment: { type: 'running', frequency: 'daily', amount: 100 } }),
    });
    const out = await json<{ version: number; correction: string }>(res);
    expect(out.version).toBe(row.version + 1);
    // a correction fixes the record for every date: the expected adjustment still counts from 01.07
    expect(await expectedTotal('year=2026&case=K-1&asOf=2026-06-01')).toBe(18_100 + 184_000);
    const [stored] = await ctx.db.query<{
      corrected_on: string;
      corrected_by: string;
      reason: string;
    }>(
      `SELECT to_char(corrected_on, 'YYYY-MM-DD') AS corrected_on, corrected_by, reason FROM case_corrections WHERE id = $1`,
      [out.correction],
    );
    expect(stored).toEqual({
      corrected_on: '2026-11-23',
      corrected_by: 'leder',
      reason: 'Døgnprisen er 100 kr., ikke 1.000 kr.',
    });
    // the trail names the correction; its reason lives there, not in the append-only trail
    const audit = await ctx.db.query<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM audit_log WHERE action = 'case.correct' AND object_id = $1`,
      [row.id],
    );
    expect(audit.map((a) => [a.action, a.after.correction, a.after.reason])).toEqual([
      ['case.correct', out.correction, undefined],
    ]);
  });

  it('shows the correction on the case: who, when, why and what changed', async () => {
    const row = await caseRow('K-1');
    const c = await json<{
      canCorrect: boolean;
      corrections: Record<string, unknown>[];
      interventions: { ref: string; status: string; payment: { amount: number } }[];
    }>(await leder.get(`/api/cases/${row.id}?year=2026`));
    expect(c.canCorrect).toBe(true);
    expect(c.interventions[0]).toMatchObject({
      ref: 'A',
      status: 'granted',
      payment: { amount: 100 },
    });
    expect(c.corrections).toEqual([
      expect.objectContaining({
        intervention: 'A',
        correctedOn: '2026-11-23',
        // when, by the server's one clock (the test's pinned instant), not the database's
        at: '2026-11-23T10:00:00Z',
        by: 'leder',
        byName: 'Lene Leder',
        reason: 'Døgnprisen er 100 kr., ikke 1.000 kr.',
        changes: [
          {
            field: 'payment',
            before: { type: 'running', frequency: 'daily', amount: 1000 },
            after: { type: 'running', frequency: 'daily', amount: 100 },
          },
        ],
      }),
    ]);
    const caseworker = await json<{ canCorrect: boolean }>(
      await raadgiver.get(`/api/cases/${row.id}?year=2026`),
    );
    expect(caseworker.canCorrect).toBe(false);
  });

  it('movement reads the first date as reported then and shows the correction as "rettelse"', async () => {
    const m = await json<{
      committedFrom: number;
      committedTo: number;
      groups: Record<string, { count: number; amount: number }>;
      items: { kind: string; case: string; intervention: string; amount: number }[];
      corrections: { case: string; intervention: string; reason: string; measure: string }[];
    }>(await leder.get('/api/commitments/movement?year=2026&from=2026-06-01&to=2026-11-23'));
    // as reported on 01.06: both cases at 1.000 kr. a day until 30.06, then the adjustment
    expect(m.committedFrom).toBe(2 * (181_000 + 184_000));
    const k1 = m.items.filter((i) => i.case === 'K-1');
    expect(k1).toEqual([
      expect.objectContaining({ kind: 'correction', intervention: 'A', amount: 18_100 - 181_000 }),
    ]);
    expect(m.groups.correction?.count).toBe(2);
    expect(m.corrections.map((c) => [c.case, c.intervention, c.reason])).toEqual([
      ['K-2', 'A', 'Tastefejl'],
      ['K-1', 'A', 'Døgnprisen er 100 kr., ikke 1.000 kr.'],
    ]);
    const net = Object.values(m.groups).reduce((s, g) => s + g.amount, 0);
    expect(oreFromKroner(net)).toBe(oreFromKroner(m.committedTo - m.committedFrom));
    // a period that ended before the correction was made does not see it
    const before = await json<{ groups: Record<string, { count: number }> }>(
      await leder.get('/api/commitments/movement?year=2026&from=2026-06-01&to=2026-11-22'),
    );
    expect(before.groups.correction?.count).toBe(0);
    const xlsx = await leder.get(
      '/api/commitments/movement.xlsx?year=2026&from=2026-06-01&to=2026-11-23',
    );
    expect(xlsx.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(String(cell.text));
      }),
    );
    expect(cells).toContain('Rettelser af fejl');
    expect(cells).toContain('Rettelser i perioden');
    expect(cells.some((c) => c.includes('Døgnprisen er 100 kr., ikke 1.000 kr.'))).toBe(true);
  });

  it('a statement as of a date before a correction says so, with the figure as stated that day', async () => {
    const s = await json<{
      expected: { total: number };
      correctedSince: { count: number; expectedAsRecorded: number } | null;
    }>(await leder.get('/api/commitments/statement?year=2026&asOf=2026-06-01&by=month'));
    expect(s.correctedSince).toEqual({ count: 2, expectedAsRecorded: 2 * 365_000 });
    expect(s.expected.total).toBe(18_100 + 184_000 + 162_900 + 184_000);
    const today = await json<{ correctedSince: unknown }>(
      await leder.get('/api/commitments/statement?year=2026&asOf=2026-11-23&by=month'),
    );
    expect(today.correctedSince).toBeNull();
  });

  it('an import that changes a granted intervention records it as a correction; the same import again records nothing', async () => {
    const doc = (amount: number) => ({
      format: 'overblik/cases@1',
      rates: [],
      cases: [
        {
          ref: 'K-3',
          household: 'H-K-3',
          unit: UNIT,
          person: { ref: 'P-K-3', birthDate: '2012-03-14' },
          interventions: [{ ...granted, payment: { type: 'running', frequency: 'daily', amount } }],
        },
      ],
    });
    await json(await okonomi.post('/api/cases/import', doc(1000)));
    await json(await okonomi.post('/api/cases/import', doc(500)));
    await json(await okonomi.post('/api/cases/import', doc(500)));
    const row = await caseRow('K-3');
    const c = await json<{ corrections: { by: string; reason: string; changes: unknown[] }[] }>(
      await leder.get(`/api/cases/${row.id}?year=2026`),
    );
    expect(c.corrections).toEqual([
      expect.objectContaining({
        by: 'okonomi',
        reason: 'Ændret i sagssystemet og indlæst ved import af sager.',
        changes: [
          {
            field: 'payment',
            before: { type: 'running', frequency: 'daily', amount: 1000 },
            after: { type: 'running', frequency: 'daily', amount: 500 },
          },
        ],
      }),
    ]);
  });
});

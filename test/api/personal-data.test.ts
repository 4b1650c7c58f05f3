import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * A CPR number is refused in every text the API takes and in every import, at the field's path
 * with a Danish message, and nothing is stored (not even an audit row). References that look
 * like a person's name are stored with a warning.
 */
let ctx: TestContext;
let admin: TestClient;
let unitId: string;
const UNIT = 'Myndighed, det specialiserede børneområde';
const NAME_AND_CPR = 'Emma Sofie Jensen (010203-1234)';
const CPR_MESSAGE = 'Teksten ligner et CPR-nummer. Skriv aldrig CPR-numre i Overblik.';

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, UNIT);
  await createUser(ctx.db, { username: 'admin', roles: ['administrator'] });
  admin = new TestClient(ctx);
  await admin.login('admin');
});
afterAll(() => ctx.close());

/** Rows written anywhere: every write leaves an audit row in its transaction. */
async function auditRows(): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_log WHERE action <> 'read'",
  );
  return row?.n ?? 0;
}

const casesDocument = (person: string, ref = 'S-1') => ({
  format: 'overblik/cases@1',
  cases: [
    {
      ref,
      household: 'H-1',
      unit: UNIT,
      person: { ref: person, birthDate: null },
      interventions: [
        {
          ref: `${ref}-1`,
          kind: 'main',
          status: 'expected',
          decidedOn: '2026-01-05',
          category: 'kontaktperson',
          provider: { name: 'Familiecentret', external: false },
          accountFunction: '5.28.21',
          startDate: '2026-02-01',
          payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 3000 },
        },
      ],
    },
  ],
});

const plan = (goal: string) => ({
  format: 'overblik/action-plan@1',
  title: 'Handleplan 2026',
  year: 2026,
  unit: { name: UNIT },
  areas: [{ number: 1, title: 'Færre anbringelser', goal, monthlyEffect: Array(12).fill(0) }],
});

describe('CPR numbers are refused in every text and import', () => {
  it.each([
    [
      'a case ref',
      '/api/cases',
      () => ({ ref: NAME_AND_CPR, household: 'H', unitId, person: { ref: 'P' } }),
      'ref',
    ],
    [
      'a person ref in a case import',
      '/api/cases/import',
      () => casesDocument('P 0102031234'),
      'cases.0.person.ref',
    ],
    ['an action plan text', '/api/action-plans', () => plan(NAME_AND_CPR), 'areas.0.goal'],
    [
      'a status report',
      '/api/status-reports',
      () => ({
        title: 'Status',
        year: 2026,
        asOf: '2026-05-31',
        intro: NAME_AND_CPR,
        focusAreas: [],
      }),
      'intro',
    ],
    [
      'a meeting note',
      '/api/meetings',
      () => ({
        kind: 'visitation',
        heldOn: '2026-11-23',
        unitId,
        title: 'Visitation',
        note: NAME_AND_CPR,
      }),
      'note',
    ],
    [
      'a participant’s name',
      '/api/meetings',
      () => ({
        kind: 'visitation',
        heldOn: '2026-11-23',
        unitId,
        title: 'Visitation',
        participants: [{ role: 'funktionsleder', name: '010203 1234' }],
      }),
      'participants.0.name',
    ],
    [
      'a forecast adjustment’s reason',
      '/api/forecast/adjustments',
      () => ({
        unitId,
        accountFunction: '5.28.21',
        year: 2026,
        amount: 1000,
        reason: NAME_AND_CPR,
      }),
      'reason',
    ],
    [
      'a follow-up round’s name',
      '/api/follow-up/rounds',
      () => ({ year: 2026, name: NAME_AND_CPR, asOf: '2026-03-31', intake: { method: 'none' } }),
      'name',
    ],
    ['a unit’s name', '/api/units', () => ({ centerId: 'x', name: NAME_AND_CPR }), 'name'],
    [
      'a budget import row',
      '/api/budgets/2026/import',
      () => ({ text: `${UNIT};5.28.21;100.000;0\n${UNIT};5.28.22;0102031234;0` }),
      'rows.2',
    ],
  ])('%s', async (_, path, body, at) => {
    const before = await auditRows();
    const response = await admin.post(path, body());
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      issues: { path: string; code: string; message: string }[];
    };
    const issue = problem.issues.find((i) => i.path === at);
    expect(issue?.code).toBe('cpr_number');
    expect(issue?.message).toContain(CPR_MESSAGE);
    expect(await auditRows()).toBe(before);
  });

  it.each([
    ['the audit search’s user filter', 'GET', '/api/audit?user=', 'user'],
    ['the audit export’s user filter', 'GET', '/api/audit/export?user=', 'user'],
    ['the audit search’s object filter', 'GET', '/api/audit?objectId=', 'objectId'],
    ['the jobs’ kind filter', 'GET', '/api/jobs?kind=', 'kind'],
    [
      'an approval rule’s parameters',
      'PUT',
      '/api/approval-rules/visitation_category',
      'params.categories.1',
    ],
  ])('%s', async (_, method, path, at) => {
    const before = await auditRows();
    const response =
      method === 'GET'
        ? await admin.get(`${path}${encodeURIComponent(NAME_AND_CPR)}`)
        : await admin.put(path, {
            enabled: true,
            params: { categories: ['anbringelse-plejefamilie', NAME_AND_CPR] },
            version: 1,
          });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      issues: { path: string; code: string; message: string }[];
    };
    const issue = problem.issues.find((i) => i.path === at);
    expect(issue?.code).toBe('cpr_number');
    expect(issue?.message).toContain(CPR_MESSAGE);
    expect(await auditRows()).toBe(before);
    const [stored] = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE before::text LIKE '%0102%' OR after::text LIKE '%0102%'",
    );
    expect(stored?.n).toBe(0);
  });

  it('takes numbers that are not CPR-shaped: amounts, account strings, dates, long numbers', async () => {
    const response = await admin.post(
      '/api/action-plans',
      plan('Fra 01.02.2026: 1.234.567,89 kr. på 5.28.21.002.1, EAN 5790000123456, sag S-000160-4'),
    );
    expect(response.status, await response.clone().text()).toBe(201);
  });
});

describe('references that look like a name', () => {
  it('stores a case with a name as its reference, with a warning at the field', async () => {
    const response = await admin.post('/api/cases', {
      ref: 'Emma Sofie Jensen',
      household: 'H-9',
      unitId,
      person: { ref: 'P-9' },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { warnings: unknown[] }).warnings).toEqual([
      {
        path: 'ref',
        code: 'looks_like_name',
        message:
          'Referencen ligner et navn. Brug sagssystemets reference (fx S-1001), aldrig navne.',
      },
    ]);
  });

  it('imports a document with a name as a person ref, with a warning at its path', async () => {
    const response = await admin.post('/api/cases/import', casesDocument('Ole Hansen', 'S-2'));
    expect(response.status).toBe(200);
    const result = (await response.json()) as { created: number; warnings: { path: string }[] };
    expect(result.created).toBe(1);
    expect(result.warnings.map((w) => w.path)).toEqual(['cases.0.person.ref']);
  });

  it('gives no warning for ordinary references', async () => {
    const response = await admin.post('/api/cases/import', casesDocument('P-3', 'S-3'));
    expect(((await response.json()) as { warnings: unknown[] }).warnings).toEqual([]);
  });
});

describe('the audit trail keeps no free text that lives elsewhere', () => {
  it('records which texts changed, and ids, never the texts', async () => {
    const TEXT = 'Drøftet med familien på mødet';
    const meeting = await admin.post('/api/meetings', {
      kind: 'visitation',
      heldOn: '2026-11-23',
      unitId,
      title: `Visitation: ${TEXT}`,
      participants: [{ role: 'funktionsleder', name: 'Lone Leder' }],
      note: TEXT,
    });
    expect(meeting.status).toBe(201);
    const report = await admin.post('/api/status-reports', {
      title: 'Status',
      year: 2026,
      asOf: '2026-05-31',
      intro: TEXT,
      focusAreas: [],
    });
    expect(report.status).toBe(201);
    const adjustment = await admin.post('/api/forecast/adjustments', {
      unitId,
      accountFunction: '5.28.21',
      year: 2026,
      amount: 1000,
      reason: TEXT,
    });
    expect(adjustment.status).toBe(201);
    const rows = await ctx.db.query<{ action: string; object_type: string; after: unknown }>(
      `SELECT action, object_type, after FROM audit_log
        WHERE object_type IN ('meeting', 'status_report', 'forecast_adjustment')
          AND action <> 'read' ORDER BY id`,
    );
    expect(rows.map((r) => r.object_type)).toEqual([
      'meeting',
      'status_report',
      'forecast_adjustment',
    ]);
    expect(JSON.stringify(rows)).not.toContain(TEXT);
    expect(JSON.stringify(rows)).not.toContain('Lone Leder');
    expect(rows[0]?.after).toMatchObject({ changed: ['heldOn', 'title', 'participants', 'note'] });
    expect((rows[1]?.after as { changed: string[] }).changed).toContain('intro');
  });
});

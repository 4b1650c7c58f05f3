import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// No path grants what an approval rule catches: the grant button (whoever presses it, also with
// combined roles), a backdated decision date, and the import of granted interventions. The
// rules take effect on a day (1.1.2026 as seeded): decisions before it are history. The test
// clock stands at 23.11.2026.
let ctx: TestContext;
const clients: Record<string, TestClient> = {};

const UNIT_A = 'Myndighed A';
const UNIT_B = 'Myndighed B';

function intervention(ref: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref,
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2026-03-02',
    category: 'familiebehandling',
    paragraph: 'Barnets lov § 32',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2026-04-01',
    endDate: null,
    payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 10000 },
    ...over,
  };
}

function caseWith(
  ref: string,
  household: string,
  interventions: Record<string, unknown>[],
  unit = UNIT_A,
  birthDate = '2013-03-14',
) {
  return { ref, household, unit, person: { ref: `P-${ref}`, birthDate }, interventions };
}

const documentOf = (cases: unknown[]) => ({ format: 'overblik/cases@1', rates: [], cases });

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function caseRow(ref: string): Promise<{ id: string; version: number }> {
  const [row] = await ctx.db.query<{ id: string; version: number }>(
    'SELECT id, version FROM cases WHERE ref = $1',
    [ref],
  );
  if (!row) throw new Error(`no case ${ref}`);
  return row;
}

async function grant(who: string, ref: string, iref: string, decidedOn?: string) {
  const row = await caseRow(ref);
  return clients[who]!.post(`/api/cases/${row.id}/interventions/${iref}/grant`, {
    version: row.version,
    ...(decidedOn ? { decidedOn } : {}),
  });
}

interface ApprovalJson {
  id: string;
  status: string;
  kind: string;
  source: string;
  caseRef: string;
  interventionRef: string;
  requestedBy: { username: string };
  reasons: { rule: string; measures?: number }[];
}

async function statusOf(ref: string, iref: string) {
  const row = await caseRow(ref);
  const c = await json<{ interventions: { ref: string; status: string; grantedOn: string }[] }>(
    await clients.admin!.get(`/api/cases/${row.id}?year=2026`),
  );
  return c.interventions.find((i) => i.ref === iref);
}

async function approvalsOf(ref: string): Promise<ApprovalJson[]> {
  const row = await caseRow(ref);
  return (
    await json<{ items: ApprovalJson[] }>(
      await clients.admin!.get(`/api/approvals?caseId=${row.id}&status=all`),
    )
  ).items;
}

async function rule(id: string) {
  const rules = await json<{
    items: {
      id: string;
      version: number;
      enabled: boolean;
      params: unknown;
      effectiveFrom: string;
    }[];
  }>(await clients.admin!.get('/api/approval-rules'));
  const found = rules.items.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

async function notified(who: string): Promise<string[]> {
  const list = await json<{ items: { text: string }[] }>(
    await clients[who]!.get('/api/notifications'),
  );
  return list.items.map((n) => n.text);
}

beforeAll(async () => {
  ctx = await createTestApp();
  const unitA = await createUnit(ctx.db, UNIT_A);
  const unitB = await createUnit(ctx.db, UNIT_B);
  const users: [string, Role[], string[]][] = [
    ['raadgiver', ['raadgiver'], [unitA]],
    ['leder', ['funktionsleder'], [unitA]],
    ['koordinator', ['faglig_koordinator'], [unitA]],
    ['raadgiverLedelse', ['raadgiver', 'ledelse'], [unitA]],
    ['lederLedelse', ['funktionsleder', 'ledelse'], [unitB]],
    ['koordinatorLedelse', ['faglig_koordinator', 'ledelse'], [unitB]],
    ['okonomi', ['okonomikonsulent'], [unitA, unitB]],
    ['admin', ['administrator'], []],
  ];
  for (const [username, roles, unitIds] of users) {
    await createUser(ctx.db, { username, roles, unitIds, displayName: `Navn ${username}` });
    clients[username] = new TestClient(ctx);
    await clients[username].login(username);
  }
});
afterAll(() => ctx.close());

describe('the import of granted interventions', () => {
  it('imports history decided before the rules took effect as granted, families with several measures included', async () => {
    const result = await json<{ created: number; pendingApprovals: number }>(
      await clients.okonomi!.post(
        '/api/cases/import',
        documentOf([
          caseWith('H-1', 'HH-1', [
            intervention('H-1-1', { decidedOn: '2025-02-01', startDate: '2025-03-01' }),
          ]),
          caseWith('H-2', 'HH-1', [
            intervention('H-2-1', { decidedOn: '2025-06-01', startDate: '2025-07-01' }),
          ]),
        ]),
      ),
    );
    expect(result).toMatchObject({ created: 2, pendingApprovals: 0 });
    expect(await statusOf('H-2', 'H-2-1')).toMatchObject({ status: 'granted' });
    expect(await approvalsOf('H-2')).toEqual([]);
  });

  it('holds a second measure decided after the rules took effect: imported as expected, waiting for the funktionsleder', async () => {
    const result = await json<{ created: number; pendingApprovals: number }>(
      await clients.okonomi!.post(
        '/api/cases/import',
        documentOf([
          caseWith('I-1', 'HI-1', [intervention('I-1-1')]),
          caseWith('I-2', 'HI-1', [intervention('I-2-1', { decidedOn: '2026-03-05' })]),
          // efterværn goes to the visitation meeting
          caseWith(
            'I-3',
            'HI-3',
            [intervention('I-3-1', { category: 'eftervaern' })],
            UNIT_A,
            '2006-05-01',
          ),
        ]),
      ),
    );
    // the first measure is granted as the case system says; the second one would make two
    expect(result).toMatchObject({ created: 3, pendingApprovals: 2 });
    expect(await statusOf('I-1', 'I-1-1')).toMatchObject({ status: 'granted' });
    expect(await statusOf('I-2', 'I-2-1')).toMatchObject({ status: 'expected' });
    expect(await approvalsOf('I-2')).toMatchObject([
      {
        status: 'pending',
        kind: 'approval',
        source: 'import',
        interventionRef: 'I-2-1',
        requestedBy: { username: 'okonomi' },
        reasons: [{ rule: 'household_several', measures: 2 }],
      },
    ]);
    expect(await approvalsOf('I-3')).toMatchObject([
      { status: 'pending', kind: 'visitation', source: 'import' },
    ]);
    const inbox = await json<{ items: ApprovalJson[] }>(
      await clients.leder!.get('/api/approvals?status=pending'),
    );
    expect(inbox.items.map((a) => a.caseRef)).toContain('I-2');
    const audit = await ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE actor_username = 'okonomi'
         AND action IN ('approval.request', 'case.import') ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'case.import',
      'approval.request',
      'approval.request',
      'case.import',
    ]);
  });

  it('importing the same document again changes nothing and asks nothing again', async () => {
    const exported = await json<{ cases: { ref: string }[] }>(
      await clients.okonomi!.get('/api/cases/export'),
    );
    // the case system still says granted
    const doc = documentOf([
      caseWith('I-1', 'HI-1', [intervention('I-1-1')]),
      caseWith('I-2', 'HI-1', [intervention('I-2-1', { decidedOn: '2026-03-05' })]),
    ]);
    expect(exported.cases.length).toBeGreaterThan(0);
    const again = await json<{ unchanged: number; updated: number; pendingApprovals: number }>(
      await clients.okonomi!.post('/api/cases/import', doc),
    );
    expect(again).toMatchObject({ unchanged: 2, updated: 0, pendingApprovals: 0 });
    expect(await approvalsOf('I-2')).toHaveLength(1);
  });

  it('once approved, a new import keeps the grant and the day it was granted', async () => {
    const [pending] = await approvalsOf('I-2');
    await json(
      await clients.leder!.post(`/api/approvals/${pending?.id}/decision`, {
        decision: 'approved',
        reason: 'Begge indsatser er nødvendige.',
      }),
    );
    const again = await json<{ unchanged: number; pendingApprovals: number }>(
      await clients.okonomi!.post(
        '/api/cases/import',
        documentOf([caseWith('I-2', 'HI-1', [intervention('I-2-1', { decidedOn: '2026-03-05' })])]),
      ),
    );
    expect(again).toMatchObject({ unchanged: 1, pendingApprovals: 0 });
    expect(await statusOf('I-2', 'I-2-1')).toMatchObject({
      status: 'granted',
      grantedOn: '2026-11-23',
    });
  });

  it('an importer who may approve is held as well: nobody approves what they import themselves', async () => {
    const result = await json<{ pendingApprovals: number }>(
      await clients.admin!.post(
        '/api/cases/import',
        documentOf([caseWith('I-4', 'HI-1', [intervention('I-4-1', { decidedOn: '2026-06-01' })])]),
      ),
    );
    expect(result.pendingApprovals).toBe(1);
    const [asked] = await approvalsOf('I-4');
    expect(asked).toMatchObject({ status: 'pending', requestedBy: { username: 'admin' } });
    const own = await clients.admin!.post(`/api/approvals/${asked?.id}/decision`, {
      decision: 'approved',
      reason: 'Selv',
    });
    expect(own.status).toBe(403);
    expect(await statusOf('I-4', 'I-4-1')).toMatchObject({ status: 'expected' });
  });
});

describe('the grant button, whoever presses it', () => {
  beforeAll(async () => {
    await json(
      await clients.admin!.post(
        '/api/cases/import',
        documentOf([
          caseWith('G-1', 'HG-1', [intervention('G-1-1', { decidedOn: '2025-01-10' })]),
          caseWith('G-2', 'HG-1', [
            intervention('G-2-1', { status: 'expected', decidedOn: '2026-10-01' }),
            intervention('G-2-2', { status: 'expected', decidedOn: '2026-10-01' }),
          ]),
          caseWith('G-3', 'HG-3', [intervention('G-3-1', { decidedOn: '2025-01-10' })], UNIT_B),
          caseWith(
            'G-4',
            'HG-3',
            [intervention('G-4-1', { status: 'expected', decidedOn: '2026-10-01' })],
            UNIT_B,
          ),
        ]),
      ),
    );
  });

  it('a backdated decision date before the rules took effect does not escape them', async () => {
    const asked = await json<ApprovalJson>(
      await grant('raadgiver', 'G-2', 'G-2-1', '2026-10-01'),
      202,
    );
    expect(asked).toMatchObject({ kind: 'approval', source: 'grant' });
    expect(await statusOf('G-2', 'G-2-1')).toMatchObject({ status: 'expected' });
  });

  it('a rådgiver who is also ledelse is caught like any rådgiver', async () => {
    const asked = await json<ApprovalJson>(await grant('raadgiverLedelse', 'G-2', 'G-2-2'), 202);
    expect(asked.requestedBy.username).toBe('raadgiverLedelse');
    const tried = await clients.raadgiverLedelse!.post(`/api/approvals/${asked.id}/decision`, {
      decision: 'approved',
      reason: 'OK',
    });
    expect(tried.status).toBe(403);
  });

  it('a funktionsleder who is also ledelse is caught in their own unit and cannot grant in another', async () => {
    const own = await json<ApprovalJson>(await grant('lederLedelse', 'G-4', 'G-4-1'), 202);
    expect(
      (
        await clients.lederLedelse!.post(`/api/approvals/${own.id}/decision`, {
          decision: 'approved',
          reason: 'Selv',
        })
      ).status,
    ).toBe(403);
    expect((await grant('lederLedelse', 'G-2', 'G-2-1')).status).toBe(403);
  });

  it('tells only those whose role reaches the unit, not a combined role elsewhere', async () => {
    const texts = async (who: string) => (await notified(who)).join('\n');
    // G-2's requests (unit A): the funktionsleder of A is told; the funktionsleder of B who is
    // also ledelse is not
    expect(await texts('leder')).toContain('G-2');
    expect(await texts('lederLedelse')).not.toContain('G-2');
    // a visitation request of unit A: A's koordinator is told, B's koordinator with ledelse not
    await json(
      await clients.admin!.post(
        '/api/cases/import',
        documentOf([
          caseWith(
            'V-1',
            'HV-1',
            [intervention('V-1-1', { status: 'expected', category: 'eftervaern' })],
            UNIT_A,
            '2006-05-01',
          ),
        ]),
      ),
    );
    await json(await grant('raadgiver', 'V-1', 'V-1-1'), 202);
    expect(await texts('koordinator')).toContain('V-1');
    expect(await texts('koordinatorLedelse')).not.toContain('V-1');
    expect(await texts('lederLedelse')).not.toContain('V-1');
  });
});

describe('the day a rule takes effect', () => {
  it('an administrator moves it; a grant registered before that day is not caught', async () => {
    const household = await rule('household_several');
    expect(household.effectiveFrom).toBe('2026-01-01');
    const bad = await clients.admin!.put('/api/approval-rules/household_several', {
      enabled: true,
      params: { maxMeasures: 1 },
      effectiveFrom: '2026-02-30',
      version: household.version,
    });
    expect(bad.status).toBe(422);
    await json(
      await clients.admin!.put('/api/approval-rules/household_several', {
        enabled: true,
        params: { maxMeasures: 1 },
        effectiveFrom: '2027-01-01',
        version: household.version,
      }),
    );
    expect((await rule('household_several')).effectiveFrom).toBe('2027-01-01');
    await json(
      await clients.admin!.post(
        '/api/cases/import',
        documentOf([
          caseWith('E-1', 'HE-1', [intervention('E-1-1', { decidedOn: '2025-01-10' })]),
          caseWith('E-2', 'HE-1', [intervention('E-2-1', { status: 'expected' })]),
        ]),
      ),
    );
    expect((await grant('raadgiver', 'E-2', 'E-2-1')).status).toBe(200);
    const [audit] = await ctx.db.query<{ after: { effectiveFrom: string } }>(
      `SELECT after FROM audit_log WHERE action = 'approval_rule.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.after.effectiveFrom).toBe('2027-01-01');
  });
});

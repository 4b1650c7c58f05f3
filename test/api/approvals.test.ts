import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// Approvals (issue 12): a grant an approval rule catches waits for the funktionsleder (or the
// visitation meeting); nobody decides their own request, nor outside their units. The test
// clock stands at 23.11.2026.
let ctx: TestContext;
const clients: Record<string, TestClient> = {};
let unitA = '';

const UNIT_A = 'Myndighed A';
const UNIT_B = 'Myndighed B';

function intervention(ref: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref,
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2026-01-05',
    category: 'familiebehandling',
    paragraph: 'Barnets lov § 32',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2026-02-01',
    endDate: null,
    payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 10000 },
    ...over,
  };
}

function caseWith(
  ref: string,
  unit: string,
  household: string,
  interventions: Record<string, unknown>[],
  birthDate = '2013-03-14',
) {
  return { ref, household, unit, person: { ref: `P-${ref}`, birthDate }, interventions };
}

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

async function grant(who: string, ref: string, iref: string): Promise<Response> {
  const row = await caseRow(ref);
  return clients[who]!.post(`/api/cases/${row.id}/interventions/${iref}/grant`, {
    version: row.version,
  });
}

interface ApprovalJson {
  id: string;
  status: string;
  kind: string;
  caseRef: string;
  interventionRef: string;
  canDecide: boolean;
  reasons: { rule: string; measures?: number }[];
  decidedBy: { username: string } | null;
  decidedOn: string | null;
}

async function statusOf(ref: string, iref: string) {
  const row = await caseRow(ref);
  const c = await json<{
    interventions: { ref: string; status: string; grantedOn: string | null; withdrawn: boolean }[];
  }>(await clients.leder!.get(`/api/cases/${row.id}?year=2026`));
  return c.interventions.find((i) => i.ref === iref);
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitA = await createUnit(ctx.db, UNIT_A);
  const unitB = await createUnit(ctx.db, UNIT_B);
  const users: [string, Role[], string[]][] = [
    ['raadgiver', ['raadgiver'], [unitA]],
    ['leder', ['funktionsleder'], [unitA]],
    ['leder2', ['funktionsleder'], [unitA]],
    ['lederB', ['funktionsleder'], [unitB]],
    ['combo', ['raadgiver', 'funktionsleder'], [unitA]],
    ['direktionleder', ['ledelse', 'funktionsleder'], [unitB]],
    ['direktion', ['ledelse'], []],
    ['okonomi', ['okonomikonsulent'], [unitA, unitB]],
    ['admin', ['administrator'], []],
  ];
  for (const [username, roles, unitIds] of users) {
    await createUser(ctx.db, { username, roles, unitIds, displayName: `Navn ${username}` });
    clients[username] = new TestClient(ctx);
    await clients[username].login(username);
  }
  const imported = await clients.admin!.post('/api/cases/import', {
    format: 'overblik/cases@1',
    rates: [],
    cases: [
      caseWith('A-1', UNIT_A, 'H-1', [
        intervention('A-1-1'),
        intervention('A-1-2', { status: 'expected', category: 'aflastning' }),
      ]),
      caseWith('A-2', UNIT_A, 'H-1', [
        intervention('A-2-1', { status: 'expected' }),
        intervention('A-2-2', { status: 'expected', category: 'kontaktperson' }),
        intervention('A-2-3', { status: 'expected', category: 'aflastning' }),
        // income: not a measure, never caught
        intervention('A-2-4', {
          status: 'expected',
          category: 'anbringelse-plejefamilie',
          payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: -500 },
        }),
      ]),
      caseWith('A-3', UNIT_A, 'H-3', [intervention('A-3-1', { status: 'expected' })]),
      caseWith(
        'A-4',
        UNIT_A,
        'H-4',
        [intervention('A-4-1', { status: 'expected', category: 'eftervaern' })],
        '2006-05-01',
      ),
      caseWith('B-1', UNIT_B, 'H-B', [intervention('B-1-1')]),
      caseWith('B-2', UNIT_B, 'H-B', [intervention('B-2-1', { status: 'expected' })]),
    ],
  });
  expect(imported.status, await imported.text()).toBe(200);
});
afterAll(() => ctx.close());

describe('the household rule', () => {
  let pending: ApprovalJson;

  it('a rådgiver granting a second measure in a household gets 202 with the pending approval', async () => {
    pending = await json<ApprovalJson>(await grant('raadgiver', 'A-2', 'A-2-1'), 202);
    expect(pending).toMatchObject({
      status: 'pending',
      kind: 'approval',
      caseRef: 'A-2',
      interventionRef: 'A-2-1',
      reasons: [{ rule: 'household_several', measures: 2 }],
    });
    // not granted: it counts as expected until decided
    expect(await statusOf('A-2', 'A-2-1')).toMatchObject({ status: 'expected' });
    // asking again while pending is refused
    expect((await grant('raadgiver', 'A-2', 'A-2-1')).status).toBe(409);
  });

  it('a first measure in a household and an income line are granted at once', async () => {
    expect((await grant('raadgiver', 'A-3', 'A-3-1')).status).toBe(200);
    expect((await grant('raadgiver', 'A-2', 'A-2-4')).status).toBe(200);
  });

  it('the inbox holds what the caller may decide: the unit’s funktionsledere, not others', async () => {
    const inbox = async (who: string) =>
      (
        await json<{ items: ApprovalJson[] }>(
          await clients[who]!.get('/api/approvals?status=pending'),
        )
      ).items;
    expect((await inbox('leder')).map((a) => a.id)).toEqual([pending.id]);
    expect((await inbox('leder'))[0]?.canDecide).toBe(true);
    expect(await inbox('raadgiver')).toEqual([]);
    expect(await inbox('lederB')).toEqual([]);
    expect(await inbox('direktion')).toEqual([]);
    expect(await inbox('direktionleder')).toEqual([]);
    const mine = await json<{ items: ApprovalJson[] }>(
      await clients.raadgiver!.get('/api/approvals?status=pending&mine=true'),
    );
    expect(mine.items.map((a) => a.id)).toEqual([pending.id]);
    expect(mine.items[0]?.canDecide).toBe(false);
  });

  it('refuses deciders outside the unit (404), without the right (403), and bad input (422)', async () => {
    const path = `/api/approvals/${pending.id}/decision`;
    const body = { decision: 'approved', reason: 'OK' };
    expect((await clients.lederB!.post(path, body)).status).toBe(404);
    // ledelse reads every unit, so it sees the request; as funktionsleder it acts only in B
    expect((await clients.direktionleder!.post(path, body)).status).toBe(403);
    expect((await clients.raadgiver!.post(path, body)).status).toBe(403);
    expect((await clients.direktion!.post(path, body)).status).toBe(403);
    expect((await clients.okonomi!.post(path, body)).status).toBe(403);
    const bad = await clients.leder!.post(path, { decision: 'approved', reason: ' ' });
    expect(bad.status).toBe(422);
    expect((await clients.leder!.post('/api/approvals/nope/decision', body)).status).toBe(404);
    expect(await statusOf('A-2', 'A-2-1')).toMatchObject({ status: 'expected' });
  });

  it('the funktionsleder approves: granted from today, audited in the same transaction, requester told', async () => {
    const response = await clients.leder!.post(`/api/approvals/${pending.id}/decision`, {
      decision: 'approved',
      reason: 'Familien har brug for begge indsatser.',
    });
    const decided = await json<ApprovalJson>(response);
    expect(decided).toMatchObject({
      status: 'approved',
      decidedBy: { username: 'leder' },
      decidedOn: '2026-11-23',
      canDecide: false,
    });
    expect(await statusOf('A-2', 'A-2-1')).toMatchObject({
      status: 'granted',
      grantedOn: '2026-11-23',
    });
    const audit = await ctx.db.query<{ action: string; request_id: string }>(
      `SELECT action, request_id FROM audit_log WHERE action IN ('approval.decide', 'case.grant')
        AND actor_username = 'leder' ORDER BY id`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['approval.decide', 'case.grant']);
    expect(new Set(audit.map((a) => a.request_id)).size).toBe(1);
    const again = await clients.leder2!.post(`/api/approvals/${pending.id}/decision`, {
      decision: 'rejected',
      reason: 'Nej',
    });
    expect(again.status).toBe(409);
    const told = await json<{ items: { text: string }[] }>(
      await clients.raadgiver!.get('/api/notifications'),
    );
    expect(told.items.map((n) => n.text).join('\n')).toContain('A-2');
  });

  it('a rejection refuses the intervention from today; it cannot be granted afterwards', async () => {
    const asked = await json<ApprovalJson>(await grant('raadgiver', 'A-2', 'A-2-2'), 202);
    expect(asked.reasons[0]).toMatchObject({ measures: 3 });
    await json(
      await clients.leder!.post(`/api/approvals/${asked.id}/decision`, {
        decision: 'rejected',
        reason: 'Kontaktperson er ikke nødvendig.',
      }),
    );
    expect(await statusOf('A-2', 'A-2-2')).toMatchObject({ status: 'expected', withdrawn: true });
    expect((await grant('raadgiver', 'A-2', 'A-2-2')).status).toBe(409);
  });
});

describe('four-eyes and combined roles', () => {
  it('a user who is both rådgiver and funktionsleder cannot approve their own request', async () => {
    const own = await json<ApprovalJson>(await grant('combo', 'A-2', 'A-2-3'), 202);
    expect(own.canDecide).toBe(false);
    const inbox = await json<{ items: ApprovalJson[] }>(
      await clients.combo!.get('/api/approvals?status=pending'),
    );
    expect(inbox.items.map((a) => a.id)).not.toContain(own.id);
    const tried = await clients.combo!.post(`/api/approvals/${own.id}/decision`, {
      decision: 'approved',
      reason: 'Selv',
    });
    expect(tried.status).toBe(403);
    expect(await statusOf('A-2', 'A-2-3')).toMatchObject({ status: 'expected' });
    // another funktionsleder of the unit may
    await json(
      await clients.leder2!.post(`/api/approvals/${own.id}/decision`, {
        decision: 'approved',
        reason: 'Godkendt',
      }),
    );
  });

  it('ledelse combined with funktionsleder decides in the unit where they are funktionsleder', async () => {
    const [b2] = await ctx.db.query<{ id: string; version: number }>(
      "SELECT id, version FROM cases WHERE ref = 'B-2'",
    );
    const asked = await json<ApprovalJson>(
      await clients.admin!.post(`/api/cases/${b2?.id}/interventions/B-2-1/grant`, {
        version: b2?.version,
      }),
      202,
    );
    const tried = await clients.direktionleder!.post(`/api/approvals/${asked.id}/decision`, {
      decision: 'approved',
      reason: 'OK',
    });
    // direktionleder is a member of B: as funktionsleder there they may decide
    expect(tried.status).toBe(200);
  });
});

describe('efterværn goes to the visitation meeting', () => {
  it('granting efterværn makes a visitation approval that the inbox does not decide', async () => {
    const asked = await json<ApprovalJson>(await grant('raadgiver', 'A-4', 'A-4-1'), 202);
    expect(asked).toMatchObject({ kind: 'visitation', reasons: [{ rule: 'visitation_category' }] });
    const tried = await clients.leder!.post(`/api/approvals/${asked.id}/decision`, {
      decision: 'approved',
      reason: 'OK',
    });
    expect(tried.status).toBe(409);
    const pendingVisitations = await json<{ items: { approvalId: string }[] }>(
      await clients.leder!.get('/api/meetings/pending-visitations'),
    );
    expect(pendingVisitations.items.map((p) => p.approvalId)).toContain(asked.id);
  });
});

describe('rules are data', () => {
  it('an administrator switches the household rule off; then a second measure is granted at once', async () => {
    const rules = await json<{ items: { id: string; version: number; enabled: boolean }[] }>(
      await clients.leder!.get('/api/approval-rules'),
    );
    const household = rules.items.find((r) => r.id === 'household_several');
    expect(household?.enabled).toBe(true);
    expect(
      (
        await clients.leder!.put('/api/approval-rules/household_several', {
          enabled: false,
          params: { maxMeasures: 1 },
          version: household?.version,
        })
      ).status,
    ).toBe(403);
    const bad = await clients.admin!.put('/api/approval-rules/household_several', {
      enabled: true,
      params: { maxMeasures: 0 },
      version: household?.version,
    });
    expect(bad.status).toBe(422);
    await json(
      await clients.admin!.put('/api/approval-rules/household_several', {
        enabled: false,
        params: { maxMeasures: 1 },
        version: household?.version,
      }),
    );
    expect((await grant('raadgiver', 'A-1', 'A-1-2')).status).toBe(200);
    const stale = await clients.admin!.put('/api/approval-rules/household_several', {
      enabled: true,
      params: { maxMeasures: 1 },
      version: household?.version,
    });
    expect(stale.status).toBe(409);
  });
});

describe('the status report counts the approvals of its period', () => {
  async function approvalsIndicator(year: number, asOf: string) {
    const created = await json<{ id: string }>(
      await clients.okonomi!.post('/api/status-reports', {
        title: `Status ${asOf}`,
        year,
        asOf,
        focusAreas: [],
      }),
      201,
    );
    const report = await json<{ indicators: { approvals: unknown } }>(
      await clients.okonomi!.get(`/api/status-reports/${created.id}`),
    );
    return report.indicators.approvals;
  }

  it('given and rejected by the report’s date; none before the rules took effect', async () => {
    // decided above on 23.11.2026: three approved (one of them by ledelse-funktionsleder), one rejected
    expect(await approvalsIndicator(2026, '2026-11-30')).toEqual({ given: 3, rejected: 1 });
    // a report as of the day before sees none of them
    expect(await approvalsIndicator(2026, '2026-11-22')).toEqual({ given: 0, rejected: 0 });
    // the rules take effect 01.01.2026: a 2025 report has no approvals figure at all
    expect(await approvalsIndicator(2025, '2025-12-31')).toBeNull();
  });
});

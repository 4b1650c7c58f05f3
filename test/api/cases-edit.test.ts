import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// The test clock stands at 23.11.2026: December 2026 is ahead, decided interventions count.
let ctx: TestContext;
let raadgiver: TestClient;
let otherUnitWriter: TestClient;
let okonomi: TestClient;
let ledelse: TestClient;
let unitId: string;
let otherUnitId: string;

const UNIT = 'Myndighed, det specialiserede børneområde';

function daily(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'main',
    status: 'expected',
    modifies: null,
    decidedOn: '2026-11-01',
    category: 'familiebehandling',
    paragraph: 'Barnets lov § 32, stk. 1, nr. 3',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2026-12-01',
    endDate: null,
    followOn: false,
    payment: { type: 'running', frequency: 'daily', amount: 500 },
    ...over,
  };
}

interface Detail {
  id: string;
  version: number;
  canWrite: boolean;
  interventions: {
    ref: string;
    status: string;
    modifies: string | null;
    endDate: string | null;
    [field: string]: unknown;
  }[];
}

async function detail(client: TestClient, id: string): Promise<Detail> {
  const response = await client.get(`/api/cases/${id}?year=2026`);
  expect(response.status).toBe(200);
  return (await response.json()) as Detail;
}

async function commitments(client: TestClient, caseRef: string) {
  const response = await client.get(`/api/commitments?year=2026&case=${caseRef}`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    expected: { total: number; byMonth: number[] };
    granted: { total: number; byMonth: number[] };
  };
}

async function auditCount(action: string): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_log WHERE action = $1',
    [action],
  );
  return row?.n ?? 0;
}

async function createCase(ref: string, client = raadgiver, unit = unitId): Promise<string> {
  const response = await client.post('/api/cases', {
    ref,
    household: `H-${ref}`,
    unitId: unit,
    person: { ref: `P-${ref}`, birthDate: '2012-05-01' },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, UNIT);
  otherUnitId = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, {
    username: 'raadgiver',
    displayName: 'Rikke Rådgiver',
    roles: ['raadgiver'],
    unitIds: [unitId],
  });
  await createUser(ctx.db, {
    username: 'andenenhed',
    roles: ['raadgiver'],
    unitIds: [otherUnitId],
  });
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unitId] });
  await createUser(ctx.db, { username: 'ledelse', roles: ['ledelse'] });
  raadgiver = new TestClient(ctx);
  await raadgiver.login('raadgiver');
  otherUnitWriter = new TestClient(ctx);
  await otherUnitWriter.login('andenenhed');
  okonomi = new TestClient(ctx);
  await okonomi.login('okonomi');
  ledelse = new TestClient(ctx);
  await ledelse.login('ledelse');
});
afterAll(() => ctx.close());

describe('registering a case', () => {
  it('creates a case with references only, audited', async () => {
    const id = await createCase('NY-1');
    const d = await detail(raadgiver, id);
    expect(d.version).toBe(1);
    expect(d.canWrite).toBe(true);
    expect(d.interventions).toEqual([]);
    expect(await auditCount('case.create')).toBe(1);
    expect((await detail(okonomi, id)).canWrite).toBe(false);
  });

  it('rejects bad input with paths and Danish messages, storing nothing', async () => {
    const bad = await raadgiver.post('/api/cases', {
      ref: 'NY-2',
      household: 'H',
      unitId,
      person: { ref: 'P', birthDate: '2012-02-30' },
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues).toEqual([
      expect.objectContaining({
        path: 'person.birthDate',
        message: 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).',
      }),
    ]);
    const duplicate = await raadgiver.post('/api/cases', {
      ref: 'NY-1',
      household: 'H',
      unitId,
      person: { ref: 'P' },
    });
    expect(duplicate.status).toBe(422);
    expect(((await duplicate.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe(
      'ref',
    );
    const empty = await raadgiver.post('/api/cases', {
      ref: '',
      household: 'H',
      unitId,
      person: {},
    });
    expect(empty.status).toBe(422);
    const [n] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(n?.n).toBe(1);
    expect(await auditCount('case.create')).toBe(1);
  });

  it('refuses read-only roles and other units', async () => {
    const input = { ref: 'NY-3', household: 'H', unitId, person: { ref: 'P' } };
    expect((await okonomi.post('/api/cases', input)).status).toBe(403);
    expect((await ledelse.post('/api/cases', input)).status).toBe(403);
    expect((await otherUnitWriter.post('/api/cases', input)).status).toBe(403);
    expect(await auditCount('case.create')).toBe(1);
  });
});

describe('interventions and adjustments', () => {
  let id: string;

  beforeAll(async () => {
    id = await createCase('JUS-1');
  });

  it('adds an expected intervention, grants it, and adjusts it by an expected step-down', async () => {
    const added = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: 1,
      intervention: daily(),
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ version: 2, ref: 'JUS-1-1' });
    let c = await commitments(raadgiver, 'JUS-1');
    expect(c.expected.byMonth[11]).toBe(15_500);
    expect(c.granted.total).toBe(0);

    const granted = await raadgiver.post(`/api/cases/${id}/interventions/JUS-1-1/grant`, {
      version: 2,
    });
    expect(granted.status).toBe(200);
    c = await commitments(raadgiver, 'JUS-1');
    expect(c.granted.total).toBe(15_500);

    // a granted intervention is never edited in place
    const edit = await raadgiver.put(`/api/cases/${id}/interventions/JUS-1-1`, {
      version: 3,
      intervention: daily({ payment: { type: 'running', frequency: 'daily', amount: 1 } }),
    });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { detail: string }).detail).toContain('justering');
    expect(
      (await raadgiver.delete(`/api/cases/${id}/interventions/JUS-1-1?version=3`)).status,
    ).toBe(409);

    const step = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: 3,
      intervention: daily({
        modifies: 'JUS-1-1',
        decidedOn: '2026-11-20',
        startDate: '2026-12-11',
        payment: { type: 'running', frequency: 'daily', amount: 250 },
      }),
    });
    expect(step.status).toBe(201);
    // counts in the expected cost at once: 10 × 500 + 21 × 250 kr.; granted unchanged
    c = await commitments(raadgiver, 'JUS-1');
    expect(c.expected.byMonth[11]).toBe(10_250);
    expect(c.granted.byMonth[11]).toBe(15_500);

    const grantStep = await raadgiver.post(`/api/cases/${id}/interventions/JUS-1-2/grant`, {
      version: 4,
    });
    expect(await grantStep.json()).toEqual({ version: 5, ended: 'JUS-1-1', removed: null });
    c = await commitments(raadgiver, 'JUS-1');
    expect(c.granted.byMonth[11]).toBe(10_250);
    const d = await detail(raadgiver, id);
    expect(d.interventions.map((i) => [i.ref, i.status, i.modifies, i.endDate])).toEqual([
      ['JUS-1-1', 'granted', null, '2026-12-10'],
      ['JUS-1-2', 'granted', 'JUS-1-1', null],
    ]);
    // the end is a decision of the grant's day, not an edit of what was decided on 01.11
    expect(d.interventions[0]).toMatchObject({
      decidedEndDate: null,
      endings: [{ endDate: '2026-12-10', decidedOn: '2026-11-23', by: 'JUS-1-2', removed: false }],
    });
    expect(d.interventions[1]).toMatchObject({ grantedOn: '2026-11-23' });
    expect(await auditCount('case.intervention.create')).toBe(2);
  });

  it('edits and deletes drafts; an adjusted draft cannot be deleted', async () => {
    let version = (await detail(raadgiver, id)).version;
    const draft = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version,
      intervention: daily({
        ref: 'UDKAST',
        status: 'draft',
        category: 'kontaktperson',
        payment: {
          type: 'running',
          frequency: 'monthly',
          dayOfMonth: 31,
          units: 2,
          rate: 'vederlag',
        },
      }),
    });
    // no such rate yet
    expect(draft.status).toBe(422);
    expect(
      ((await draft.json()) as { issues: { path: string; message: string }[] }).issues,
    ).toEqual([
      expect.objectContaining({
        path: 'intervention.payment.rate',
        message: 'Taksten findes ikke.',
      }),
    ]);
    const ok = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version,
      intervention: daily({ ref: 'UDKAST', status: 'draft', category: 'kontaktperson' }),
    });
    expect(ok.status).toBe(201);
    version += 1;
    const child = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version,
      intervention: daily({ status: 'draft', modifies: 'UDKAST' }),
    });
    expect(child.status).toBe(201);
    const childRef = ((await child.json()) as { ref: string }).ref;
    version += 1;
    expect(
      (await raadgiver.delete(`/api/cases/${id}/interventions/UDKAST?version=${version}`)).status,
    ).toBe(409);
    const put = await raadgiver.put(`/api/cases/${id}/interventions/UDKAST`, {
      version,
      intervention: daily({ status: 'expected', category: 'aflastning', endDate: '2026-12-05' }),
    });
    expect(put.status).toBe(200);
    version += 1;
    let d = await detail(raadgiver, id);
    expect(d.interventions.find((i) => i.ref === 'UDKAST')).toMatchObject({
      status: 'expected',
      endDate: '2026-12-05',
    });
    const del1 = await raadgiver.delete(
      `/api/cases/${id}/interventions/${childRef}?version=${version}`,
    );
    expect(del1.status).toBe(200);
    version += 1;
    const del2 = await raadgiver.delete(`/api/cases/${id}/interventions/UDKAST?version=${version}`);
    expect(del2.status).toBe(200);
    d = await detail(raadgiver, id);
    expect(d.interventions.map((i) => i.ref)).toEqual(['JUS-1-1', 'JUS-1-2']);
    expect(await auditCount('case.intervention.update')).toBe(1);
    expect(await auditCount('case.intervention.delete')).toBe(2);
  });

  it('rejects every bad field with the import rules, storing nothing', async () => {
    const before = await detail(raadgiver, id);
    const audits = await auditCount('case.intervention.create');
    const response = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: before.version,
      intervention: daily({
        modifies: 'FINDES-IKKE',
        startDate: '2026-12-10',
        endDate: '2026-12-01',
        payment: { type: 'running', frequency: 'monthly', dayOfMonth: 32, amount: 10.005 },
      }),
    });
    expect(response.status).toBe(422);
    const issues = ((await response.json()) as { issues: { path: string; message: string }[] })
      .issues;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'intervention.endDate',
      'intervention.modifies',
      'intervention.payment.amount',
      'intervention.payment.dayOfMonth',
    ]);
    expect(issues.find((i) => i.path === 'intervention.endDate')?.message).toBe(
      'Slutdatoen ligger før startdatoen.',
    );
    const paysNothing = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: before.version,
      intervention: daily({
        startDate: '2026-12-02',
        endDate: '2026-12-20',
        payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 10 },
      }),
    });
    expect(paysNothing.status).toBe(422);
    expect(((await paysNothing.json()) as { issues: { path: string }[] }).issues).toEqual([
      expect.objectContaining({ path: 'intervention.payment', code: 'no_payment' }),
    ]);
    const granted = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: before.version,
      intervention: daily({ status: 'granted' }),
    });
    expect(granted.status).toBe(422);
    expect(((await granted.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe(
      'intervention.status',
    );
    const after = await detail(raadgiver, id);
    expect(after.version).toBe(before.version);
    expect(after.interventions).toEqual(before.interventions);
    expect(await auditCount('case.intervention.create')).toBe(audits);
  });

  it('a stale version is refused with 409 naming who changed the case', async () => {
    const { version } = await detail(raadgiver, id);
    const stale = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: version - 1,
      intervention: daily({ status: 'draft' }),
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toContain('Rikke Rådgiver');
    expect((await detail(raadgiver, id)).version).toBe(version);
  });

  it('another unit gets 404; read-only roles get 403', async () => {
    const { version } = await detail(raadgiver, id);
    const body = { version, intervention: daily({ status: 'draft' }) };
    expect((await otherUnitWriter.post(`/api/cases/${id}/interventions`, body)).status).toBe(404);
    expect((await otherUnitWriter.put(`/api/cases/${id}/interventions/JUS-1-2`, body)).status).toBe(
      404,
    );
    expect(
      (await otherUnitWriter.delete(`/api/cases/${id}/interventions/JUS-1-2?version=${version}`))
        .status,
    ).toBe(404);
    expect((await okonomi.post(`/api/cases/${id}/interventions`, body)).status).toBe(403);
    expect((await ledelse.post(`/api/cases/${id}/interventions`, body)).status).toBe(403);
    expect((await raadgiver.post(`/api/cases/not-a-uuid/interventions`, body)).status).toBe(404);
    expect((await detail(raadgiver, id)).version).toBe(version);
  });
});

describe('rates', () => {
  it('an økonomikonsulent enters dated periods with their source; bad periods store nothing', async () => {
    const bad = await okonomi.put('/api/cases/rates/vederlag', {
      name: 'Plejefamilievederlag',
      source: 'KL',
      periods: [
        { from: '2026-01-01', to: null, amount: 4694.5 },
        { from: '2026-06-01', to: '2026-05-01', amount: 4800.125 },
      ],
    });
    expect(bad.status).toBe(422);
    const issues = ((await bad.json()) as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'periods.1.amount',
      'periods.1.from',
      'periods.1.to',
    ]);
    expect(issues.find((i) => i.path === 'periods.1.amount')?.message).toBe(
      'Beløbet må højst have to decimaler.',
    );
    expect(await (await okonomi.get('/api/cases/rates')).json()).toEqual([]);
    expect(
      (
        await raadgiver.put('/api/cases/rates/vederlag', {
          name: 'x',
          periods: [{ from: '2026-01-01', amount: 1 }],
        })
      ).status,
    ).toBe(403);

    const ok = await okonomi.put('/api/cases/rates/vederlag', {
      name: 'Plejefamilievederlag pr. måned',
      source: 'KL, vejledende takster 2026',
      periods: [
        { from: '2025-01-01', to: '2026-12-01', amount: 4600 },
        { from: '2026-12-01', to: null, amount: 4694.5 },
      ],
    });
    expect(ok.status).toBe(200);
    const rates = (await (await raadgiver.get('/api/cases/rates')).json()) as {
      code: string;
      source: string;
      periods: unknown[];
    }[];
    expect(rates).toEqual([
      {
        code: 'vederlag',
        name: 'Plejefamilievederlag pr. måned',
        source: 'KL, vejledende takster 2026',
        periods: [
          { from: '2025-01-01', to: '2026-12-01', amount: 4600 },
          { from: '2026-12-01', to: null, amount: 4694.5 },
        ],
        version: 1,
      },
    ]);
    expect(await auditCount('case.rate.save')).toBe(1);

    // a caseworker can now pay by units × rate: 2 units on 31 December
    const id = await createCase('TAKST-1');
    const added = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: 1,
      intervention: daily({
        category: 'anbringelse-plejefamilie',
        payment: {
          type: 'running',
          frequency: 'monthly',
          dayOfMonth: 31,
          units: 2,
          rate: 'vederlag',
        },
      }),
    });
    expect(added.status).toBe(201);
    const c = await commitments(raadgiver, 'TAKST-1');
    expect(c.expected.byMonth[11]).toBe(9_389);
  });

  it('two people changing the same rate: the second save of a stale copy is refused and names who changed it', async () => {
    const rate = (amount: number, version?: number) => ({
      name: 'Aflastning pr. døgn',
      source: 'Egen takst',
      periods: [{ from: '2026-01-01', to: null, amount }],
      ...(version === undefined ? {} : { version }),
    });
    expect((await okonomi.put('/api/cases/rates/aflastning', rate(1_000))).status).toBe(200);
    // a new code that already exists is a conflict too: nothing is overwritten unseen
    expect((await okonomi.put('/api/cases/rates/aflastning', rate(1_100))).status).toBe(409);

    const first = await okonomi.put('/api/cases/rates/aflastning', rate(1_200, 1));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { version: number }).version).toBe(2);
    const stale = await okonomi.put('/api/cases/rates/aflastning', rate(1_300, 1));
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as { detail: string };
    expect(problem.detail).toContain('Taksten «aflastning» er ændret af');
    expect(problem.detail).toContain('dine ændringer er ikke gemt');

    const rates = (await (await okonomi.get('/api/cases/rates')).json()) as {
      code: string;
      periods: { amount: number }[];
      version: number;
    }[];
    const stored = rates.find((r) => r.code === 'aflastning');
    expect(stored?.periods.map((p) => p.amount)).toEqual([1_200]);
    expect(stored?.version).toBe(2);
  });
});

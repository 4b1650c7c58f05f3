import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oreFromKroner } from '../../src/domain/money';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// The test register starts with TEST_PROVIDERS (Familiecentret, Døgninstitutionen, …).
let ctx: TestContext;
let okonomi: TestClient;
let raadgiver: TestClient;
let laeser: TestClient;
let unitId: string;

const UNIT = 'Myndighed, det specialiserede børneområde';

interface Provider {
  id: string;
  name: string;
  cvr: string | null;
  external: boolean;
  aliases: string[];
  interventions: number;
  version: number;
}
interface Problem {
  code: string;
  detail: string;
  issues?: { path: string; code: string; message: string }[];
}

async function providers(client = okonomi): Promise<Provider[]> {
  const response = await client.get('/api/providers');
  expect(response.status).toBe(200);
  return (await response.json()) as Provider[];
}

async function audit(action: string) {
  return ctx.db.query<{
    actor_username: string;
    object_id: string;
    before: unknown;
    after: unknown;
  }>(
    'SELECT actor_username, object_id, before, after FROM audit_log WHERE action = $1 ORDER BY id',
    [action],
  );
}

function caseDocument(ref: string, provider: { name: string; external: boolean }) {
  return {
    format: 'overblik/cases@1',
    cases: [
      {
        ref,
        household: `H-${ref}`,
        unit: UNIT,
        person: { ref: `P-${ref}`, birthDate: '2012-05-01' },
        interventions: [
          {
            ref: 'A-1',
            kind: 'main',
            status: 'granted',
            modifies: null,
            decidedOn: '2026-01-05',
            category: 'familiebehandling',
            paragraph: 'Barnets lov § 32',
            provider,
            accountFunction: '5.28.21',
            startDate: '2026-01-01',
            endDate: '2026-01-31',
            payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 1000 },
          },
        ],
      },
    ],
  };
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, UNIT);
  await createUser(ctx.db, {
    username: 'okonomi',
    displayName: 'Øjvind Økonomi',
    roles: ['okonomikonsulent'],
    unitIds: [unitId],
  });
  await createUser(ctx.db, { username: 'raadgiver', roles: ['raadgiver'], unitIds: [unitId] });
  await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unitId] });
  okonomi = new TestClient(ctx);
  await okonomi.login('okonomi');
  raadgiver = new TestClient(ctx);
  await raadgiver.login('raadgiver');
  laeser = new TestClient(ctx);
  await laeser.login('laeser');
});
afterAll(() => ctx.close());

describe('the provider register', () => {
  it('creates a provider with its CVR number, audited, and lists it to those who read cases', async () => {
    const response = await okonomi.post('/api/providers', {
      name: '  Familiehuset  Vest ',
      cvr: '29188556',
      external: true,
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Provider;
    expect(created).toMatchObject({
      name: 'Familiehuset Vest',
      cvr: '29188556',
      external: true,
      aliases: [],
      interventions: 0,
      version: 1,
    });
    const [row] = await audit('provider.create');
    expect(row).toMatchObject({ actor_username: 'okonomi', object_id: created.id });
    expect((await providers(raadgiver)).map((p) => p.name)).toContain('Familiehuset Vest');
    expect((await providers(laeser)).map((p) => p.name)).toContain('Familiehuset Vest');
  });

  it('is kept by those who keep the rates: a rådgiver may not create a provider', async () => {
    const response = await raadgiver.post('/api/providers', { name: 'Nyt sted', external: true });
    expect(response.status).toBe(403);
    expect((await providers()).map((p) => p.name)).not.toContain('Nyt sted');
  });

  it('refuses a CVR number that fails modulus 11 in Danish, and stores nothing', async () => {
    const before = await providers();
    for (const cvr of ['29188557', '1234567', 'abcdefgh']) {
      const response = await okonomi.post('/api/providers', {
        name: 'Forkert CVR',
        cvr,
        external: true,
      });
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.issues).toEqual([
        expect.objectContaining({
          path: 'cvr',
          message: expect.stringContaining('CVR-nummer er 8 cifre') as unknown,
        }),
      ]);
    }
    expect(await providers()).toEqual(before);
  });

  it('refuses a CPR number in a name, and a name that is taken (case and spaces aside)', async () => {
    const cpr = await okonomi.post('/api/providers', {
      name: 'Plejefamilie 010203-1234',
      external: false,
    });
    expect(cpr.status).toBe(422);
    expect(((await cpr.json()) as Problem).issues?.[0]).toMatchObject({
      path: 'name',
      code: 'cpr_number',
    });
    const taken = await okonomi.post('/api/providers', { name: 'familiecentret ', external: true });
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as Problem).issues?.[0]).toMatchObject({
      path: 'name',
      code: 'name_taken',
      message: 'Der findes allerede en leverandør med navnet «Familiecentret».',
    });
    expect((await providers()).filter((p) => /plejefamilie 0102/i.test(p.name))).toEqual([]);
  });

  it('changes a provider on its version; a stale version is refused and changes nothing', async () => {
    const vest = (await providers()).find((p) => p.name === 'Familiehuset Vest');
    if (!vest) throw new Error('no provider');
    const first = await okonomi.put(`/api/providers/${vest.id}`, {
      name: 'Familiehuset Vest ApS',
      cvr: null,
      external: true,
      version: vest.version,
    });
    expect(first.status).toBe(200);
    expect((await first.json()) as Provider).toMatchObject({ cvr: null, version: 2 });
    const stale = await okonomi.put(`/api/providers/${vest.id}`, {
      name: 'Et andet navn',
      external: false,
      version: vest.version,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Problem).detail).toContain('Øjvind Økonomi');
    const now = (await providers()).find((p) => p.id === vest.id);
    expect(now).toMatchObject({ name: 'Familiehuset Vest ApS', external: true, version: 2 });
    const [row] = await audit('provider.update');
    expect(row).toMatchObject({
      actor_username: 'okonomi',
      before: { name: 'Familiehuset Vest', cvr: '29188556' },
      after: { name: 'Familiehuset Vest ApS', cvr: null },
    });
  });
});

describe('interventions name a registered provider', () => {
  it('refuses an import naming an unknown provider in Danish, imports nothing, and never registers it', async () => {
    const response = await okonomi.post(
      '/api/cases/import',
      caseDocument('LEV-1', { name: 'Familiecentret Syd', external: false }),
    );
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.issues).toEqual([
      {
        path: 'cases.0.interventions.0.provider.name',
        code: 'unknown_provider',
        message: expect.stringContaining(
          'Leverandøren «Familiecentret Syd» findes ikke i leverandørregistret',
        ) as unknown,
      },
    ]);
    expect((await okonomi.get('/api/cases?q=LEV-1').then((r) => r.json())) as object).toMatchObject(
      {
        total: 0,
      },
    );
    expect((await providers()).map((p) => p.name)).not.toContain('Familiecentret Syd');
  });

  it('imports it once the spelling is mapped to a provider, with the register’s name and kind', async () => {
    const target = (await providers()).find((p) => p.name === 'Døgninstitutionen');
    if (!target) throw new Error('no provider');
    const mapped = await okonomi.post(`/api/providers/${target.id}/aliases`, {
      alias: 'Familiecentret Syd',
    });
    expect(mapped.status).toBe(200);
    expect((await mapped.json()) as Provider).toMatchObject({ aliases: ['Familiecentret Syd'] });
    expect(await audit('provider.alias')).toHaveLength(1);
    // a spelling can mean one provider only
    const again = await okonomi.post(`/api/providers/${target.id}/aliases`, {
      alias: 'familiecentret syd',
    });
    expect(again.status).toBe(422);

    const response = await okonomi.post(
      '/api/cases/import',
      caseDocument('LEV-1', { name: 'FAMILIECENTRET SYD', external: false }),
    );
    expect(response.status).toBe(200);
    const list = (await (await okonomi.get('/api/cases?q=LEV-1')).json()) as {
      cases: { id: string }[];
    };
    const detail = (await (
      await okonomi.get(`/api/cases/${list.cases[0]?.id ?? ''}?year=2026`)
    ).json()) as { interventions: { provider: { name: string; external: boolean } }[] };
    expect(detail.interventions[0]?.provider).toEqual({
      name: 'Døgninstitutionen',
      external: true,
    });
    // the export names the registered provider, so export → import changes nothing
    const exported = (await (await okonomi.get('/api/cases/export')).json()) as unknown;
    const again2 = await okonomi.post('/api/cases/import', exported);
    expect(((await again2.json()) as { unchanged: number }).unchanged).toBe(1);
    expect((await providers()).find((p) => p.id === target.id)?.interventions).toBe(1);
  });

  it('refuses an entered intervention whose provider is not in the register', async () => {
    const created = await raadgiver.post('/api/cases', {
      ref: 'LEV-2',
      household: 'H-LEV-2',
      unitId,
      person: { ref: 'P-LEV-2', birthDate: '2012-05-01' },
    });
    const { id } = (await created.json()) as { id: string };
    const intervention = caseDocument('X', { name: 'Ukendt Sted', external: true }).cases[0]
      ?.interventions[0];
    const response = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: 1,
      intervention: { ...intervention, ref: null, status: 'expected' },
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).issues).toEqual([
      expect.objectContaining({ path: 'intervention.provider.name', code: 'unknown_provider' }),
    ]);
    const ok = await raadgiver.post(`/api/cases/${id}/interventions`, {
      version: 1,
      intervention: {
        ...intervention,
        ref: null,
        status: 'expected',
        provider: { name: 'familiecentret', external: true },
      },
    });
    expect(ok.status).toBe(201);
    // the register's name and kind, whatever the entry said
    const detail = (await (await raadgiver.get(`/api/cases/${id}?year=2026`)).json()) as {
      interventions: { provider: unknown }[];
    };
    expect(detail.interventions[0]?.provider).toEqual({ name: 'Familiecentret', external: false });
  });
});

describe('statements split by named provider', () => {
  interface Statement {
    kind: string | null;
    provider: string | null;
    expected: { total: number };
    granted: { total: number };
    rows: { key: string; label: string; expected: number; granted: number }[];
  }
  const statement = async (q: string, client = okonomi): Promise<Statement> => {
    const response = await client.get(`/api/commitments/statement?year=2026&asOf=2026-11-23&${q}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Statement;
  };
  const sum = (values: number[]) => values.reduce((a, b) => a + oreFromKroner(b), 0);

  beforeAll(async () => {
    const doc = caseDocument('LEV-3', { name: 'Familiecentret', external: false });
    const base = doc.cases[0]?.interventions[0];
    if (!doc.cases[0] || !base) throw new Error('no case');
    const monthly = (amount: number) => ({
      type: 'running',
      frequency: 'monthly',
      dayOfMonth: 1,
      amount,
    });
    doc.cases[0].interventions = [
      { ...base, ref: 'A-1', endDate: '2026-03-31', payment: monthly(1000.25) },
      {
        ...base,
        ref: 'A-2',
        provider: { name: 'Døgninstitutionen', external: true },
        endDate: '2026-03-31',
        payment: monthly(500.25),
      },
      {
        ...base,
        ref: 'A-3',
        provider: { name: 'Opholdsstedet', external: true },
        payment: { type: 'one-time', date: '2026-02-01', amount: 200.5 } as never,
      },
      // an expected step-down of A-1 by another provider from March: A-1 counts no March
      {
        ...base,
        ref: 'A-4',
        status: 'expected',
        modifies: 'A-1' as never,
        decidedOn: '2026-02-15',
        provider: { name: 'Familiehuset', external: false },
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        payment: monthly(800),
      },
    ];
    const response = await okonomi.post('/api/cases/import', doc);
    expect(response.status).toBe(200);
  });

  it('splits provider by provider, the rows adding up to the totals', async () => {
    const s = await statement('by=providerName');
    expect(s.rows.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'Familiecentret',
        'Døgninstitutionen',
        'Opholdsstedet',
        'Familiehuset',
      ]),
    );
    expect(s.rows.find((r) => r.key === 'Familiehuset')).toMatchObject({
      label: 'Familiehuset',
      expected: 800,
      granted: 0,
    });
    expect(s.rows.find((r) => r.key === 'Opholdsstedet')?.expected).toBe(200.5);
    expect(sum(s.rows.map((r) => r.expected))).toBe(oreFromKroner(s.expected.total));
    expect(sum(s.rows.map((r) => r.granted))).toBe(oreFromKroner(s.granted.total));
  });

  it('limits the statement to one provider or one kind, equal to their rows in the split', async () => {
    const split = await statement('by=providerName');
    for (const row of split.rows) {
      const one = await statement(`by=category&provider=${encodeURIComponent(row.key)}`);
      expect(one.provider).toBe(row.key);
      expect(oreFromKroner(one.expected.total)).toBe(oreFromKroner(row.expected));
      expect(oreFromKroner(one.granted.total)).toBe(oreFromKroner(row.granted));
    }
    const registered = await providers();
    const externalNames = new Set(registered.filter((p) => p.external).map((p) => p.name));
    const external = await statement('by=providerName&kind=ekstern');
    expect(external.rows.every((r) => externalNames.has(r.key))).toBe(true);
    expect(oreFromKroner(external.expected.total)).toBe(
      sum(split.rows.filter((r) => externalNames.has(r.key)).map((r) => r.expected)),
    );
    const internal = await statement('by=provider&kind=intern');
    expect(oreFromKroner(internal.expected.total) + oreFromKroner(external.expected.total)).toBe(
      oreFromKroner(split.expected.total),
    );
    // a reader without the cases gets the same split, figures only
    expect((await statement('by=providerName', laeser)).rows.map((r) => r.expected)).toEqual(
      split.rows.map((r) => r.expected),
    );
  });

  it('names account functions with their names', async () => {
    const s = await statement('by=accountFunction');
    expect(s.rows.find((r) => r.key === '5.28.21')?.label).toBe(
      '5.28.21 Forebyggende indsats for børn, unge og deres familier',
    );
    const bad = await okonomi.get('/api/commitments/statement?year=2026&kind=alle');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).issues?.[0]).toMatchObject({
      path: 'kind',
      message: 'Skal være ekstern eller intern.',
    });
  });
});

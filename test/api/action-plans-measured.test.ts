/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-assignment --
   Answers are read as the loose JSON a client gets; the assertions check their shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

// An area that names what it acts on has its realised effect measured from the commitments
// against the baseline at the plan's start. The test clock stands at 23.11.2026.
type Json = Record<string, any>;

let ctx: TestContext;
let leder: TestClient;
let outsider: TestClient;
let unitId: string;
let otherUnitId: string;
let planId: string;

const UNIT = 'Ungeteam og efterværn';

/** A placement 1.000 kr. a day through 2026, stepped down to 800 kr. from 01.05 (decided 10.04). */
function steppedDown(ref: string, external: boolean) {
  const base = {
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2025-12-01',
    category: 'anbringelse-opholdssted',
    paragraph: 'Barnets lov § 47',
    provider: external
      ? { name: 'Opholdsstedet Lyngly', external: true }
      : { name: 'Familiecentret', external: false },
    accountFunction: '5.28.23',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    payment: { type: 'running', frequency: 'daily', amount: 1000 },
  };
  return {
    ref,
    household: `H-${ref}`,
    unit: UNIT,
    person: { ref: `P-${ref}`, birthDate: '2010-03-14' },
    interventions: [
      { ...base, ref: 'A' },
      {
        ...base,
        ref: 'B',
        status: 'expected',
        modifies: 'A',
        decidedOn: '2026-04-10',
        startDate: '2026-05-01',
        payment: { type: 'running', frequency: 'daily', amount: 800 },
      },
    ],
  };
}

const area = (number: number, actsOn: unknown) => ({
  number,
  title: number === 1 ? 'Eksterne leverandører' : 'Øvrige tiltag',
  targetAmount: 60_000,
  monthlyEffect: [0, 0, 0, 0, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 0, 0],
  actsOn,
});

function plan(areas: unknown[]) {
  return {
    format: 'overblik/action-plan@1',
    title: 'Handleplan 2026',
    year: 2026,
    startedOn: '2026-03-01',
    areas,
  };
}

async function json<T = Json>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

beforeAll(async () => {
  ctx = await createTestApp();
  unitId = await createUnit(ctx.db, UNIT);
  otherUnitId = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, {
    username: 'leder',
    roles: ['funktionsleder', 'okonomikonsulent'],
    unitIds: [unitId],
  });
  await createUser(ctx.db, { username: 'anden', roles: ['laeser'], unitIds: [otherUnitId] });
  leder = new TestClient(ctx);
  await leder.login('leder');
  outsider = new TestClient(ctx);
  await outsider.login('anden');
  await json(
    await leder.post('/api/cases/import', {
      format: 'overblik/cases@1',
      rates: [],
      cases: [steppedDown('T-1', true), steppedDown('T-2', false)],
    }),
  );
  const [row] = await ctx.db.query<{ id: string; version: number }>(
    `SELECT id, version FROM cases WHERE ref = 'T-1'`,
  );
  await json(
    await leder.post(`/api/cases/${row?.id}/interventions/B/grant`, {
      version: row?.version,
      decidedOn: '2026-04-15',
    }),
  );
});
afterAll(() => ctx.close());

describe('an area that acts on something measurable', () => {
  it('refuses a value that is not one of the choices, in Danish, naming the area', async () => {
    const bad = await json(
      await leder.post(
        `/api/action-plans?unitId=${unitId}`,
        plan([
          area(1, { kind: 'provider', value: 'Lyngly' }),
          area(2, { kind: 'unit', value: otherUnitId }),
          area(3, { kind: 'account_function', value: '5.28.99' }),
        ]),
      ),
      422,
    );
    expect(bad.issues).toEqual([
      expect.objectContaining({
        path: 'areas.0.actsOn.value',
        message:
          'Indsatsområde 1, virker på: Leverandørtypen «Lyngly» findes ikke; vælg ekstern eller intern.',
      }),
      expect.objectContaining({
        path: 'areas.1.actsOn.value',
        message: `Indsatsområde 2, virker på: Et indsatsområde kan kun virke på handleplanens egen enhed («${UNIT}»).`,
      }),
      expect.objectContaining({
        path: 'areas.2.actsOn.value',
        message: 'Indsatsområde 3, virker på: Funktionen «5.28.99» findes ikke i kontoplanen.',
      }),
    ]);
    const kind = await json(
      await leder.post(
        `/api/action-plans?unitId=${unitId}`,
        plan([area(1, { kind: 'leverandør', value: 'ekstern' })]),
      ),
      422,
    );
    expect(kind.issues[0].message).toBe(
      'Indsatsområde i række 1, virker på, type: Skal være category_group, provider, account_function eller unit.',
    );
  });

  it('keeps what an area acts on, audits it, and offers the choices', async () => {
    const created = await json(
      await leder.post(`/api/action-plans?unitId=${unitId}`, plan([area(1, null), area(2, null)])),
      201,
    );
    planId = created.id;
    const options = await json(await leder.get(`/api/action-plans/${planId}/acts-on-options`));
    expect(options.providers).toEqual(['ekstern', 'intern']);
    expect(options.categoryGroups).toContain('eftervaern');
    expect(options.accountFunctions).toContainEqual({ code: '5.28.22', name: 'Plejefamilier' });
    expect(options.units).toEqual([{ id: unitId, name: UNIT }]);

    const { version, ...doc } = created;
    const saved = await json(
      await leder.put(`/api/action-plans/${planId}`, {
        ...doc,
        areas: [area(1, { kind: 'provider', value: 'ekstern' }), area(2, null)],
        version,
      }),
    );
    expect((saved.areas as Json[]).map((a) => a.actsOn as unknown)).toEqual([
      { kind: 'provider', value: 'ekstern' },
      null,
    ]);
    expect((await json(await leder.get(`/api/action-plans/${planId}`))).areas[0].actsOn).toEqual({
      kind: 'provider',
      value: 'ekstern',
    });
    const [audit] = await ctx.db.query<{ after: Json }>(
      `SELECT after FROM audit_log WHERE action = 'action_plan.update' AND object_id = $1`,
      [planId],
    );
    expect(audit?.after.actsOn).toEqual([{ number: 1, kind: 'provider', value: 'ekstern' }]);
    const compared = await json(await leder.get(`/api/action-plans/${planId}/compare?from=1&to=2`));
    expect(compared.changes).toContainEqual(
      expect.objectContaining({
        path: 'areas[1].actsOn',
        label: 'Indsatsområde 1, virker på',
        before: null,
        after: { kind: 'provider', value: 'ekstern' },
      }),
    );
    // an edit on top of an older version is refused as before
    expect((await leder.put(`/api/action-plans/${planId}`, { ...doc, version })).status).toBe(409);
  });

  it('measures the step-down at the external provider as a saving from May, and adds the manual figures', async () => {
    const m = await json(await leder.get(`/api/action-plans/${planId}/measured?asOf=2026-06-30`));
    expect(m.startedOn).toBe('2026-03-01');
    expect(m.areas).toHaveLength(1);
    // 31 × 200 kr. in May, 30 × 200 kr. in June; the internal case's step-down does not count
    expect(m.areas[0].effect).toEqual([
      null,
      null,
      0,
      0,
      6_200,
      6_000,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m.areas[0].baseline[4]).toBe(31_000);
    expect(m.areas[0].committed[4]).toBe(24_800);

    const current = await json(await leder.get(`/api/action-plans/${planId}`));
    await json(
      await leder.put(`/api/action-plans/${planId}/realisation`, {
        version: current.version,
        areas: [
          {
            number: 1,
            realisedEffect: [null, null, null, null, null, 1_000, ...Array(6).fill(null)],
          },
          { number: 2, realisedEffect: [null, 500, ...Array(10).fill(null)] },
        ],
      }),
    );
    const after = await json(
      await leder.get(`/api/action-plans/${planId}/measured?asOf=2026-06-30`),
    );
    expect(after.realisation.byArea).toEqual([
      { number: 1, planned: 60_000, realised: 13_200 },
      { number: 2, planned: 60_000, realised: 500 },
    ]);
    expect(after.realisation.realisedTotal).toBe(13_700);
    expect(after.realisation.months[5]).toMatchObject({
      realised: 7_000,
      cumulativeRealised: 13_700,
    });
    // the stored plan keeps only what was entered by hand
    expect(
      (await json(await leder.get(`/api/action-plans/${planId}`))).realisation.realisedTotal,
    ).toBe(1_500);
  });

  it('measures as of the end of the last booked month by default, and not for other units', async () => {
    const m = await json(await leder.get(`/api/action-plans/${planId}/measured`));
    expect(m.asOf).toMatch(/^2026-\d{2}-\d{2}$/);
    expect(m.areas[0].effect[4]).toBe(6_200);
    expect((await outsider.get(`/api/action-plans/${planId}/measured`)).status).toBe(404);
    const bad = await json(
      await leder.get(`/api/action-plans/${planId}/measured?asOf=2026-02-31`),
      422,
    );
    expect(bad.issues[0].path).toBe('asOf');
  });
});

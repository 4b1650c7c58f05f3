import { daily, intervention } from '../cases-support';
import type { IsoDate } from '../../src/domain/months';
import { replaceInterventions, upsertCases } from '../../src/db/repositories/cases';
import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

/** What a correction may change: cases, their interventions and the corrections. */
const SNAPSHOT = `
  SELECT json_build_object(
    'cases', (SELECT json_agg(json_build_object('id', c.id, 'version', c.version) ORDER BY c.id) FROM cases c),
    'interventions', (SELECT json_agg(i.payment ORDER BY i.case_id, i.position) FROM case_interventions i),
    'corrections', (SELECT json_agg(k ORDER BY k.id) FROM case_corrections k)
  )::text AS state`;

/** A new case (version 1) in `unitId` with one granted intervention `A`; returns its id. */
async function grantedCase(f: Fixture, unitId: string): Promise<string> {
  const ref = f.unique('K').replace(' ', '-');
  return f.ctx.db.transaction(async (tx) => {
    const ids = await upsertCases(
      tx,
      [
        {
          ref,
          household: `H-${ref}`,
          unit: unitId,
          person: { ref: `P-${ref}`, birthDate: '2012-03-14' as IsoDate },
          interventions: [],
        },
      ],
      new Date(),
    );
    const caseId = ids.get(ref) ?? '';
    await replaceInterventions(tx, [
      { caseId, interventions: [intervention({ ref: 'A', payment: daily(1000) })] },
    ]);
    return caseId;
  });
}

const correction = {
  version: 1,
  reason: 'Døgnprisen er tastet forkert',
  intervention: {
    kind: 'main',
    decidedOn: '2019-01-01',
    category: 'familiebehandling',
    paragraph: 'SEL §52 stk. 3 nr. 3',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2019-12-01',
    endDate: null,
    payment: { type: 'running', frequency: 'daily', amount: 100 },
  },
};

const rows: MatrixRow[] = [
  {
    name: 'POST /api/cases/:id/interventions/:ref/correct (own unit)',
    method: 'POST',
    path: async (f) => `/api/cases/${await grantedCase(f, f.ownUnit)}/interventions/A/correct`,
    body: () => correction,
    expect: {
      administrator: 200,
      okonomikonsulent: 200,
      funktionsleder: 200,
      laeser: 404,
      otherwise: 403,
    },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/cases/:id/interventions/:ref/correct (other unit)',
    method: 'POST',
    path: async (f) => `/api/cases/${await grantedCase(f, f.otherUnit)}/interventions/A/correct`,
    body: () => correction,
    expect: { administrator: 200, ledelse: 403, otherwise: 404 },
    snapshot: SNAPSHOT,
  },
];

describePolicyMatrix('corrections of wrong data in cases', rows);

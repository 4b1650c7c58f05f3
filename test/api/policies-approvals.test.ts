import { expect } from 'vitest';
import { TestClient } from '../app';
import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

/** What the approval endpoints may change. */
const SNAPSHOT = `
  SELECT json_build_object(
    'approvals', (SELECT json_agg(a ORDER BY a.id) FROM approvals a),
    'rules', (SELECT json_agg(r ORDER BY r.id) FROM approval_rules r),
    'interventions', (SELECT json_agg(json_build_object('ref', i.ref, 'status', i.status,
        'grantedOn', i.granted_on, 'endings', i.endings) ORDER BY i.ref) FROM case_interventions i)
  )::text AS state`;

function intervention(ref: string, status: 'granted' | 'expected') {
  return {
    ref,
    kind: 'main',
    status,
    modifies: null,
    decidedOn: '2026-01-05',
    category: 'familiebehandling',
    paragraph: 'Barnets lov § 32',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2026-02-01',
    endDate: null,
    payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 10000 },
  };
}

/**
 * A fresh pending approval (requested by the rådgiver) for a new expected intervention on the
 * unit's case: every request of a row decides its own.
 */
async function freshApproval(f: Fixture, unit: 'own' | 'other'): Promise<string> {
  const caseId = f.extra[`${unit}Case`] ?? '';
  const ref = f.unique(`${unit}-X`).replace(' ', '-');
  await f.ctx.db.query(
    `INSERT INTO case_interventions (case_id, position, ref, kind, status, modifies_ref, decided_on,
            category, paragraph, provider_id, account_function, start_date,
            end_date, follow_on, payment, first_payment_date, last_payment_date)
     SELECT case_id, 100 + (SELECT count(*) FROM case_interventions WHERE case_id = $1), $2, kind,
            'expected', NULL, decided_on, category, paragraph, provider_id,
            account_function, start_date, end_date, follow_on, payment, first_payment_date,
            last_payment_date
       FROM case_interventions WHERE case_id = $1 AND status = 'expected' LIMIT 1`,
    [caseId, ref],
  );
  const [row] = await f.ctx.db.query<{ id: string }>(
    `INSERT INTO approvals (case_id, intervention_ref, kind, reasons, source, requested_by_id,
            requested_by, requested_by_name)
     VALUES ($1, $2, 'approval', '[{"rule":"household_several","measures":2,"maxMeasures":1,"caseRefs":[]}]',
             'grant', $3, 'raadgiver', 'raadgiver') RETURNING id`,
    [caseId, ref, f.users.raadgiver],
  );
  return row?.id ?? '';
}

const decision = { decision: 'approved', reason: 'Begrundet.' };

const rows: MatrixRow[] = [
  {
    name: 'GET /api/approvals?status=pending (what the caller may decide)',
    method: 'GET',
    path: () => '/api/approvals?status=pending',
    expect: { laeser: 403, otherwise: 200 },
    check: (body, who, f) => {
      const units = (body as { items: { unit: { id: string } }[] }).items.map((a) => a.unit.id);
      if (who === 'administrator')
        expect(new Set(units)).toEqual(new Set([f.ownUnit, f.otherUnit]));
      else if (who === 'funktionsleder') expect(new Set(units)).toEqual(new Set([f.ownUnit]));
      else expect(units).toEqual([]);
    },
  },
  {
    name: 'GET /api/approvals/:id (other unit)',
    method: 'GET',
    path: (f) => `/api/approvals/${f.extra.otherApproval}`,
    expect: { administrator: 200, ledelse: 200, otherwise: 404 },
  },
  {
    name: 'POST /api/approvals/:id/decision (own unit)',
    method: 'POST',
    path: async (f) => `/api/approvals/${await freshApproval(f, 'own')}/decision`,
    body: () => decision,
    snapshot: SNAPSHOT,
    expect: { administrator: 200, funktionsleder: 200, laeser: 404, otherwise: 403 },
  },
  {
    name: 'POST /api/approvals/:id/decision (other unit)',
    method: 'POST',
    path: async (f) => `/api/approvals/${await freshApproval(f, 'other')}/decision`,
    body: () => decision,
    snapshot: SNAPSHOT,
    expect: { administrator: 200, ledelse: 403, otherwise: 404 },
  },
  {
    name: 'GET /api/approval-rules',
    method: 'GET',
    path: () => '/api/approval-rules',
    expect: { otherwise: 200 },
  },
  {
    name: 'PUT /api/approval-rules/:id',
    method: 'PUT',
    path: () => '/api/approval-rules/household_several',
    body: async (f) => {
      const [rule] = await f.ctx.db.query<{ version: number }>(
        "SELECT version FROM approval_rules WHERE id = 'household_several'",
      );
      return { enabled: true, params: { maxMeasures: 1 }, version: rule?.version };
    },
    snapshot: SNAPSHOT,
    expect: { administrator: 200, otherwise: 403 },
  },
];

describePolicyMatrix('approvals', rows, async (f) => {
  const admin = new TestClient(f.ctx);
  await admin.login('administrator');
  const response = await admin.post('/api/cases/import', {
    format: 'overblik/cases@1',
    rates: [],
    cases: [
      ['own', 'Egen enhed'],
      ['other', 'Anden enhed'],
    ].map(([key, unit]) => ({
      ref: `${key}-1`,
      household: `H-${key}`,
      unit,
      person: { ref: `P-${key}`, birthDate: '2013-03-14' },
      interventions: [
        intervention(`${key}-1-1`, 'granted'),
        intervention(`${key}-1-2`, 'expected'),
      ],
    })),
  });
  expect(response.status, await response.text()).toBe(200);
  for (const key of ['own', 'other'] as const) {
    const [row] = await f.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE ref = $1', [
      `${key}-1`,
    ]);
    f.extra[`${key}Case`] = row?.id ?? '';
  }
  f.extra.otherApproval = await freshApproval(f, 'other');
  await freshApproval(f, 'own');
});

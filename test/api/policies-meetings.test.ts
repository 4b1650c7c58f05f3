import { expect } from 'vitest';
import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

/** What the meeting, sign-off and notification endpoints may change. */
const SNAPSHOT = `
  SELECT json_build_object(
    'meetings', (SELECT json_agg(m ORDER BY m.id) FROM meetings m),
    'items', (SELECT json_agg(i ORDER BY i.id) FROM meeting_items i),
    'signoffs', (SELECT json_agg(s ORDER BY s.seq) FROM signoffs s),
    'presented', (SELECT json_agg(p ORDER BY p.meeting_id) FROM committee_presentations p),
    'notifications', (SELECT json_agg(n ORDER BY n.id) FROM notifications n)
  )::text AS state`;

async function visitation(f: Fixture, unitId: string): Promise<string> {
  const [row] = await f.ctx.db.query<{ id: string }>(
    `INSERT INTO meetings (kind, held_on, unit_id, title, created_by, updated_by)
     VALUES ('visitation', '2026-11-23', $1, $2, 'test', 'test') RETURNING id`,
    [unitId, f.unique('Visitationsmøde')],
  );
  return row?.id ?? '';
}

const rows: MatrixRow[] = [
  {
    name: 'GET /api/meetings (visitation of own units; committee for report readers)',
    method: 'GET',
    path: () => '/api/meetings',
    expect: { laeser: 200, otherwise: 200 },
    check: (body, who, f) => {
      const items = (body as { items: { kind: string; unitId: string | null }[] }).items;
      const units = items.filter((m) => m.kind === 'visitation').map((m) => m.unitId);
      if (who === 'administrator' || who === 'ledelse')
        expect(units.sort()).toEqual([f.ownUnit, f.otherUnit].sort());
      else if (who === 'laeser') expect(units).toEqual([]);
      else expect(units).toEqual([f.ownUnit]);
      const committee = items.some((m) => m.kind === 'committee');
      expect(committee).toBe(who !== 'raadgiver');
    },
  },
  {
    name: 'GET /api/meetings/:id (own unit)',
    method: 'GET',
    path: (f) => `/api/meetings/${f.extra.own}`,
    expect: { laeser: 404, otherwise: 200 },
  },
  {
    name: 'GET /api/meetings/:id (other unit)',
    method: 'GET',
    path: (f) => `/api/meetings/${f.extra.other}`,
    expect: { administrator: 200, ledelse: 200, otherwise: 404 },
  },
  {
    name: 'POST /api/meetings (visitation, own unit)',
    method: 'POST',
    path: () => '/api/meetings',
    body: (f) => ({
      kind: 'visitation',
      heldOn: '2026-12-01',
      unitId: f.ownUnit,
      title: f.unique('Møde'),
    }),
    expect: { administrator: 201, funktionsleder: 201, faglig_koordinator: 201, otherwise: 403 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/meetings (committee)',
    method: 'POST',
    path: () => '/api/meetings',
    body: (f) => ({
      kind: 'committee',
      heldOn: '2026-12-08',
      materialDeadline: '2026-11-24',
      title: f.unique('Udvalg'),
    }),
    expect: { administrator: 201, okonomikonsulent: 201, otherwise: 403 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/meetings/:id/items (other unit)',
    method: 'POST',
    path: (f) => `/api/meetings/${f.extra.other}/items`,
    body: () => ({ caseRef: 'P-OTHER' }),
    expect: { administrator: 409, ledelse: 403, otherwise: 404 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/meetings/:id/items/:item/decision (own unit, decided already after the first)',
    method: 'POST',
    path: (f) => `/api/meetings/${f.extra.own}/items/${f.extra.item}/decision`,
    body: () => ({ decision: 'udsat', reason: 'Afventer', version: 1 }),
    expect: {
      administrator: 200,
      funktionsleder: 409,
      okonomikonsulent: 403,
      faglig_koordinator: 403,
      raadgiver: 403,
      ledelse: 403,
      laeser: 404,
      otherwise: 403,
    },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/signoffs (status report)',
    method: 'POST',
    path: () => '/api/signoffs',
    body: (f) => ({ objectType: 'status_report', objectId: f.extra.report, version: 1 }),
    expect: { administrator: 200, ledelse: 200, raadgiver: 404, otherwise: 403 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/signoffs/requests (status report)',
    method: 'POST',
    path: () => '/api/signoffs/requests',
    body: (f) => ({ objectType: 'status_report', objectId: f.extra.report, version: 1 }),
    expect: {
      administrator: 200,
      okonomikonsulent: 200,
      funktionsleder: 200,
      raadgiver: 404,
      otherwise: 403,
    },
    snapshot: SNAPSHOT,
  },
  {
    name: 'GET /api/notifications',
    method: 'GET',
    path: () => '/api/notifications',
    expect: { otherwise: 200 },
  },
];

describePolicyMatrix('meetings, committee and notifications', rows, async (f) => {
  f.extra.own = await visitation(f, f.ownUnit);
  f.extra.other = await visitation(f, f.otherUnit);
  await f.ctx.db.query(
    `INSERT INTO meetings (kind, held_on, title, material_deadline, created_by, updated_by)
     VALUES ('committee', '2026-12-08', 'Udvalget', '2026-11-24', 'test', 'test')`,
  );
  const [own] = await f.ctx.db.query<{ id: string }>(
    `INSERT INTO cases (ref, household_ref, unit_id, person_ref) VALUES ('P-OWN', 'H1', $1, 'P1') RETURNING id`,
    [f.ownUnit],
  );
  await f.ctx.db.query(
    `INSERT INTO cases (ref, household_ref, unit_id, person_ref) VALUES ('P-OTHER', 'H2', $1, 'P2')`,
    [f.otherUnit],
  );
  // the other unit's meeting already has P-OTHER: the administrator is told so (409)
  const [otherCase] = await f.ctx.db.query<{ id: string }>(
    `SELECT id FROM cases WHERE ref = 'P-OTHER'`,
  );
  await f.ctx.db.query(
    `INSERT INTO meeting_items (meeting_id, position, case_id, put_forward_by) VALUES ($1, 1, $2, 'test')`,
    [f.extra.other, otherCase?.id],
  );
  const [item] = await f.ctx.db.query<{ id: string }>(
    `INSERT INTO meeting_items (meeting_id, position, case_id, put_forward_by) VALUES ($1, 1, $2, 'test') RETURNING id`,
    [f.extra.own, own?.id],
  );
  f.extra.item = item?.id ?? '';
  const [report] = await f.ctx.db.query<{ id: string }>(
    `INSERT INTO status_reports (title, year, as_of, updated_by) VALUES ('Status maj', 2026, '2026-05-31', 'test') RETURNING id`,
  );
  f.extra.report = report?.id ?? '';
});

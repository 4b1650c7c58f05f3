import { expect } from 'vitest';
import { storeCase } from '../db';
import { intervention } from '../cases-support';
import { addDays, type IsoDate } from '../../src/domain/months';
import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

/** What the review endpoints may change. */
const SNAPSHOT = `
  SELECT json_build_object(
    'reviews', (SELECT json_agg(r ORDER BY r.id) FROM case_reviews r),
    'rules', (SELECT json_agg(r ORDER BY r.track) FROM review_rules r)
  )::text AS state`;

// each request holds its review a day later than the one before, so every allowed one is new
let day = 0;
const nextDay = () => addDays('2026-10-01' as IsoDate, (day += 1));

async function caseIn(f: Fixture, ref: string, unitId: string): Promise<string> {
  const interventions = [intervention({ ref: 'I1', startDate: '2026-01-05' as IsoDate })];
  return storeCase(f.ctx.db, new Date(), unitId, ref, interventions);
}

const rows: MatrixRow[] = [
  {
    name: 'GET /api/reviews/due (the units the caller reads)',
    method: 'GET',
    path: () => '/api/reviews/due?asOf=2026-11-23',
    expect: { laeser: 403, otherwise: 200 },
    check: (body, who, f) => {
      const units = (body as { items: { unit: { id: string } }[] }).items.map((i) => i.unit.id);
      if (who === 'administrator' || who === 'ledelse')
        expect(units.sort()).toEqual([f.ownUnit, f.otherUnit].sort());
      else expect(units).toEqual([f.ownUnit]);
    },
  },
  {
    name: 'GET /api/cases/:id/reviews (own unit)',
    method: 'GET',
    path: (f) => `/api/cases/${f.extra.own}/reviews`,
    expect: { laeser: 404, otherwise: 200 },
  },
  {
    name: 'GET /api/cases/:id/reviews (other unit)',
    method: 'GET',
    path: (f) => `/api/cases/${f.extra.other}/reviews`,
    expect: { administrator: 200, ledelse: 200, otherwise: 404 },
  },
  {
    name: 'POST /api/cases/:id/reviews (own unit)',
    method: 'POST',
    path: (f) => `/api/cases/${f.extra.own}/reviews`,
    body: () => ({ heldOn: nextDay(), outcome: 'fortsaet' }),
    expect: {
      administrator: 201,
      funktionsleder: 201,
      faglig_koordinator: 201,
      laeser: 404,
      otherwise: 403,
    },
    snapshot: SNAPSHOT,
  },
  {
    name: 'POST /api/cases/:id/reviews (other unit)',
    method: 'POST',
    path: (f) => `/api/cases/${f.extra.other}/reviews`,
    body: () => ({ heldOn: nextDay(), outcome: 'fortsaet' }),
    expect: { administrator: 201, ledelse: 403, otherwise: 404 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'PUT /api/cases/:id/reviews/:review/adjustment (other unit)',
    method: 'PUT',
    path: (f) => `/api/cases/${f.extra.other}/reviews/${f.extra.otherReview}/adjustment`,
    body: () => ({ adjustmentRef: null, version: 1 }),
    expect: { administrator: 200, ledelse: 403, otherwise: 404 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'GET /api/review-rules',
    method: 'GET',
    path: () => '/api/review-rules',
    expect: { laeser: 403, otherwise: 200 },
  },
  {
    name: 'PUT /api/review-rules/:track',
    method: 'PUT',
    path: () => '/api/review-rules/eftervaern',
    body: () => ({
      intervalMonths: 3,
      noticeDays: 30,
      roles: ['faglig_koordinator', 'funktionsleder'],
      version: 1,
    }),
    expect: { administrator: 200, otherwise: 403 },
    snapshot: SNAPSHOT,
  },
];

describePolicyMatrix('case reviews', rows, async (f) => {
  f.extra.own = await caseIn(f, 'R-OWN', f.ownUnit);
  f.extra.other = await caseIn(f, 'R-OTHER', f.otherUnit);
  const [review] = await f.ctx.db.query<{ id: string }>(
    `INSERT INTO case_reviews (case_id, held_on, held_by, held_by_name, held_by_role, outcome,
       track, due_on, expected_role, recorded_on)
     VALUES ($1, '2026-06-01', 'test', 'Test', 'funktionsleder', 'juster', 'standard',
       '2026-07-05', 'faglig_koordinator', '2026-06-01') RETURNING id`,
    [f.extra.other],
  );
  f.extra.otherReview = review?.id ?? '';
});

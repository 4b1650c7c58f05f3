import { describe, expect, it } from 'vitest';
import { storeCase } from '../db';
import { daily, intervention } from '../cases-support';
import type { IsoDate } from '../../src/domain/months';
import type {
  FamiliesJson,
  MovementJson,
  ReimbursementJson,
  StatementJson,
} from '../../src/shared/schemas/cases';
import { createTestApp, createUnit, createUser, TestClient } from '../app';
import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

/**
 * Case-level data (case refs, households, per-case and per-household figures) only for roles
 * that read cases; læser, who reads commitments but not cases, gets the totals.
 */

/** One household in `unitId`: a costly placement (above the refusion threshold) and, from
 * February 2026, a second measure, so it counts as a family with more than one and moves. */
async function caseIn(db: Fixture['ctx']['db'], ref: string, unitId: string): Promise<string> {
  const interventions = [
    intervention({ ref: 'I1', startDate: '2025-01-01' as IsoDate, payment: daily(4_000) }),
    intervention({
      ref: 'I2',
      decidedOn: '2026-02-01' as IsoDate,
      startDate: '2026-02-01' as IsoDate,
    }),
  ];
  return storeCase(db, new Date(), unitId, ref, interventions);
}

const seesCases = (who: string) => who !== 'laeser';

const rows: MatrixRow[] = [
  {
    name: 'GET /api/commitments/statement (own unit)',
    method: 'GET',
    path: () =>
      '/api/commitments/statement?year=2026&asOf=2026-06-30&unit=Egen%20enhed&by=category',
    expect: { otherwise: 200 },
    check: (body, who) => {
      const s = body as StatementJson;
      expect(s.expected.total).toBeGreaterThan(0);
      expect(s.caseLevel).toBe(seesCases(who));
      const refs = s.rows.flatMap((r) => r.cases.map((c) => c.ref));
      expect(refs).toEqual(seesCases(who) ? ['EGEN-1'] : []);
    },
  },
  {
    name: 'GET /api/commitments/statement (every unit the caller reads)',
    method: 'GET',
    path: () => '/api/commitments/statement?year=2026&asOf=2026-06-30&by=unit',
    expect: { otherwise: 200 },
    check: (body, who) => {
      const refs = (body as StatementJson).rows.flatMap((r) => r.cases.map((c) => c.ref)).sort();
      if (who === 'laeser') expect(refs).toEqual([]);
      else if (who === 'administrator' || who === 'ledelse')
        expect(refs).toEqual(['ANDEN-1', 'EGEN-1']);
      else expect(refs).toEqual(['EGEN-1']);
    },
  },
  {
    name: 'GET /api/commitments/families (own unit)',
    method: 'GET',
    path: () => '/api/commitments/families?date=2026-06-30&unit=Egen%20enhed',
    expect: { otherwise: 200 },
    check: (body, who) => {
      const f = body as FamiliesJson;
      expect(f.bands.reduce((n, b) => n + b.families, 0)).toBe(1);
      expect(f.caseLevel).toBe(seesCases(who));
      expect(f.bands.flatMap((b) => b.households.map((h) => h.household))).toEqual(
        seesCases(who) ? ['H-EGEN-1'] : [],
      );
    },
  },
  {
    name: 'GET /api/commitments/reimbursement (own unit)',
    method: 'GET',
    path: () => '/api/commitments/reimbursement?year=2026&asOf=2026-06-30&unit=Egen%20enhed',
    expect: { otherwise: 200 },
    check: (body, who) => {
      const r = body as ReimbursementJson;
      expect(r.expectedReimbursement).toBeGreaterThan(0);
      expect(r.caseLevel).toBe(seesCases(who));
      // a young adult's household is named with the person (efterværn)
      expect(r.households.map((h) => h.household)).toEqual(
        seesCases(who) ? ['H-EGEN-1/P-EGEN-1'] : [],
      );
    },
  },
  {
    name: 'GET /api/commitments/movement (own unit)',
    method: 'GET',
    path: () =>
      '/api/commitments/movement?year=2026&from=2026-01-31&to=2026-03-31&unit=Egen%20enhed',
    expect: { otherwise: 200 },
    check: (body, who) => {
      const m = body as MovementJson;
      expect(m.groups.new.count).toBe(1);
      expect(m.caseLevel).toBe(seesCases(who));
      expect(m.items.map((i) => i.case)).toEqual(seesCases(who) ? ['EGEN-1'] : []);
    },
  },
  {
    name: 'GET /api/commitments?case= (own unit)',
    method: 'GET',
    path: () => '/api/commitments?year=2026&asOf=2026-06-30&case=EGEN-1',
    expect: { laeser: 403, otherwise: 200 },
  },
  {
    name: 'GET /api/commitments?case= (no such case)',
    method: 'GET',
    path: () => '/api/commitments?year=2026&asOf=2026-06-30&case=FINDES-IKKE',
    expect: { laeser: 403, otherwise: 404 },
  },
  {
    name: 'GET /api/commitments?case= (other unit)',
    method: 'GET',
    path: () => '/api/commitments?year=2026&asOf=2026-06-30&case=ANDEN-1',
    expect: { administrator: 200, ledelse: 200, laeser: 403, otherwise: 404 },
  },
  {
    name: 'GET /api/commitments (totals)',
    method: 'GET',
    path: () => '/api/commitments?year=2026&asOf=2026-06-30&unit=Egen%20enhed',
    expect: { otherwise: 200 },
    check: (body, who) => {
      expect((body as { caseLevel: boolean }).caseLevel).toBe(seesCases(who));
    },
  },
  {
    name: 'GET /api/commitments/families.xlsx (one row per household)',
    method: 'GET',
    path: () => '/api/commitments/families.xlsx?date=2026-06-30&unit=Egen%20enhed',
    expect: { laeser: 403, otherwise: 200 },
  },
  {
    name: 'GET /api/commitments/reimbursement.xlsx (one row per household)',
    method: 'GET',
    path: () => '/api/commitments/reimbursement.xlsx?year=2026&asOf=2026-06-30&unit=Egen%20enhed',
    expect: { laeser: 403, otherwise: 200 },
  },
  {
    name: 'GET /api/commitments/statement.xlsx (the totals for læser)',
    method: 'GET',
    path: () => '/api/commitments/statement.xlsx?year=2026&asOf=2026-06-30&by=category',
    expect: { otherwise: 200 },
  },
];

describePolicyMatrix('case-level data in the commitment views', rows, async (f) => {
  f.extra.own = await caseIn(f.ctx.db, 'EGEN-1', f.ownUnit);
  f.extra.other = await caseIn(f.ctx.db, 'ANDEN-1', f.otherUnit);
});

describe('every read of case-level data leaves one audit row, and only such reads', () => {
  interface Read {
    actor_username: string;
    action: string;
    object_type: string;
    object_id: string | null;
    unit_id: string | null;
    after: Record<string, unknown> | null;
  }

  it('logs who read which view of which unit, once per request, nothing for the totals', async () => {
    const ctx = await createTestApp();
    try {
      const unit = await createUnit(ctx.db, 'Myndighed');
      await createUser(ctx.db, {
        username: 'okonomi',
        roles: ['okonomikonsulent'],
        unitIds: [unit],
      });
      await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unit] });
      const caseId = await caseIn(ctx.db, 'SAG-1', unit);
      // a second household, so a statement names several cases (still one row)
      await caseIn(ctx.db, 'SAG-2', unit);
      const okonomi = new TestClient(ctx);
      await okonomi.login('okonomi');
      const laeser = new TestClient(ctx);
      await laeser.login('laeser');
      const reads = () =>
        ctx.db.query<Read>(
          `SELECT actor_username, action, object_type, object_id, unit_id, after
             FROM audit_log WHERE action = 'read' ORDER BY id`,
        );

      const views: [string, string, Record<string, unknown>][] = [
        [
          '/api/commitments/statement?year=2026&asOf=2026-06-30&by=provider',
          'commitment.statement',
          { year: 2026, asOf: '2026-06-30', by: 'provider', group: null },
        ],
        [
          '/api/commitments/statement.xlsx?year=2026&asOf=2026-06-30&by=provider',
          'commitment.statement',
          { year: 2026, asOf: '2026-06-30', by: 'provider', group: null },
        ],
        [
          '/api/commitments/families?date=2026-06-30',
          'commitment.families',
          { date: '2026-06-30' },
        ],
        [
          '/api/commitments/reimbursement?year=2026&asOf=2026-06-30',
          'commitment.reimbursement',
          { year: 2026, asOf: '2026-06-30' },
        ],
        [
          '/api/commitments/movement?year=2026&from=2026-01-31&to=2026-03-31',
          'commitment.movement',
          { year: 2026, from: '2026-01-31', to: '2026-03-31' },
        ],
      ];
      for (const [path, objectType, what] of views) {
        const before = (await reads()).length;
        expect((await okonomi.get(path)).status).toBe(200);
        const after = await reads();
        expect(after.slice(before), path).toEqual([
          {
            actor_username: 'okonomi',
            action: 'read',
            object_type: objectType,
            object_id: null,
            unit_id: unit,
            after: what,
          },
        ]);
        // the same view as totals only names no case: nothing read, nothing logged
        expect((await laeser.get(path)).status).toBe(200);
        expect(await reads()).toHaveLength(after.length);
      }

      const before = (await reads()).length;
      expect(
        (await okonomi.get('/api/commitments?year=2026&asOf=2026-06-30&case=SAG-1')).status,
      ).toBe(200);
      expect((await reads()).slice(before)).toEqual([
        {
          actor_username: 'okonomi',
          action: 'read',
          object_type: 'case',
          object_id: caseId,
          unit_id: unit,
          after: { view: 'commitments', year: 2026, asOf: '2026-06-30' },
        },
      ]);
      const refused = await laeser.get('/api/commitments?year=2026&asOf=2026-06-30&case=SAG-1');
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { detail: string }).detail).toBe(
        'Tal og lister for de enkelte sager og husstande kræver adgang til sager. Du kan se de samlede tal.',
      );
      expect(await reads()).toHaveLength(before + 1);
    } finally {
      await ctx.close();
    }
  });
});

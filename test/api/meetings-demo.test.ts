import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { loadDemo } from '../../src/server/demo/load-demo';
import { createTestDatabase } from '../db';

let db: Database;
const TODAY = '2026-12-06';

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, new Date(`${TODAY}T09:00:00+01:00`));
}, 180_000);
afterAll(() => db.close());

describe('the demo’s meetings', () => {
  it('hold a year of visitation meetings with decisions, and some cases still open', async () => {
    const meetings = await db.query<{ held_on: string; items: number; open: number }>(
      `SELECT to_char(m.held_on, 'YYYY-MM-DD') AS held_on,
              (SELECT count(*)::int FROM meeting_items i WHERE i.meeting_id = m.id) AS items,
              (SELECT count(*)::int FROM meeting_items i WHERE i.meeting_id = m.id AND i.decision IS NULL) AS open
         FROM meetings m WHERE kind = 'visitation' ORDER BY held_on`,
    );
    expect(meetings.length).toBeGreaterThanOrEqual(12);
    const first = new Date(meetings[0]?.held_on ?? '');
    const last = new Date(meetings.at(-1)?.held_on ?? '');
    expect((last.getTime() - first.getTime()) / 86_400_000).toBeGreaterThan(330);
    expect(meetings.reduce((n, m) => n + m.open, 0)).toBeGreaterThan(0);
    const decisions = await db.query<{ decision: string; n: number }>(
      `SELECT decision, count(*)::int AS n FROM meeting_items WHERE decision IS NOT NULL GROUP BY decision`,
    );
    expect(decisions.map((d) => d.decision).sort()).toEqual(['bevilget', 'udsat']);
  });

  it('every bevilget item is an efterværn intervention granted on or after the meeting, with its amount', async () => {
    const wrong = await db.query(
      `SELECT i.id FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
         JOIN case_interventions ci ON ci.case_id = i.case_id AND ci.ref = i.intervention_ref
        WHERE i.decision = 'bevilget'
          AND (ci.category <> 'eftervaern' OR ci.decided_on < m.held_on
               OR (ci.payment->>'amountOre')::bigint <> i.amount_ore)`,
    );
    expect(wrong).toEqual([]);
  });

  it('the committee meets in May and November, and the status report was presented after its date, signed off', async () => {
    const months = await db.query<{ month: number }>(
      `SELECT DISTINCT extract(month FROM held_on)::int AS month FROM meetings WHERE kind = 'committee'`,
    );
    expect(months.map((m) => m.month)).toEqual(expect.arrayContaining([5, 11]));
    const presented = await db.query<{ held_on: string; as_of: string; holds: boolean }>(
      `SELECT to_char(m.held_on, 'YYYY-MM-DD') AS held_on, to_char(r.as_of, 'YYYY-MM-DD') AS as_of,
              (s.object_version = r.version AND s.status = 'signed' AND s.signed_at::date <= m.held_on) AS holds
         FROM committee_presentations p JOIN meetings m ON m.id = p.meeting_id
         JOIN status_reports r ON r.id = p.object_id JOIN signoffs s ON s.id = p.signoff_id`,
    );
    expect(presented).toHaveLength(1);
    expect(presented[0]?.holds).toBe(true);
    expect((presented[0]?.held_on ?? '') > (presented[0]?.as_of ?? '')).toBe(true);
    const future = await db.query(
      `SELECT 1 FROM committee_presentations p JOIN meetings m ON m.id = p.meeting_id WHERE m.held_on > $1`,
      [TODAY],
    );
    expect(future).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCase } from '../db';
import type { Actor } from '../../src/domain/access';
import { intervention } from '../cases-support';
import type { IsoDate } from '../../src/domain/months';
import { recordReviewsIn } from '../../src/server/services/review-service';
import { createTestApp, createUnit, createUser, type TestContext } from '../app';

const d = (s: string) => s as IsoDate;
let ctx: TestContext;
let caseId = '';
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  const unitId = await createUnit(ctx.db, 'Ungeteam');
  const otherUnit = await createUnit(ctx.db, 'Myndighed');
  const people: [string, string, Actor['roles'], string][] = [
    ['koordinator', 'Kim Koordinator', ['faglig_koordinator'], unitId],
    ['leder', 'Lone Leder', ['funktionsleder'], unitId],
    ['fremmed', 'Frida Fremmed', ['funktionsleder'], otherUnit],
  ];
  for (const [username, displayName, roles, unit] of people) {
    const userId = await createUser(ctx.db, { username, displayName, roles, unitIds: [unit] });
    actors[username] = { userId, username, displayName, roles, unitIds: [unit] };
  }
  const interventions = [
    intervention({ ref: 'I1', startDate: d('2026-03-01'), category: 'eftervaern' }),
  ];
  caseId = await storeCase(ctx.db, ctx.deps.now(), unitId, 'E-1', interventions);
});
afterAll(() => ctx.close());

const entry = (who: string, heldOn: string, recordedOn = heldOn) => ({
  actor: actors[who] as Actor,
  caseId,
  input: { heldOn: d(heldOn), outcome: 'fortsaet' as const, note: `Gennemgået af ${who}.` },
  today: d(recordedOn),
});
const code = (c: string) => ({ code: c, status: c === 'not_found' ? 404 : 422 });
const count = async (table: string, where = 'true') =>
  (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]
    ?.n;

describe('recording many reviews at once', () => {
  it('refuses the whole batch as one review would be refused, and writes nothing', async () => {
    const batches: [ReturnType<typeof entry>[], { code: string; status: number }][] = [
      // the second held before the first
      [
        [entry('koordinator', '2026-06-20'), entry('leder', '2026-06-10')],
        code('validation_failed'),
      ],
      // a funktionsleder of another unit
      [[entry('koordinator', '2026-06-20'), entry('fremmed', '2026-10-01')], code('not_found')],
      // held after the day it is recorded
      [[entry('koordinator', '2026-06-20', '2026-06-19')], code('validation_failed')],
    ];
    for (const [batch, problem] of batches)
      await expect(ctx.db.transaction((tx) => recordReviewsIn(tx, batch))).rejects.toMatchObject(
        problem,
      );
    expect(await count('case_reviews')).toBe(0);
    expect(await count('audit_log', `action = 'case.review.record'`)).toBe(0);
  });

  it('records each review against the schedule the ones before it left, audited with its own actor', async () => {
    const recorded = await ctx.db.transaction((tx) =>
      recordReviewsIn(tx, [
        entry('koordinator', '2026-06-20', '2026-06-22'),
        entry('leder', '2026-10-30'),
      ]),
    );
    expect(recorded.map((r) => [r.heldBy, r.role, r.expectedRole, r.dueOn, r.onTime])).toEqual([
      ['koordinator', 'faglig_koordinator', 'faglig_koordinator', '2026-07-01', true],
      ['leder', 'funktionsleder', 'funktionsleder', '2026-10-20', false],
    ]);
    const audit = await ctx.db.query<{ actor_username: string; after: { heldOn: string } }>(
      `SELECT actor_username, after FROM audit_log WHERE action = 'case.review.record' ORDER BY id`,
    );
    expect(audit.map((a) => [a.actor_username, a.after.heldOn])).toEqual([
      ['koordinator', '2026-06-20'],
      ['leder', '2026-10-30'],
    ]);
  });
});

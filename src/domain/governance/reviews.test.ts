import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseOf, intervention } from '../../../test/cases-support';
import { addDays, addMonths, fromDayNumber, toDayNumber, type IsoDate } from '../months';
import {
  caseSchedule,
  DEFAULT_REVIEW_RULES,
  linkProblem,
  nextReview,
  REVIEWER_ROLES,
  reviewState,
  reviewsOnTime,
  type HeldReview,
  type ReviewRule,
} from './reviews';

const d = (s: string) => s as IsoDate;
const rule = (track: 'standard' | 'eftervaern'): ReviewRule =>
  DEFAULT_REVIEW_RULES.find((r) => r.track === track) as ReviewRule;
const date = fc
  .integer({ min: toDayNumber(d('2015-01-01')), max: toDayNumber(d('2030-12-31')) })
  .map(fromDayNumber);

describe('months', () => {
  it('adds calendar months, falling on the last day of a shorter month', () => {
    expect(addMonths(d('2020-08-31'), 6)).toBe('2021-02-28');
    expect(addMonths(d('2019-08-31'), 6)).toBe('2020-02-29');
    expect(addMonths(d('2020-01-15'), 4)).toBe('2020-05-15');
    expect(addMonths(d('2020-11-30'), 3)).toBe('2021-02-28');
    expect(addMonths(d('2020-03-31'), -1)).toBe('2020-02-29');
  });
});

describe('the review schedule', () => {
  it('has every case reviewed at most six months apart, efterværn at most four', () => {
    expect(nextReview(rule('standard'), d('2020-01-10'), null)).toEqual({
      dueOn: '2020-07-10',
      role: 'faglig_koordinator',
    });
    const last: HeldReview = { heldOn: d('2020-03-02'), role: 'faglig_koordinator' };
    expect(nextReview(rule('eftervaern'), d('2019-01-01'), last)).toEqual({
      dueOn: '2020-07-02',
      role: 'funktionsleder',
    });
  });

  it('never falls due before the last review, and at least twice a year', () => {
    fc.assert(
      fc.property(
        date,
        date,
        fc.constantFrom(...REVIEWER_ROLES),
        fc.constantFrom(...DEFAULT_REVIEW_RULES),
        (anchor, heldOn, role, r) => {
          const next = nextReview(r, anchor, { heldOn, role });
          expect(next.dueOn > heldOn).toBe(true);
          expect(next.dueOn <= addMonths(heldOn, 6)).toBe(true);
        },
      ),
    );
  });

  it('alternates faglig koordinator and funktionsleder on efterværn cases', () => {
    fc.assert(
      fc.property(
        date,
        fc.array(fc.integer({ min: 1, max: 150 }), { minLength: 1, maxLength: 12 }),
        (start, gaps) => {
          let last: HeldReview | null = null;
          const roles: string[] = [];
          let day = start;
          for (const gap of gaps) {
            const next = nextReview(rule('eftervaern'), start, last);
            roles.push(next.role);
            day = addDays(day, gap);
            last = { heldOn: day, role: next.role };
          }
          roles.forEach((role, k) => {
            expect(role).toBe(k % 2 === 0 ? 'faglig_koordinator' : 'funktionsleder');
          });
        },
      ),
    );
  });

  it('holds 3 efterværn reviews a year when each is held on its due date', () => {
    let last: HeldReview | null = null;
    const held: string[] = [];
    for (let k = 0; k < 6; k += 1) {
      const next = nextReview(rule('eftervaern'), d('2020-01-01'), last);
      held.push(next.dueOn);
      last = { heldOn: next.dueOn, role: next.role };
    }
    expect(held.filter((x) => x.startsWith('2021'))).toHaveLength(3);
  });

  it('is due from 30 days before, overdue after the due date', () => {
    expect(reviewState(d('2020-06-30'), d('2020-05-30'), 30)).toBe('upcoming');
    expect(reviewState(d('2020-06-30'), d('2020-05-31'), 30)).toBe('due');
    expect(reviewState(d('2020-06-30'), d('2020-06-30'), 30)).toBe('due');
    expect(reviewState(d('2020-06-30'), d('2020-07-01'), 30)).toBe('overdue');
  });
});

describe('a case in the schedule', () => {
  const rules = DEFAULT_REVIEW_RULES;
  it('follows the efterværn rule while an efterværn measure is in force', () => {
    const c = caseOf('E1', [
      intervention({
        ref: 'I1',
        startDate: d('2019-10-01'),
        endDate: d('2020-12-31'),
        category: 'eftervaern',
      }),
    ]);
    const s = caseSchedule(c, [], rules, d('2020-05-31'));
    expect(s).toMatchObject({
      track: 'eftervaern',
      anchor: '2019-10-01',
      dueOn: '2020-02-01',
      state: 'overdue',
      role: 'faglig_koordinator',
    });
    const after = caseSchedule(
      c,
      [{ heldOn: d('2020-04-20'), role: 'faglig_koordinator' }],
      rules,
      d('2020-05-31'),
    );
    expect(after).toMatchObject({ dueOn: '2020-08-20', role: 'funktionsleder', state: 'upcoming' });
  });

  it('sees only the reviews held by the date asked about', () => {
    const c = caseOf('S1', [intervention({ ref: 'I1', startDate: d('2019-10-01') })]);
    const reviews: HeldReview[] = [{ heldOn: d('2020-06-15'), role: 'faglig_koordinator' }];
    expect(caseSchedule(c, reviews, rules, d('2020-05-31'))).toMatchObject({
      track: 'standard',
      dueOn: '2020-04-01',
      last: null,
    });
    expect(caseSchedule(c, reviews, rules, d('2020-07-01'))).toMatchObject({ dueOn: '2020-12-15' });
  });

  it('counts an adjusted measure from the start of its first intervention', () => {
    const c = caseOf('S2', [
      intervention({ ref: 'I1', startDate: d('2019-10-01') }),
      intervention({
        ref: 'I2',
        modifies: 'I1',
        decidedOn: d('2020-01-20'),
        startDate: d('2020-02-01'),
      }),
    ]);
    expect(caseSchedule(c, [], rules, d('2020-03-01'))?.anchor).toBe('2019-10-01');
  });

  it('has nothing due before reviews are registered in Overblik, and from that day runs as if the measures started then', () => {
    const from = d('2026-01-01');
    const old = caseOf('S5', [intervention({ ref: 'I1', startDate: d('2019-10-01') })]);
    // before the day: Overblik knows no reviews, so the case is not overdue (nothing is due)
    expect(caseSchedule(old, [], rules, d('2025-12-31'), from)).toBeNull();
    // from the day: the first review is due one interval after it, not after 2019
    expect(caseSchedule(old, [], rules, d('2026-03-01'), from)).toMatchObject({
      anchor: '2026-01-01',
      dueOn: '2026-07-01',
      state: 'upcoming',
    });
    expect(caseSchedule(old, [], rules, d('2026-07-02'), from)?.state).toBe('overdue');
    // a review held before the day does not count
    const before: HeldReview[] = [{ heldOn: d('2025-12-20'), role: 'faglig_koordinator' }];
    expect(caseSchedule(old, before, rules, d('2026-03-01'), from)).toMatchObject({
      last: null,
      dueOn: '2026-07-01',
    });
    // a measure starting after the day keeps its own start
    const late = caseOf('S6', [intervention({ ref: 'I1', startDate: d('2026-03-15') })]);
    expect(caseSchedule(late, [], rules, d('2026-04-01'), from)).toMatchObject({
      anchor: '2026-03-15',
      dueOn: '2026-09-15',
    });
    // without the day (null), the schedule runs from the start of the measures
    expect(caseSchedule(old, [], rules, d('2026-03-01'), null)?.anchor).toBe('2019-10-01');
  });

  it('has nothing to review without a measure in force', () => {
    const c = caseOf('S3', [
      intervention({ ref: 'I1', startDate: d('2019-01-01'), endDate: d('2019-12-31') }),
    ]);
    expect(caseSchedule(c, [], rules, d('2020-05-31'))).toBeNull();
    expect(caseSchedule(caseOf('S4', []), [], rules, d('2020-05-31'))).toBeNull();
  });
});

describe('reviews and the adjustments they led to', () => {
  const adjustment = { modifies: 'I1', endDate: null };
  const ended = { modifies: null, endDate: d('2020-06-30') };
  const running = { modifies: null, endDate: null };
  it('links juster to an adjustment and afslut to an adjustment or an ending', () => {
    expect(linkProblem('juster', adjustment)).toBeNull();
    expect(linkProblem('juster', running)).toBe('not_adjustment');
    expect(linkProblem('juster', ended)).toBe('not_adjustment');
    expect(linkProblem('afslut', ended)).toBeNull();
    expect(linkProblem('afslut', { ...running, endings: [{}] })).toBeNull();
    expect(linkProblem('fortsaet', adjustment)).toBe('not_allowed');
    expect(linkProblem('juster', undefined)).toBe('unknown');
    expect(linkProblem('fortsaet', null)).toBeNull();
  });
});

describe('reviews held on time', () => {
  it('counts overdue cases as reviews not held on time', () => {
    const held = [
      { heldOn: d('2020-03-01'), dueOn: d('2020-03-01') },
      { heldOn: d('2020-03-02'), dueOn: d('2020-03-01') },
      { heldOn: d('2020-01-01'), dueOn: d('2020-03-01') },
    ];
    expect(reviewsOnTime(held, 1)).toEqual({ held: 3, onTime: 2, overdue: 1, percent: 50 });
    expect(reviewsOnTime(held, 0).percent).toBe(67);
    expect(reviewsOnTime([], 0).percent).toBeNull();
  });
});

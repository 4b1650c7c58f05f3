import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDayNumber, type IsoDate } from '../months';
import {
  approvalEffect,
  deadlineApproaching,
  decisionProblems,
  digestDayDue,
  nthWeekday,
  signoffHolds,
  statusReportMeetings,
} from './meetings';

const weekday = (d: IsoDate) => (toDayNumber(d) + 4) % 7;

describe('the committee calendar', () => {
  it('meets in May and November with the deadline for material two weeks before', () => {
    expect(statusReportMeetings(2020)).toEqual([
      { heldOn: '2020-05-12', materialDeadline: '2020-04-28' },
      { heldOn: '2020-11-10', materialDeadline: '2020-10-27' },
    ]);
  });

  it('finds the n-th weekday of any month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (year, month, day, n) => {
          const d = nthWeekday(year, month, day, n);
          expect(weekday(d)).toBe(day);
          expect(Number(d.slice(5, 7))).toBe(month);
          expect(Math.ceil(Number(d.slice(8, 10)) / 7)).toBe(n);
        },
      ),
    );
  });

  it('reminds of a deadline from seven days before until the day itself', () => {
    expect(deadlineApproaching('2026-11-16' as IsoDate, '2026-11-24' as IsoDate)).toBe(false);
    expect(deadlineApproaching('2026-11-17' as IsoDate, '2026-11-24' as IsoDate)).toBe(true);
    expect(deadlineApproaching('2026-11-24' as IsoDate, '2026-11-24' as IsoDate)).toBe(true);
    expect(deadlineApproaching('2026-11-25' as IsoDate, '2026-11-24' as IsoDate)).toBe(false);
    expect(deadlineApproaching('2026-11-20' as IsoDate, null)).toBe(false);
  });
});

describe('decisions at a visitation meeting', () => {
  it('bevilget approves, afslået rejects, udsat leaves the approval pending', () => {
    expect(approvalEffect('bevilget')).toBe('approved');
    expect(approvalEffect('afslaaet')).toBe('rejected');
    expect(approvalEffect('udsat')).toBeNull();
  });

  it('needs a reason, and an amount only for bevilget', () => {
    expect(decisionProblems({ decision: 'bevilget', reason: 'ok', amountOre: 100 })).toEqual([]);
    expect(decisionProblems({ decision: 'bevilget', reason: '', amountOre: null })).toEqual([
      { path: 'reason', code: 'required' },
      { path: 'amount', code: 'required' },
    ]);
    expect(decisionProblems({ decision: 'udsat', reason: 'x', amountOre: 500 })).toEqual([
      { path: 'amount', code: 'only_when_granted' },
    ]);
  });
});

describe('sign-off', () => {
  it('holds only for the version signed', () => {
    expect(signoffHolds({ status: 'signed', objectVersion: 3 }, 3)).toBe(true);
    expect(signoffHolds({ status: 'signed', objectVersion: 3 }, 4)).toBe(false);
    expect(signoffHolds({ status: 'requested', objectVersion: 3 }, 3)).toBe(false);
    expect(signoffHolds(undefined, 1)).toBe(false);
  });
});

describe('the daily digest', () => {
  it('is due after the digest time in Copenhagen, summer and winter', () => {
    expect(digestDayDue(new Date('2026-11-23T05:59:00Z'), 'Europe/Copenhagen', '07:00')).toBeNull();
    expect(digestDayDue(new Date('2026-11-23T06:00:00Z'), 'Europe/Copenhagen', '07:00')).toBe(
      '2026-11-23',
    );
    expect(digestDayDue(new Date('2026-06-01T04:59:00Z'), 'Europe/Copenhagen', '07:00')).toBeNull();
    expect(digestDayDue(new Date('2026-06-01T05:00:00Z'), 'Europe/Copenhagen', '07:00')).toBe(
      '2026-06-01',
    );
    // 00:30 on the 24th in Copenhagen: the 24th's digest is not due yet
    expect(digestDayDue(new Date('2026-11-23T23:30:00Z'), 'Europe/Copenhagen', '00:15')).toBe(
      '2026-11-24',
    );
    expect(digestDayDue(new Date('2026-11-23T23:30:00Z'), 'Europe/Copenhagen', '07:00')).toBeNull();
  });
});

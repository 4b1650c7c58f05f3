import { describe, expect, it } from 'vitest';
import {
  actualsMonths,
  actualsThrough,
  bookedThroughOfLedger,
  bookedThroughOfSource,
  defaultAsOf,
  monthsToClose,
} from './booked-period';

describe('the booked period', () => {
  it('runs to the end of the latest closed month, else of the last month with postings', () => {
    expect(
      bookedThroughOfSource({
        source: 'KMD Opus',
        closedMonths: ['2026-09', '2026-10'],
        lastPostedMonth: '2026-11',
      }),
    ).toBe('2026-10-31');
    expect(
      bookedThroughOfSource({ source: 'KMD Opus', closedMonths: [], lastPostedMonth: '2024-02' }),
    ).toBe('2024-02-29');
    expect(
      bookedThroughOfSource({ source: 'KMD Opus', closedMonths: [], lastPostedMonth: null }),
    ).toBeNull();
  });

  it('is the earliest source for the whole ledger; sources without anything do not count', () => {
    expect(
      bookedThroughOfLedger([
        { source: 'A', closedMonths: ['2026-10'], lastPostedMonth: '2026-10' },
        { source: 'B', closedMonths: ['2026-08'], lastPostedMonth: '2026-10' },
        { source: 'C', closedMonths: [], lastPostedMonth: null },
      ]),
    ).toBe('2026-08-31');
    expect(bookedThroughOfLedger([])).toBeNull();
  });

  it('takes actuals through whole months booked and complete as of the date', () => {
    expect(actualsThrough('2026-11-30', '2026-10-31')).toBe('2026-10-31');
    expect(actualsThrough('2026-05-31', '2026-10-31')).toBe('2026-05-31');
    // a mid-month as-of date forecasts the rest of its month instead of losing it
    expect(actualsThrough('2026-10-15', '2026-10-31')).toBe('2026-09-30');
    expect(actualsThrough('2026-03-15', null)).toBe('2026-02-28');
    expect(actualsThrough('2027-01-20', '2026-10-31')).toBe('2026-12-31');
    expect(actualsMonths('2027-01-20', '2026-10-31')).toBe(0);
    expect(actualsMonths('2026-12-31', '2026-10-31')).toBe(10);
  });

  it('opens a year at the end of the last booked month', () => {
    expect(defaultAsOf(2026, '2026-10-31', '2026-12-06')).toBe('2026-10-31');
    expect(defaultAsOf(2025, '2026-10-31', '2026-12-06')).toBe('2025-12-31');
    expect(defaultAsOf(2027, '2026-10-31', '2026-12-06')).toBe('2027-01-31');
    // nothing booked known: the end of last month
    expect(defaultAsOf(2026, null, '2026-12-06')).toBe('2026-11-30');
    expect(defaultAsOf(2026, null, '2026-01-10')).toBe('2026-01-31');
  });

  it('closes months in order from the one after the last closed month', () => {
    expect(monthsToClose('2026-08', '2017-01', '2026-10')).toEqual(['2026-09', '2026-10']);
    expect(monthsToClose(null, '2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsToClose(null, null, '2026-10')).toEqual(['2026-10']);
    expect(monthsToClose(null, '2026-11', '2026-10')).toEqual(['2026-10']);
    expect(monthsToClose('2026-10', null, '2026-10')).toEqual([]);
  });
});

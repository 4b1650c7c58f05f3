import { describe, expect, it } from 'vitest';
import { dateAt, daysInYear, parseIsoDate, sameDateIn, type IsoDate } from './months';

describe('the calendar', () => {
  it('takes today in Copenhagen, not in UTC, in winter and in summer time', () => {
    expect(dateAt(new Date('2026-11-30T22:59:59Z'))).toBe('2026-11-30');
    expect(dateAt(new Date('2026-11-30T23:00:00Z'))).toBe('2026-12-01');
    expect(dateAt(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(dateAt(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('moves a date to another year, 29 February to 28 February', () => {
    expect(sameDateIn(2025, '2026-10-31' as IsoDate)).toBe('2025-10-31');
    expect(sameDateIn(2023, '2024-02-29' as IsoDate)).toBe('2023-02-28');
    expect(sameDateIn(2028, '2024-02-29' as IsoDate)).toBe('2028-02-28');
  });

  it('knows leap years and refuses dates that do not exist', () => {
    expect([2024, 2025, 1900, 2000].map(daysInYear)).toEqual([366, 365, 365, 366]);
    expect(parseIsoDate('2021-02-29')).toBeNull();
    expect(parseIsoDate('0000-01-01')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstDayOf,
  lastDayOf,
  yearSpan,
  addDays,
  dateAt,
  daysInYear,
  formatDanishDate,
  parseDateText,
  parseIsoDate,
  sameDateIn,
  toDayNumber,
  type IsoDate,
} from './months';

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

  it('reads a date typed the Danish way or as ISO', () => {
    for (const text of [
      '01.12.2026',
      '1.12.2026',
      '1/12-2026',
      '1-12-2026',
      '1/12/2026',
      '2026-12-01',
    ])
      expect(parseDateText(text)).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseDateText(' 29.2.2024 ')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('tells a day the calendar lacks from text that is no date', () => {
    for (const text of ['31.02.2026', '29.02.2025', '00.01.2026', '1.13.2026', '2026-02-30'])
      expect(parseDateText(text)).toEqual({ ok: false, reason: 'no-such-date' });
    for (const text of ['', '1.12.26', '12.2026', 'i morgen', '01.12.2026 12:00', '2026/12/01'])
      expect(parseDateText(text)).toEqual({ ok: false, reason: 'not-a-date' });
  });

  it('reads back every date it writes the Danish way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), (n) => {
        const date = addDays('1900-01-01' as IsoDate, n);
        expect(parseDateText(formatDanishDate(date))).toEqual({ ok: true, value: date });
      }),
    );
  });
});

describe('a year from its first to its last day', () => {
  it('runs from 1 January to 31 December, leap year or not', () => {
    expect(yearSpan(2024)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(firstDayOf(2025)).toBe('2025-01-01');
    expect(lastDayOf(2025)).toBe('2025-12-31');
    expect(toDayNumber(lastDayOf(2024)) - toDayNumber(firstDayOf(2024)) + 1).toBe(366);
  });
});

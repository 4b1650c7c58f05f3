import { describe, expect, it } from 'vitest';
import { danishDate, danishDateTime, kr, krWhole, query } from './format';

describe('Danish formats on screen', () => {
  it('writes kroner with thousands points and a decimal comma', () => {
    expect(kr(7_600_000)).toBe('7.600.000');
    expect(kr(1_234.5)).toBe('1.234,50');
    expect(kr(-300_000)).toBe('-300.000');
    expect(kr(null)).toBe('');
  });

  it('writes whole kroner for overviews, half away from zero', () => {
    expect(krWhole(2_315_368.43)).toBe('2.315.368');
    expect(krWhole(160_765.5)).toBe('160.766');
    expect(krWhole(-160_765.5)).toBe('-160.766');
    expect(krWhole(-0.4)).toBe('0');
    expect(krWhole(undefined)).toBe('');
  });

  it('writes dates as dd.mm.åååå, also from a timestamp, and times with "kl."', () => {
    expect(danishDate('2018-05-15')).toBe('15.05.2018');
    expect(danishDate('2026-11-23T10:05:00.000Z')).toBe('23.11.2026');
    expect(danishDate(null)).toBe('');
    expect(danishDateTime('2018-05-15')).toBe('15.05.2018');
    const at = new Date(2026, 10, 23, 11, 5);
    expect(danishDateTime(at.toISOString())).toBe('23.11.2026 kl. 11.05');
  });

  it('leaves empty values out of a query string', () => {
    expect(query({ year: 2026, unit: '', status: undefined, as: null, q: 'a b' })).toBe(
      'year=2026&q=a+b',
    );
  });
});

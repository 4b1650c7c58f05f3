import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ore } from '../money';
import { baselineOf, changePercent, reportMillions } from './report';

describe('baselineOf', () => {
  it.each([
    [2020, 2019, '2019-12-31'],
    [2001, 2000, '2000-12-31'],
  ])('a report for %i compares with %i as of %s', (year, base, asOf) => {
    expect(baselineOf(year)).toEqual({ year: base, asOf });
  });
});

describe('reportMillions', () => {
  it.each([
    [851_230_000, '8,5 mio. kr.'],
    [593_410_000, '5,9 mio. kr.'],
    [789_340_000, '7,9 mio. kr.'],
    [471_280_000, '4,7 mio. kr.'],
    [5_000_000, '0,1 mio. kr.'],
    [4_999_999, '0,0 mio. kr.'],
    [1_234_567_890_00, '1.234,6 mio. kr.'],
  ])('%i øre is %s', (amount, text) => {
    expect(reportMillions(amount as Ore)).toBe(text);
  });

  it('is symmetric around zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (n) => {
        expect(reportMillions(-n as Ore)).toBe(
          reportMillions(n as Ore) === '0,0 mio. kr.'
            ? '-0,0 mio. kr.'
            : `-${reportMillions(n as Ore)}`,
        );
      }),
    );
  });
});

describe('changePercent', () => {
  it.each([
    [100, 50, -50],
    [100, 150, 50],
    [300, 100, -67],
    [0, 100, null],
  ])('from %i to %i is %s %', (a, b, expected) => {
    expect(changePercent(a as Ore, b as Ore)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  wholeKronerAddingUp,
  allocateByWeights,
  formatKroner,
  formatMillions,
  kronerFromJsonNumber,
  MAX_ABS_KRONER,
  MAX_ABS_ORE,
  oreFromKroner,
  ore,
  parseKronerText,
  toKroner,
} from './money';

describe('parseKronerText', () => {
  it.each([
    ['300.000', 30_000_000],
    ['1.234,50', 123_450],
    ['1234,5', 123_450],
    ['1234.50', 123_450],
    ['7.600.000', 760_000_000],
    ['-25.000', -2_500_000],
    [' 10 000 kr.', 1_000_000],
    ['0', 0],
  ])('reads %s as %i øre', (text, expected) => {
    expect(parseKronerText(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['abc', 'not-a-number'],
    ['1,234', 'too-many-decimals'],
    ['12.34.5', 'not-a-number'],
    ['1.5,5.5', 'not-a-number'],
    ['100000000000000', 'too-large'],
    ['', 'not-a-number'],
  ])('rejects %s', (text, reason) => {
    expect(parseKronerText(text)).toEqual({ ok: false, reason });
  });
});

describe('kronerFromJsonNumber', () => {
  it('is exact for two decimals', () => {
    expect(kronerFromJsonNumber(1234.5)).toEqual({ ok: true, value: 123_450 });
    expect(kronerFromJsonNumber(0.1)).toEqual({ ok: true, value: 10 });
  });
  it('rejects three decimals, strings, NaN and 10^14', () => {
    expect(kronerFromJsonNumber(1.005)).toEqual({ ok: false, reason: 'too-many-decimals' });
    expect(kronerFromJsonNumber('5')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(kronerFromJsonNumber(Number.NaN)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(kronerFromJsonNumber(1e14)).toEqual({ ok: false, reason: 'too-large' });
  });
  it('round-trips every øre amount through kroner', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(kronerFromJsonNumber(toKroner(ore(n)))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('MAX_ABS_ORE', () => {
  it('is the largest amount in øre, the same limit as MAX_ABS_KRONER', () => {
    expect(oreFromKroner(MAX_ABS_KRONER)).toBe(MAX_ABS_ORE);
    expect(ore(-MAX_ABS_ORE)).toBe(-MAX_ABS_ORE);
    expect(() => ore(MAX_ABS_ORE + 1)).toThrow(RangeError);
  });
});

describe('oreFromKroner', () => {
  it('lands on the øre meant, binary artefacts included', () => {
    expect(oreFromKroner(0.1 + 0.2)).toBe(30);
    expect(oreFromKroner(1234.56)).toBe(123456);
    expect(oreFromKroner(-7600000)).toBe(-760000000);
  });

  it('turns back what toKroner gave, for every amount in øre', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(oreFromKroner(toKroner(ore(n)))).toBe(n);
      }),
    );
  });
});

describe('formatting', () => {
  it('formats as the reference documents', () => {
    expect(formatKroner(ore(760_000_000))).toBe('7.600.000');
    expect(formatKroner(ore(123_450))).toBe('1.234,50');
    expect(formatKroner(ore(-2_000_000))).toBe('-20.000');
    expect(formatMillions(ore(590_000_000))).toBe('5,9 mio. kr.');
  });
  it('parses what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (n) => {
        expect(parseKronerText(formatKroner(ore(n)))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('allocateByWeights', () => {
  it.each([
    // 100 øre by 1:1:1 → 34 + 33 + 33 (the tie goes to the first)
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    // 10 øre by 3:7 → 3 + 7; a weight of 0 or below gets nothing
    [10, [3, 0, 7, -5], [3, 0, 7, 0]],
    // the largest remainder wins the øre: 5 by 1:2 → 1,67 / 3,33 → 2 + 3
    [5, [1, 2], [2, 3]],
  ])('divides %i by %j as %j', (amount, weights, expected) => {
    expect(allocateByWeights(amount, weights)).toEqual(expected);
  });

  it('is exact where a double is not: amounts and weights of billions of øre', () => {
    const shares = allocateByWeights(987_654_321_01, [123_456_789_01, 876_543_210_99, 1]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(987_654_321_01);
  });

  it('property: the shares sum to the amount and each is within one øre of its exact part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 8 }),
        (amount, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const shares = allocateByWeights(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          shares.forEach((s, i) => {
            expect(Math.abs(s - (amount * (weights[i] ?? 0)) / total)).toBeLessThan(1.0001);
          });
        },
      ),
    );
  });

  it('refuses to divide by nothing', () => {
    expect(() => allocateByWeights(100, [0, -1])).toThrow(RangeError);
  });
});

describe('wholeKronerAddingUp', () => {
  it('rounds parts so they add up to the rounded total', () => {
    // 0,60 + 0,60 + 0,60 = 1,80: each rounds to 1 (3), the total to 2, so one part gives a krone
    expect(wholeKronerAddingUp([ore(60), ore(60), ore(60)], ore(180))).toEqual([0, 1, 1]);
    // a forecast row: gross 100,50 = 60,50 + 40,00; nothing to move when the parts already add up
    expect(wholeKronerAddingUp([ore(6_050), ore(4_000)], ore(10_050))).toEqual([61, 40]);
    // mixed signs: 10,40 − 0,40 = 10,00
    expect(wholeKronerAddingUp([ore(1_040), ore(-40)], ore(1_000))).toEqual([10, 0]); // the parts of a row shown as 3 kr. in a column that adds up (its own rounding is 2 kr.)
    expect(wholeKronerAddingUp([ore(120), ore(110)], ore(300))).toEqual([2, 1]);
  });

  it('always adds up, and moves no part by more than one krone from its own rounding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 12 }),
        (xs) => {
          const parts = xs.map(ore);
          const total = ore(xs.reduce((a, b) => a + b, 0));
          const shown = wholeKronerAddingUp(parts, total);
          expect(shown.reduce((a, b) => a + b, 0)).toBe(
            // whole kroner, half away from zero (and 0, not −0, for less than half a krone)
            Math.sign(total) * Math.round(Math.abs(total) / 100) || 0,
          );
          shown.forEach((k, i) => expect(Math.abs(k * 100 - (xs[i] ?? 0))).toBeLessThan(150));
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctedBudget, cumulative, spreadByProfile } from './budget';
import { normaliseTrailingMinus, parseAccountString, parsePostingDate } from './account-string';

describe('budget arithmetic', () => {
  it('corrects the original budget with transfers and corrections', () => {
    expect(
      correctedBudget({
        originalOre: 100_000_00,
        transferOre: -5_000_00,
        corrections: [{ amountOre: 20_000_00 }, { amountOre: -1_00 }],
      }),
    ).toBe(114_999_00);
  });

  it.each([
    [1200, null, Array<number>(12).fill(100)],
    [1202, null, [101, 101, ...Array<number>(10).fill(100)]],
    [-1202, null, [-101, -101, ...Array<number>(10).fill(-100)]],
    [100, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], [50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50]],
  ])('spreads %i by %j', (total, weights, expected) => {
    expect(spreadByProfile(total, weights)).toEqual(expected);
  });

  it('property: the spread adds up to the total exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
        (total, weights) => {
          expect(spreadByProfile(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
    );
  });

  it('accumulates months', () => {
    expect(cumulative([1, 2, 3])).toEqual([1, 3, 6]);
  });
});

describe('account strings, dates and amounts from ledger files', () => {
  it.each([
    ['5.28.21.002.1', { accountFunction: '5.28.21', group: '002', dranst: '1' }],
    ['528210021', { accountFunction: '5.28.21', group: '002', dranst: '1' }],
    ['52822-001-1', { accountFunction: '5.28.22', group: '001', dranst: '1' }],
    ['5.28.23', { accountFunction: '5.28.23', group: '', dranst: '' }],
    ['5.28.2X.002', null],
    ['528', null],
    ['', null],
  ])('parses %j', (text, expected) => {
    expect(parseAccountString(text)).toEqual(expected);
  });

  it.each([
    ['15.05.2018', '2018-05-15'],
    ['1-2-2020', '2020-02-01'],
    ['2020-02-29', '2020-02-29'],
    ['20190131', '2019-01-31'],
    ['29.02.2019', null],
    ['31.04.2020', null],
    ['maj 2020', null],
  ])('parses the date %j', (text, expected) => {
    expect(parsePostingDate(text)).toBe(expected);
  });

  it('moves a trailing minus to the front', () => {
    expect(normaliseTrailingMinus('1.234,50-')).toBe('-1.234,50');
    expect(normaliseTrailingMinus('12a-')).toBe('12a-');
  });
});

import { describe, expect, it } from 'vitest';
import {
  containsControlCharacter,
  containsCprNumber,
  findCprNumbers,
  looksLikeName,
  passesModulus11,
} from './personal-data';

describe('CPR numbers in text', () => {
  it.each([
    ['Emma Sofie Jensen (010203-1234)', '1903-02-01'],
    ['cpr 0102031234 i teksten', '1903-02-01'],
    ['010203 1234', '1903-02-01'],
    ['Barn født 31.12.2010, cpr 311210-4321', '2010-12-31'],
    // 29 February in a leap year of the century the seventh digit gives (4 → 2000s up to 36)
    ['290200-4000', '2000-02-29'],
    ['x:1111115000,y', '2011-11-11'],
  ])('finds %s', (text, birthDate) => {
    expect(findCprNumbers(text).map((f) => f.birthDate)).toEqual([birthDate]);
  });

  it.each([
    ['a date that does not exist', '310299-1234'],
    ['29 February in a year that was not a leap year (1900: seventh digit 0)', '290200-1234'],
    ['month 13', '011399-1234'],
    ['day 0', '000199-1234'],
    ['part of a longer number (EAN)', '5790000123456'],
    ['eleven digits', '01020312345'],
    ['nine digits', '010203123'],
    ['an account string', '5.28.21.002.1'],
    ['a money amount', '1.234.567,89'],
    ['a case reference', 'S-000160-4'],
    ['a date and a year', '01-02-2003 1234'],
  ])('does not take %s for one', (_, text) => {
    expect(containsCprNumber(text)).toBe(false);
  });

  it('refuses numbers that fail modulus 11 too (issued since 2007), and says which pass', () => {
    // 070761-4285 passes modulus 11; 010203-1234 does not
    expect(passesModulus11('0707614285')).toBe(true);
    expect(passesModulus11('0102031234')).toBe(false);
    expect(findCprNumbers('070761-4285 og 010203-1234')).toEqual([
      { index: 0, birthDate: '1961-07-07', passesModulus11: true },
      { index: 15, birthDate: '1903-02-01', passesModulus11: false },
    ]);
  });
});

describe('names where a reference is expected', () => {
  it.each(['Emma Sofie Jensen', 'Ole Hansen', 'sag for Anne-Marie Østergaard', 'Søren Ærø'])(
    '%s looks like a name',
    (text) => expect(looksLikeName(text)).toBe(true),
  );
  it.each(['S-1001', 'P-17', 'H-4', 'EH-195', 'Sag 17', 'Familie', 'BL §46', 'ABC DEF'])(
    '%s does not',
    (text) => expect(looksLikeName(text)).toBe(false),
  );
});

describe('control characters', () => {
  it('finds NUL and the like, not tab or line breaks', () => {
    expect(containsControlCharacter('a\u0000b')).toBe(true);
    expect(containsControlCharacter('a\u001Bb')).toBe(true);
    expect(containsControlCharacter('linje 1\r\nlinje 2\tog æøå')).toBe(false);
  });
});

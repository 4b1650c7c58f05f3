import { describe, expect, it } from 'vitest';
import da from '../../../shared/i18n/da/common.json';
import {
  amountForApi,
  amountProblem,
  dateProblem,
  dateText,
  dateValue,
  tidyAmount,
  type TextProblem,
} from './field-text';

/** The Danish message a user reads for a problem (the translation file's text, filled in). */
function message(problem: TextProblem | null): string | null {
  if (!problem) return null;
  const text = (da.validation as Record<string, string>)[problem.key];
  if (text === undefined) throw new Error(`no Danish text for validation.${problem.key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => problem.values?.[k] ?? '');
}

describe('a date field', () => {
  it('holds the ISO date of what is typed the Danish way, and shows it back the Danish way', () => {
    for (const typed of ['01.12.2026', '1.12.2026', '1/12-2026', '2026-12-01']) {
      expect(dateValue(typed)).toBe('2026-12-01');
      expect(dateText(dateValue(typed))).toBe('01.12.2026');
      expect(dateProblem(typed)).toBeNull();
    }
    expect(dateValue('  ')).toBe('');
    expect(dateText('')).toBe('');
  });

  it('keeps text that is no date as typed, and says why in Danish', () => {
    expect(dateValue('31.02.2026')).toBe('31.02.2026');
    expect(dateText('31.02.2026')).toBe('31.02.2026');
    expect(message(dateProblem('31.02.2026'))).toBe('31.02.2026 er ikke en dato, der findes.');
    expect(message(dateProblem('1. december'))).toBe('Skriv datoen som dd.mm.åååå, fx 01.12.2026.');
    expect(dateProblem('')).toBeNull();
  });
});

describe('an amount field', () => {
  it('sends kroner typed the Danish way as the exact JSON number of kroner', () => {
    expect(amountForApi('4.694,50')).toBe(4694.5);
    expect(amountForApi('1.750.000')).toBe(1_750_000);
    expect(amountForApi('0,10')).toBe(0.1);
    expect(amountForApi('-300.000')).toBe(-300_000);
    expect(amountForApi('12 500,00 kr.')).toBe(12_500);
  });

  it('sends text that is no amount as typed, for the API to refuse, and says why in Danish', () => {
    expect(amountForApi('12,345')).toBe('12,345');
    expect(message(amountProblem('12,345'))).toBe('Må højst have to decimaler.');
    expect(message(amountProblem('tolv'))).toBe('Skal være et tal.');
    expect(message(amountProblem('99999999999999999'))).toBe(
      'Beløbet er for stort (højst 10.000.000.000.000 kr.).',
    );
    expect(amountProblem('')).toBeNull();
  });

  it('writes a typed amount the Danish way when the field is left', () => {
    expect(tidyAmount('4694,5')).toBe('4.694,50');
    expect(tidyAmount('1750000')).toBe('1.750.000');
    expect(tidyAmount('tolv')).toBe('tolv');
  });
});

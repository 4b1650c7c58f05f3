import { formatKroner, parseKronerText, toKroner } from '../../../domain/money';
import { formatDanishDate, parseDateText, parseIsoDate } from '../../../domain/months';

/** What is wrong with a field's text: a key under `validation.` with its values. */
export interface TextProblem {
  key: string;
  values?: Record<string, string>;
}

/** `01.12.2026` for an ISO date; other text (typed, not yet a date) as it is. */
export function dateText(value: string): string {
  const date = parseIsoDate(value);
  return date ? formatDanishDate(date) : value;
}

/**
 * What a date field holds for typed text: the ISO date when the text is one (see
 * `parseDateText`), '' for nothing, else the text as typed (so that nothing is saved from it).
 */
export function dateValue(text: string): string {
  if (text.trim() === '') return '';
  const date = parseDateText(text);
  return date.ok ? date.value : text;
}

/** Why the typed text is no date, or null when it is one (or empty). */
export function dateProblem(text: string): TextProblem | null {
  if (text.trim() === '') return null;
  const date = parseDateText(text);
  if (date.ok) return null;
  return date.reason === 'no-such-date'
    ? { key: 'no_such_date', values: { text: text.trim() } }
    : { key: 'not_a_date' };
}

/** Why the typed kroner are no amount (`parseKronerText`), or null when they are (or empty). */
export function amountProblem(text: string): TextProblem | null {
  if (text.trim() === '') return null;
  const amount = parseKronerText(text);
  return amount.ok ? null : { key: amount.reason.replaceAll('-', '_') };
}

/**
 * Kroner typed the Danish way (`4.694,50`) as the API's JSON number of kroner, exact to the øre
 * (through `parseKronerText`); text that is no amount is sent as typed, for the API to refuse.
 */
export function amountForApi(text: string): number | string {
  const amount = parseKronerText(text);
  return amount.ok ? toKroner(amount.value) : text;
}

/** Typed kroner written the Danish way (`4694,5` → `4.694,50`); text that is no amount as it is. */
export function tidyAmount(text: string): string {
  const amount = parseKronerText(text);
  return amount.ok ? formatKroner(amount.value) : text;
}

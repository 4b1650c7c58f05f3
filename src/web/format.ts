import { formatKroner, oreFromKroner, roundToWholeKroner } from '../domain/money';
import { dateAt, formatDanishDate, parseIsoDate } from '../domain/months';

/** Kroner from the API (≤ 2 decimals) in Danish format: `7.600.000`; '' for none. */
export function kr(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatKroner(oreFromKroner(value));
}

/** Whole kroner (a number), half away from zero, of an amount the API sends in kroner. */
export function wholeKroner(kroner: number): number {
  return roundToWholeKroner(oreFromKroner(kroner));
}

/**
 * Kroner from the API in whole kroner, half away from zero, for overviews: `2.315.368`; '' for
 * none. (Detail shows øre with `kr`; parts shown beside a total are rounded to add up to it with
 * `wholeKronerAddingUp` from the money module.)
 */
export function krWhole(value: number | null | undefined): string {
  return value === null || value === undefined
    ? ''
    : formatKroner(oreFromKroner(wholeKroner(value)));
}

/** `15.05.2018` from an ISO date or the date part of a timestamp; '' for none. */
export function danishDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = parseIsoDate(value.slice(0, 10));
  return date ? formatDanishDate(date) : value;
}

/** `23.11.2026 kl. 11.05` for a timestamp (in the browser's time zone); a date as `danishDate`. */
export function danishDateTime(value: string | null | undefined): string {
  if (!value || value.length <= 10) return danishDate(value);
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} kl. ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}

/** Today in Copenhagen as `YYYY-MM-DD` (the browser's clock). */
export function today(): string {
  return dateAt(new Date());
}

/** A query string, leaving out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

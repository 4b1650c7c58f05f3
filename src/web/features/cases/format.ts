import { formatKroner, ore } from '../../../domain/money';
import { formatDanishDate, parseIsoDate } from '../../../domain/months';

/** Kroner from the API (≤ 2 decimals) in Danish format: `7.600.000`. */
export function kr(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatKroner(ore(Math.round(value * 100)));
}

/** `15.05.2018`. */
export function danishDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = parseIsoDate(value);
  return d ? formatDanishDate(d) : value;
}

/** Today's date in Copenhagen as `YYYY-MM-DD` (the browser's clock; statements default to it). */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

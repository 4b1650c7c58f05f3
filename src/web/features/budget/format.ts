import { formatKroner, ore } from '../../../domain/money';
import { daysInMonth, formatDanishDate, parseIsoDate } from '../../../domain/months';

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

/** Today in Copenhagen as `YYYY-MM-DD` (the browser's clock). */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

/** The last follow-up date before today: the end of the previous month (within `year`). */
export function defaultAsOf(year: number): string {
  const t = today();
  const y = Number(t.slice(0, 4));
  const m = Number(t.slice(5, 7));
  if (year < y) return `${year}-12-31`;
  if (year > y || m === 1) return `${year}-01-31`;
  const prev = m - 1;
  return `${year}-${String(prev).padStart(2, '0')}-${String(daysInMonth(year, prev)).padStart(2, '0')}`;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

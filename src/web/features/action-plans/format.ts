import { formatKroner, ore } from '../../../domain/money';
import { formatDanishDate, parseIsoDate } from '../../../domain/months';

/** Kroner from the API (≤ 2 decimals) in Danish format: `7.600.000`; '' for null. */
export function kr(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatKroner(ore(Math.round(value * 100)));
}

/** `15.05.2018` for a date, `23.11.2026 kl. 11.05` for a timestamp. */
export function danishDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = parseIsoDate(value.slice(0, 10));
  if (value.length === 10) return date ? formatDanishDate(date) : value;
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} kl. ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}

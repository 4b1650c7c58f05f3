/** Months are `'YYYY-MM'` strings and dates `'YYYY-MM-DD'` strings; both sort as text. */
export type Month = string & { readonly __brand: 'Month' };
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The municipality's time zone. Every local day the product speaks of (today, a decision's day,
 * the day of an audit row) is the day in Copenhagen; SQL uses the same name.
 */
export const TIME_ZONE = 'Europe/Copenhagen';

const LOCAL_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE });

/** The date in Copenhagen at an instant: 23.30 UTC on 1 March is already 2 March there. */
export function dateAt(instant: Date): IsoDate {
  return LOCAL_DATE.format(instant) as IsoDate;
}

/** A real calendar date in `YYYY-MM-DD`, or null (`2019-02-29` is not). */
export function parseIsoDate(text: string): IsoDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // year 0 does not exist (1 BC is followed by AD 1), and PostgreSQL refuses it
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return text as IsoDate;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 365 or 366. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** 1 January of a year. */
export function firstDayOf(year: number): IsoDate {
  return `${String(year).padStart(4, '0')}-01-01` as IsoDate;
}

/** 31 December of a year. */
export function lastDayOf(year: number): IsoDate {
  return `${String(year).padStart(4, '0')}-12-31` as IsoDate;
}

/** A year from its first to its last day. */
export function yearSpan(year: number): { from: IsoDate; to: IsoDate } {
  return { from: firstDayOf(year), to: lastDayOf(year) };
}

/** The same day and month in another year (29 February becomes 28 February). */
export function sameDateIn(year: number, date: IsoDate): IsoDate {
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(year).padStart(4, '0')}-${md}` as IsoDate;
}

/** Days in a month, `month` 1–12. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7) as Month;
}

export function monthsOfYear(year: number): Month[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}` as Month);
}

/** Index 0–11 of a date's month within its year. */
export function monthIndex(date: IsoDate): number {
  return Number(date.slice(5, 7)) - 1;
}

/** Days since 1970-01-01 (UTC calendar arithmetic, no time zone involved). */
export function toDayNumber(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The same day `months` calendar months later (earlier when negative); a day beyond the
 * target month's length falls on its last day (31 August + 6 months = 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
}

/** Danish short date as in the reference documents: `15.05.2018`. */
export function formatDanishDate(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

export type DateTextResult =
  { ok: true; value: IsoDate } | { ok: false; reason: 'not-a-date' | 'no-such-date' };

const DANISH_DATE = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/;
const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * A date typed by a person: Danish day first (`01.12.2026`, `1.12.2026`, `1/12-2026`,
 * `1-12-2026`) or ISO (`2026-12-01`), always with a four-digit year. `not-a-date` when the text
 * has no such shape, `no-such-date` when it names a day the calendar lacks (`31.02.2026`).
 */
export function parseDateText(text: string): DateTextResult {
  const t = text.trim();
  const dk = DANISH_DATE.exec(t);
  const iso = dk ? null : ISO_LIKE.exec(t);
  if (!dk && !iso) return { ok: false, reason: 'not-a-date' };
  const [y, m, d] = dk ? [dk[3], dk[2], dk[1]] : [iso?.[1], iso?.[2], iso?.[3]];
  const date = parseIsoDate(`${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`);
  return date ? { ok: true, value: date } : { ok: false, reason: 'no-such-date' };
}

/** The months' Danish names, January first, for texts the product writes (`31. maj 2020`). */
export const DANISH_MONTH_NAMES: readonly string[] = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

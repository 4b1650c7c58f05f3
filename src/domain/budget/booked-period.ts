import { daysInMonth } from '../months';

/**
 * The booked period (bogført periode) of the ledger: through which date its postings are
 * complete. Postings for a month keep arriving for some days after it ends, so a month counts
 * as booked only when the finance partner has closed it ("Luk måned"); a ledger source where no
 * month has been closed yet counts as booked through the end of its last month with postings
 * (an import is then taken as the financial system's complete export). Dates are `YYYY-MM-DD`,
 * months `YYYY-MM`; all of them compare as text.
 */

/** The last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function endOfMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** The end of the month before the one `date` (`YYYY-MM-DD`) lies in. */
export function endOfPreviousMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? `${y - 1}-12-31` : endOfMonth(`${y}-${String(m - 1).padStart(2, '0')}`);
}

/** Whether `date` is the last day of its month. */
export function isEndOfMonth(date: string): boolean {
  return endOfMonth(date.slice(0, 7)) === date;
}

/** What is known of one ledger source: its closed months and the months its postings cover. */
export interface SourcePeriod {
  source: string;
  closedMonths: readonly string[];
  /** The latest month with postings (done imports), or null when it has none. */
  lastPostedMonth: string | null;
}

/**
 * Booked through for one source: the end of its latest closed month; with no month closed,
 * the end of its last month with postings; null when it has neither.
 */
export function bookedThroughOfSource(p: SourcePeriod): string | null {
  const lastClosed = [...p.closedMonths].sort().at(-1);
  if (lastClosed) return endOfMonth(lastClosed);
  return p.lastPostedMonth ? endOfMonth(p.lastPostedMonth) : null;
}

/**
 * Booked through for the whole ledger: the earliest of the sources' booked-through dates (the
 * figures are complete only where every source is); sources that have neither postings nor a
 * closed month do not count. Null when no source counts.
 */
export function bookedThroughOfLedger(sources: readonly SourcePeriod[]): string | null {
  const dates = sources
    .map(bookedThroughOfSource)
    .filter((d): d is string => d !== null)
    .sort();
  return dates[0] ?? null;
}

/**
 * Through which date a forecast as of `asOf` takes actual spending: the end of the latest
 * month that is complete both as of `asOf` and in the ledger (`bookedThrough`; null = no limit
 * known). A month counts whole or not at all, so a mid-month as-of date forecasts the rest of
 * that month instead of losing it. Returns the end of the previous year when no month of
 * `asOf`'s year qualifies.
 */
export function actualsThrough(asOf: string, bookedThrough: string | null): string {
  const limit = bookedThrough !== null && bookedThrough < asOf ? bookedThrough : asOf;
  const through = isEndOfMonth(limit) ? limit : endOfPreviousMonth(limit);
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  return through < yearStart ? `${Number(asOf.slice(0, 4)) - 1}-12-31` : through;
}

/**
 * The months 0–12 of `asOf`'s year with actual spending in a forecast (see `actualsThrough`):
 * 0 when none, 12 when the whole year is booked.
 */
export function actualsMonths(asOf: string, bookedThrough: string | null): number {
  const through = actualsThrough(asOf, bookedThrough);
  return through.slice(0, 4) === asOf.slice(0, 4) ? Number(through.slice(5, 7)) : 0;
}

/**
 * The year the front page and the budget screens open at: the booked period's, or today's
 * (`YYYY-MM-DD`) while nothing is booked.
 */
export function openingYear(bookedThrough: string | null, today: string): number {
  return Number((bookedThrough ?? today).slice(0, 4));
}

/**
 * The as-of date a screen opens a year at (budget follow-up, dashboard, trigger, reports): the
 * end of the last booked month. A year before the booked one opens at its end; a year after it
 * (nothing booked yet) at the end of January. With no booked period known, the end of the month
 * before `today` (`YYYY-MM-DD`), bounded the same way. Booked-through dates are month ends.
 */
export function defaultAsOf(year: number, bookedThrough: string | null, today: string): string {
  const ref = bookedThrough ?? endOfPreviousMonth(today);
  const refYear = Number(ref.slice(0, 4));
  if (year < refYear) return `${year}-12-31`;
  if (year > refYear) return `${year}-01-31`;
  return ref;
}

/** Whether `month` is `YYYY-MM` with a real month. */
export function isMonth(month: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The month after `month` (`YYYY-MM`). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The months "Luk måned til og med `through`" closes for a source: from the month after its
 * latest closed month (with none closed: from its first month with postings, or `through`
 * itself) through `through`, in order. Empty when `through` is already closed. Months are
 * closed in order, so the booked period has no gaps.
 */
export function monthsToClose(
  latestClosed: string | null,
  firstPostedMonth: string | null,
  through: string,
): string[] {
  let from = latestClosed ? nextMonth(latestClosed) : (firstPostedMonth ?? through);
  if (from > through) from = latestClosed ? from : through;
  const months: string[] = [];
  for (let m = from; m <= through; m = nextMonth(m)) months.push(m);
  return months;
}

import { defaultAsOf as defaultAsOfIn } from '../domain/budget/booked-period';
import { today } from './format';
import { useApi } from './use-api';
import type { BookedPeriod } from '../shared/schemas/ledger';

/**
 * The booked period for a screen that opens at the default as-of date; `ready` once it is
 * known (or could not be read: then the default falls back to the end of last month).
 */
export function useBookedPeriod(): {
  bookedThrough: string | null;
  ready: boolean;
  /** the booked period was read (a user without budget or forecast rights cannot) */
  known: boolean;
} {
  const { data, error } = useApi<BookedPeriod>('/ledger/booked-period');
  return {
    bookedThrough: data?.bookedThrough ?? null,
    ready: data !== undefined || !!error,
    known: data !== undefined,
  };
}

/** The as-of date a year opens at: the end of the last booked month (see the domain's `defaultAsOf`). */
export function defaultAsOf(year: number, bookedThrough: string | null): string {
  return defaultAsOfIn(year, bookedThrough, today());
}

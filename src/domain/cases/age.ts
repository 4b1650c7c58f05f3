import type { IsoDate } from '../months';
import { dayOf, type DayNumber } from './payments';
import type { AgeBand } from './types';

/**
 * The day a person born on `birthDate` turns `years` old. Someone born on 29 February turns a
 * year older on 1 March in years without that day.
 */
export function birthdayDay(birthDate: IsoDate, years: number): DayNumber {
  const y = Number(birthDate.slice(0, 4)) + years;
  const m = Number(birthDate.slice(5, 7));
  const d = Number(birthDate.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Age bands by age on the day: 0–12, 13–17, 18–22 (efterværn age), 23+; unknown without a birth date. */
export function ageBandFinder(birthDate: IsoDate | null): (day: DayNumber) => AgeBand {
  if (birthDate === null) return () => 'ukendt';
  const b13 = birthdayDay(birthDate, 13);
  const b18 = birthdayDay(birthDate, 18);
  const b23 = birthdayDay(birthDate, 23);
  return (day) => (day < b13 ? '0-12' : day < b18 ? '13-17' : day < b23 ? '18-22' : '23+');
}

/** The age band on one date. */
export function ageBandOn(birthDate: IsoDate | null, date: IsoDate): AgeBand {
  return ageBandFinder(birthDate)(dayOf(date));
}

import { ore, type Ore } from '../money';
import { daysInMonth, fromDayNumber, toDayNumber, type IsoDate } from '../months';
import type { PaymentPlan, Rate } from './types';

/** Days between payments of the running frequencies counted from the start date. */
const STEP_DAYS = { daily: 1, weekly: 7, biweekly: 14 } as const;

/** One calendar day as a number (days since 1970-01-01); all payment arithmetic uses these. */
export type DayNumber = number;

const dayCache = new Map<string, DayNumber>();
/** Day number of a date, cached (statements convert the same dates many times). */
export function dayOf(date: IsoDate): DayNumber {
  let d = dayCache.get(date);
  if (d === undefined) {
    d = toDayNumber(date);
    if (dayCache.size > 200_000) dayCache.clear();
    dayCache.set(date, d);
  }
  return d;
}

/** The monthly payment day of a month: `dayOfMonth`, or the month's last day when it is shorter. */
export function monthlyPaymentDay(year: number, month: number, dayOfMonth: number): DayNumber {
  const day = Math.min(dayOfMonth, daysInMonth(year, month));
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/**
 * Rule 1: every payment date of a plan that lies within [from, to] (day numbers, inclusive).
 * daily/weekly/biweekly count from the start date; monthly falls on `dayOfMonth` (clamped to
 * the month's last day), first on or after the start date; running plans stop at the end date
 * inclusive. A pro rata monthly plan pays once for every month from its start's to its end's,
 * on `dayOfMonth` moved into the days it covers in that month (the start date or the end date
 * in a part month when `dayOfMonth` falls outside them). A one-time payment falls on its date (default the start date) and individual
 * payments on theirs, whatever the start and end dates say. One entry per payment.
 */
export function paymentDays(
  plan: PaymentPlan,
  startDate: IsoDate,
  endDate: IsoDate | null,
  from: DayNumber,
  to: DayNumber,
): DayNumber[] {
  const out: DayNumber[] = [];
  if (plan.type === 'one-time') {
    const d = dayOf(plan.date ?? startDate);
    if (d >= from && d <= to) out.push(d);
    return out;
  }
  if (plan.type === 'individual') {
    for (const p of plan.payments ?? []) {
      const d = dayOf(p.date);
      if (d >= from && d <= to) out.push(d);
    }
    return out;
  }
  const start = dayOf(startDate);
  const last = Math.min(to, endDate === null ? Number.POSITIVE_INFINITY : dayOf(endDate));
  const lo = Math.max(from, start);
  if (lo > last) return out;
  const frequency = plan.frequency ?? 'monthly';
  if (frequency === 'monthly' && plan.proRata) {
    // one payment for each month the plan covers, on dayOfMonth moved into the covered days
    const first = dayOf(startDate);
    const s = fromDayNumber(first);
    let y = Number(s.slice(0, 4));
    let m = Number(s.slice(5, 7));
    const end = endDate === null ? Number.POSITIVE_INFINITY : dayOf(endDate);
    for (;;) {
      const monthStart = Math.round(Date.UTC(y, m - 1, 1) / 86_400_000);
      if (monthStart > last) break;
      const monthEnd = monthStart + daysInMonth(y, m) - 1;
      const coverFrom = Math.max(first, monthStart);
      const coverTo = Math.min(end, monthEnd);
      const d = Math.min(
        Math.max(monthlyPaymentDay(y, m, plan.dayOfMonth ?? 1), coverFrom),
        coverTo,
      );
      if (d >= lo && d <= last) out.push(d);
      m += 1;
      if (m === 13) {
        m = 1;
        y += 1;
      }
    }
    return out;
  }
  if (frequency === 'monthly') {
    const dom = plan.dayOfMonth ?? 1;
    const s = fromDayNumber(lo);
    let y = Number(s.slice(0, 4));
    let m = Number(s.slice(5, 7));
    for (;;) {
      const d = monthlyPaymentDay(y, m, dom);
      if (d > last) break;
      if (d >= lo) out.push(d);
      m += 1;
      if (m === 13) {
        m = 1;
        y += 1;
      }
    }
    return out;
  }
  const step = STEP_DAYS[frequency];
  let d = start + Math.ceil((lo - start) / step) * step;
  for (; d <= last; d += step) out.push(d);
  return out;
}

/** The first payment date of a plan (its whole life), or null when it yields no payment. */
export function firstPaymentDay(
  plan: PaymentPlan,
  startDate: IsoDate,
  endDate: IsoDate | null,
): DayNumber | null {
  if (plan.type === 'individual') {
    let min: number | null = null;
    for (const p of plan.payments ?? []) {
      const d = dayOf(p.date);
      if (min === null || d < min) min = d;
    }
    return min;
  }
  if (plan.type === 'one-time') return dayOf(plan.date ?? startDate);
  const start = dayOf(startDate);
  // A monthly payment falls at most one month after the start; 62 days covers every case.
  return paymentDays(plan, startDate, endDate, start, start + 62)[0] ?? null;
}

/** The last payment date of a plan, or null when it runs until further notice (or never pays). */
export function lastPaymentDay(
  plan: PaymentPlan,
  startDate: IsoDate,
  endDate: IsoDate | null,
): DayNumber | null {
  if (plan.type === 'one-time') return dayOf(plan.date ?? startDate);
  if (plan.type === 'individual') {
    let max: number | null = null;
    for (const p of plan.payments ?? []) {
      const d = dayOf(p.date);
      if (max === null || d > max) max = d;
    }
    return max;
  }
  if (endDate === null) return null;
  const end = dayOf(endDate);
  const days = paymentDays(plan, startDate, endDate, Math.max(dayOf(startDate), end - 62), end);
  return days[days.length - 1] ?? null;
}

/**
 * units × rate in øre, rounded half away from zero to whole øre. Units have at most two
 * decimals, so the product is computed exactly in hundredths of øre before rounding.
 */
export function unitsTimesRate(units: number, rateOre: number): Ore {
  const hundredths = BigInt(Math.round(units * 100)) * BigInt(rateOre);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const rounded = (abs + 50n) / 100n;
  return ore(Number(negative ? -rounded : rounded));
}

/**
 * A pro rata share of a monthly amount: amount × covered / days in the month, rounded half away
 * from zero to whole øre (computed exactly with integers).
 */
export function proRataAmount(amountOre: number, covered: number, monthLength: number): Ore {
  if (covered >= monthLength) return ore(amountOre);
  const n = BigInt(amountOre) * BigInt(covered) * 2n;
  const dd = BigInt(monthLength) * 2n;
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const rounded = (abs + BigInt(monthLength)) / dd;
  return ore(Number(negative ? -rounded : rounded));
}

/**
 * The days of a payment's month that a pro rata monthly plan covers (from its start to its end,
 * within the month) and the month's length; a payment of a plan that is not pro rata covers the
 * whole month.
 */
export function coveredDays(
  plan: PaymentPlan,
  startDate: IsoDate,
  endDate: IsoDate | null,
  day: DayNumber,
): { covered: number; length: number } {
  const date = fromDayNumber(day);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const length = daysInMonth(y, m);
  if (!(plan.type === 'running' && plan.frequency === 'monthly' && plan.proRata))
    return { covered: length, length };
  const monthStart = day - Number(date.slice(8, 10)) + 1;
  const from = Math.max(dayOf(startDate), monthStart);
  const to = Math.min(
    endDate === null ? Number.POSITIVE_INFINITY : dayOf(endDate),
    monthStart + length - 1,
  );
  return { covered: Math.max(0, to - from + 1), length };
}

/** Finds the amount of a rate in force on a day ([from, to) periods), or null when none is. */
export function rateOn(rate: Rate | undefined, day: DayNumber): Ore | null {
  if (!rate) return null;
  for (const p of rate.periods) {
    if ((p.from === null || day >= dayOf(p.from)) && (p.to === null || day < dayOf(p.to)))
      return p.amountOre;
  }
  return null;
}

/**
 * The amount of one payment on a day: the fixed amount, or units × the rate in force on that
 * day. No rate in force gives null (the caller counts 0 and reports an issue).
 */
export function paymentAmount(
  plan: PaymentPlan,
  day: DayNumber,
  rates: ReadonlyMap<string, Rate>,
): Ore | null {
  if (plan.amountOre !== undefined && plan.amountOre !== null) return plan.amountOre;
  const rateAmount = rateOn(rates.get(plan.rate ?? ''), day);
  if (rateAmount === null) return null;
  return unitsTimesRate(plan.units ?? 0, rateAmount);
}

/** Every payment of a plan within [from, to]: day and amount (individual payments carry their own). */
export function paymentsBetween(
  plan: PaymentPlan,
  startDate: IsoDate,
  endDate: IsoDate | null,
  from: DayNumber,
  to: DayNumber,
  rates: ReadonlyMap<string, Rate>,
): { day: DayNumber; amountOre: Ore | null }[] {
  if (plan.type === 'individual') {
    return (plan.payments ?? [])
      .map((p) => ({ day: dayOf(p.date), amountOre: p.amountOre }))
      .filter((p) => p.day >= from && p.day <= to);
  }
  return paymentDays(plan, startDate, endDate, from, to).map((day) => {
    const amount = paymentAmount(plan, day, rates);
    if (amount === null || !plan.proRata) return { day, amountOre: amount };
    const { covered, length } = coveredDays(plan, startDate, endDate, day);
    return { day, amountOre: proRataAmount(amount, covered, length) };
  });
}

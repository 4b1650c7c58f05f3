import { ore, sumOre, type Ore } from '../money';

/**
 * "Fordel resten jævnt": spreads what is missing for the months to add up to `target` over
 * the months from `fromMonth` (0–11) to December. Months before `fromMonth` are kept; months
 * from it on are replaced by an even share of `target` minus the kept months. The share is in
 * whole kroner when the rest is whole kroner (otherwise in øre); the remainder is given one
 * unit at a time to the last months, so the result adds up to `target` exactly.
 */
export function spreadRemainder(months: readonly Ore[], target: Ore, fromMonth: number): Ore[] {
  const from = Math.min(Math.max(Math.trunc(fromMonth), 0), months.length - 1);
  const kept = months.slice(0, from);
  const count = months.length - from;
  const rest = target - sumOre(kept);
  const unit = rest % 100 === 0 ? 100 : 1;
  const units = rest / unit;
  const sign = units < 0 ? -1 : 1;
  const base = Math.trunc(Math.abs(units) / count);
  const extra = Math.abs(units) - base * count;
  const spread = Array.from({ length: count }, (_, i) =>
    ore(sign * (base + (i >= count - extra ? 1 : 0)) * unit),
  );
  return [...kept, ...spread];
}

/**
 * The first month (0–11) to spread the rest over: the month after the last month that holds a
 * non-zero amount, or `fallback` (e.g. the current month) when that lies later; December at most.
 */
export function firstOpenMonth(months: readonly Ore[], fallback = 0): number {
  let last = -1;
  months.forEach((m, i) => {
    if (m !== 0) last = i;
  });
  return Math.min(Math.max(last + 1, fallback), months.length - 1);
}

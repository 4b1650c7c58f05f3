import { ore, type Ore } from '../money';

/** A budget line's parts, all in øre. */
export interface BudgetAmounts {
  originalOre: number;
  transferOre: number;
  corrections: readonly { amountOre: number }[];
}

/** Corrected budget (korrigeret budget) = original + transfer from last year + every correction; exact øre. */
export function correctedBudget(line: BudgetAmounts): Ore {
  let sum = line.originalOre + line.transferOre;
  for (const c of line.corrections) sum += c.amountOre;
  return ore(sum);
}

/**
 * Spreads a yearly amount over twelve months by integer weights (an even profile when
 * `weights` is null or sums to 0). Largest-remainder rounding to whole øre, so the months
 * always add up to exactly `total`; ties go to the earlier month.
 */
export function spreadByProfile(total: number, weights: readonly number[] | null): Ore[] {
  const w =
    weights && weights.length === 12 && weights.some((x) => x > 0)
      ? weights.map((x) => Math.max(0, x))
      : Array.from({ length: 12 }, () => 1);
  const weightSum = w.reduce((a, b) => a + b, 0);
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = w.map((x) => (abs * x) / weightSum);
  const floors = exact.map((x) => Math.floor(x));
  let rest = abs - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    rest -= 1;
  }
  return floors.map((x) => ore(sign * x));
}

/** Running totals of twelve monthly amounts (month 1 … month 12), exact øre. */
export function cumulative(months: readonly number[]): Ore[] {
  let sum = 0;
  return months.map((m) => ore((sum += m)));
}

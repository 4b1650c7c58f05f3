import { allocateByWeights, ore, type Ore } from '../money';

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
  const even = !(weights && weights.length === 12 && weights.some((x) => x > 0));
  return allocateByWeights(total, even ? new Array<number>(12).fill(1) : weights);
}

/** Running totals of twelve monthly amounts (month 1 … month 12), exact øre. */
export function cumulative(months: readonly number[]): Ore[] {
  let sum = 0;
  return months.map((m) => ore((sum += m)));
}

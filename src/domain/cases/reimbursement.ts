import { allocateByWeights, ore, type Ore } from '../money';
import { firstDayOf, type IsoDate } from '../months';
import { computeYear } from './commitments';
import type { CaseSet } from './engine';
import { dayOf } from './payments';
import type { Rate } from './types';

/** One dated set of yearly thresholds for reimbursement of very expensive cases, in øre. */
export interface ReimbursementThresholds {
  validFrom: IsoDate;
  /** 25 % of the part of the cost above this */
  t25Ore: Ore;
  /** 50 % of the part above this */
  t50Ore: Ore;
  /** 75 % of the part above this */
  t75Ore: Ore;
  source: string;
}

/** The thresholds in force on 1 January of `year` (the latest valid from on or before it), or null. */
export function thresholdsForYear(
  all: readonly ReimbursementThresholds[],
  year: number,
): ReimbursementThresholds | null {
  const day = dayOf(firstDayOf(year));
  let best: ReimbursementThresholds | null = null;
  for (const t of all) {
    if (dayOf(t.validFrom) <= day && (best === null || t.validFrom > best.validFrom)) best = t;
  }
  return best;
}

/**
 * Spreads an amount evenly over 12 months, exactly: each month gets the floor of 1/12 and the
 * first months one øre more until the remainder is used, so the months sum to the amount.
 */
export function spreadOverYear(amount: number): Ore[] {
  const base = Math.floor(amount / 12);
  const rest = amount - base * 12;
  return Array.from({ length: 12 }, (_, i) => ore(base + (i < rest ? 1 : 0)));
}

/**
 * The reimbursement of one month's net cost (øre): 25 % of the part above 1/12 of the first
 * threshold up to 1/12 of the second, 50 % from there to 1/12 of the third, 75 % above that.
 * Computed in twelfths of øre so 1/12 of a threshold is exact, rounded once per month half
 * away from zero to whole øre.
 */
export function monthlyReimbursement(costOre: number, t: ReimbursementThresholds): Ore {
  const c12 = costOre * 12;
  const part = (lo: number, hi: number) => Math.max(0, Math.min(c12, hi) - lo);
  const n =
    25 * part(t.t25Ore, t.t50Ore) + 50 * part(t.t50Ore, t.t75Ore) + 75 * part(t.t75Ore, Infinity);
  // n is in 1/1200 øre
  return ore(Math.floor((n + 600) / 1200));
}

export interface ReimbursementGroup {
  /** household ref: children in a household, and 18–22-year-olds in aftercare in it, add up */
  household: string;
  caseRefs: string[];
  /** all payments ≥ 0 of the year (before income), øre */
  grossOre: Ore;
  /** all payments of the year, income (negative amounts) deducted */
  netOre: Ore;
  /** net cost per month, one-off payments spread evenly over the 12 months */
  netByMonth: Ore[];
  reimbursementByMonth: Ore[];
  reimbursementOre: Ore;
  /** above the first threshold in at least one month */
  isAboveFirstThreshold: boolean;
  /** the group's cost of the year by the unit and account function it is booked on */
  shares: ReimbursementShare[];
}

/** A household's cost of the year on one unit and account function, øre. */
export interface ReimbursementShare {
  unit: string;
  accountFunction: string;
  /** all payments of the year on it, income deducted */
  netOre: Ore;
  /** its payments ≥ 0 */
  grossOre: Ore;
}

/**
 * Reimbursement (refusion) of very expensive cases for a year, as committed by `asOf` (the
 * expected cost, rule 5). Costs of a household's persons under 18, and of 18–22-year-olds in
 * aftercare, are added together as one case; other costs of a person of 18 or more are their
 * own case (keyed `household/person`). Income and corrections (negative payments) are deducted
 * first; one-time and individual payments are spread evenly over the year.
 */
export function reimbursementForYear(
  cases: CaseSet,
  rates: ReadonlyMap<string, Rate>,
  thresholds: ReimbursementThresholds,
  params: { year: number; asOf: IsoDate | null },
  isAftercare: (category: string) => boolean = (c) => c === 'eftervaern',
): ReimbursementGroup[] {
  const year = computeYear(cases, rates, params);
  const groups = new Map<
    string,
    {
      running: number[];
      oneOff: number;
      gross: number;
      net: number;
      cases: Set<string>;
      shares: Map<string, { unit: string; accountFunction: string; net: number; gross: number }>;
    }
  >();
  for (const item of year.interventions) {
    const oneOff = item.intervention.payment.type !== 'running';
    for (const cell of item.cells) {
      if (cell.expectedOre === 0) continue;
      const together =
        cell.band === '0-12' ||
        cell.band === '13-17' ||
        cell.band === 'ukendt' ||
        (cell.band === '18-22' && isAftercare(item.intervention.category));
      const key = together ? item.household : `${item.household}/${item.personRef}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          running: new Array<number>(12).fill(0),
          oneOff: 0,
          gross: 0,
          net: 0,
          cases: new Set(),
          shares: new Map(),
        };
        groups.set(key, g);
      }
      g.cases.add(item.caseRef);
      g.net += cell.expectedOre;
      if (cell.expectedOre > 0) g.gross += cell.expectedOre;
      const fn = item.intervention.accountFunction;
      const shareKey = `${item.unit}|${fn}`;
      let share = g.shares.get(shareKey);
      if (!share) {
        share = { unit: item.unit, accountFunction: fn, net: 0, gross: 0 };
        g.shares.set(shareKey, share);
      }
      share.net += cell.expectedOre;
      if (cell.expectedOre > 0) share.gross += cell.expectedOre;
      if (oneOff) g.oneOff += cell.expectedOre;
      else g.running[cell.month - 1] = (g.running[cell.month - 1] ?? 0) + cell.expectedOre;
    }
  }
  const out: ReimbursementGroup[] = [];
  for (const [household, g] of groups) {
    const spread = spreadOverYear(g.oneOff);
    const netByMonth = g.running.map((v, i) => ore(v + (spread[i] ?? 0)));
    const reimbursementByMonth = netByMonth.map((v) => monthlyReimbursement(v, thresholds));
    out.push({
      household,
      caseRefs: [...g.cases].sort(),
      grossOre: ore(g.gross),
      netOre: ore(g.net),
      netByMonth,
      reimbursementByMonth,
      reimbursementOre: ore(reimbursementByMonth.reduce((s, v) => s + v, 0)),
      isAboveFirstThreshold: netByMonth.some((v) => v * 12 > thresholds.t25Ore),
      shares: [...g.shares.values()]
        .map((x) => ({
          unit: x.unit,
          accountFunction: x.accountFunction,
          netOre: ore(x.net),
          grossOre: ore(x.gross),
        }))
        .sort((a, b) =>
          a.unit === b.unit
            ? a.accountFunction < b.accountFunction
              ? -1
              : a.accountFunction > b.accountFunction
                ? 1
                : 0
            : a.unit < b.unit
              ? -1
              : 1,
        ),
    });
  }
  return out.sort((a, b) => b.netOre - a.netOre);
}

/**
 * Divides `amount` among shares by their cost: by the net cost (income deducted) where it is
 * positive, or — when no share has a positive net cost — by the gross cost. Exact øre by
 * largest remainder; all zero when neither gives a positive weight.
 */
function byCost<T extends { netOre: number; grossOre: number }>(
  amount: number,
  shares: T[],
): Ore[] {
  if (amount === 0) return shares.map(() => ore(0));
  if (shares.some((s) => s.netOre > 0))
    return allocateByWeights(
      amount,
      shares.map((s) => s.netOre),
    );
  if (shares.some((s) => s.grossOre > 0))
    return allocateByWeights(
      amount,
      shares.map((s) => s.grossOre),
    );
  return shares.map(() => ore(0));
}

/** A household's reimbursement allocated to one unit and account function, øre. */
export interface AllocatedReimbursement {
  unit: string;
  accountFunction: string;
  reimbursementOre: Ore;
}

/**
 * Allocates each household's reimbursement (computed across all units, as the law has it) to
 * the units its cost is booked on, by each unit's share of the household's cost of the year
 * (net of income; gross when no unit has a positive net cost), and within a unit to its
 * account functions by their share of the unit's part the same way. Largest remainder to whole
 * øre at both steps, so a household's parts sum exactly to its reimbursement and a unit's
 * functions exactly to the unit's part. Summed over the households, one row per unit and
 * function with a reimbursement other than 0, sorted by unit and function.
 */
export function allocateReimbursement(
  groups: readonly ReimbursementGroup[],
): AllocatedReimbursement[] {
  const out = new Map<string, AllocatedReimbursement>();
  for (const g of groups) {
    if (g.reimbursementOre === 0) continue;
    const units = new Map<string, ReimbursementShare[]>();
    for (const s of g.shares) units.set(s.unit, [...(units.get(s.unit) ?? []), s]);
    const unitList = [...units.entries()].map(([unit, shares]) => ({
      unit,
      shares,
      netOre: shares.reduce((a, s) => a + s.netOre, 0),
      grossOre: shares.reduce((a, s) => a + s.grossOre, 0),
    }));
    const unitParts = byCost(g.reimbursementOre, unitList);
    unitList.forEach((u, i) => {
      const fnParts = byCost(unitParts[i] ?? 0, u.shares);
      u.shares.forEach((s, j) => {
        const part = fnParts[j] ?? 0;
        if (part === 0) return;
        const key = `${s.unit}|${s.accountFunction}`;
        const row = out.get(key) ?? {
          unit: s.unit,
          accountFunction: s.accountFunction,
          reimbursementOre: ore(0),
        };
        row.reimbursementOre = ore(row.reimbursementOre + part);
        out.set(key, row);
      });
    });
  }
  return [...out.values()]
    .filter((r) => r.reimbursementOre !== 0)
    .sort((a, b) =>
      a.unit === b.unit
        ? a.accountFunction < b.accountFunction
          ? -1
          : 1
        : a.unit < b.unit
          ? -1
          : 1,
    );
}

/**
 * The thresholds named in the law, at 2020 and 2022 level. The 2020-level amounts with the 75 %
 * tier came with L 197 (2019-20), in force from 1 January 2021; before it § 176 had two tiers.
 */
export const DEFAULT_REIMBURSEMENT_THRESHOLDS: ReimbursementThresholds[] = [
  {
    validFrom: '2021-01-01' as IsoDate,
    t25Ore: ore(83_000_000),
    t50Ore: ore(163_000_000),
    t75Ore: ore(205_000_000),
    source:
      'Serviceloven §176 som ændret ved L 197 (2019-20), i kraft 1.1.2021, 2020-niveau (830.000 / 1.630.000 / 2.050.000 kr.)',
  },
  {
    validFrom: '2022-01-01' as IsoDate,
    t25Ore: ore(86_000_000),
    t50Ore: ore(168_000_000),
    t75Ore: ore(212_000_000),
    source:
      'Serviceloven §176 / Barnets lov §198, bek. nr. 1485 af 6.12.2023 §3, 2022-niveau (860.000 / 1.680.000 / 2.120.000 kr.)',
  },
];

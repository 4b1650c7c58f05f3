import { committedByKey } from '../cases/commitments';
import type { CaseRecord, Rate } from '../cases/types';
import { ore, type Ore } from '../money';
import type { IsoDate } from '../months';
import { actsOnIncludes, type ActsOn } from './acts-on';
import { MONTHS_IN_PLAN, type ActionPlan, type PlanArea } from './plan';

/**
 * The months of the plan year (0–11) whose effect can be measured between the plan's start and
 * an as-of date: from the start date's month (January when the plan started before the year)
 * to the as-of date's month (December when it lies after the year). Empty when the as-of date
 * lies before the start or the range misses the year.
 */
export function measuredMonths(year: number, startedOn: IsoDate, asOf: IsoDate): number[] {
  if (asOf < startedOn) return [];
  const index = (date: IsoDate, before: number, after: number) => {
    const y = Number(date.slice(0, 4));
    return y < year ? before : y > year ? after : Number(date.slice(5, 7)) - 1;
  };
  const from = index(startedOn, 0, MONTHS_IN_PLAN);
  const to = index(asOf, -1, MONTHS_IN_PLAN - 1);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** One area's measurement; amounts in øre, months January–December. */
export interface AreaMeasurement {
  number: number;
  actsOn: ActsOn;
  /** Committed cost (expected, disponering) of the area's scope as of the plan's start. */
  baseline: Ore[];
  /** Committed cost of the same scope as of the as-of date. */
  committed: Ore[];
  /** baseline − committed in the measured months (a saving is positive); null outside them. */
  effect: (Ore | null)[];
}

/**
 * Measured realised effect of the areas that name what they act on. The scope of an area is the
 * plan's unit ∩ what it acts on. Its baseline is the committed cost per month of the plan year
 * as of the plan's start date (the facts decided by then, as the commitment statement counts
 * them); the committed cost as of `asOf` is measured the same way; the effect of a month is
 * baseline − committed, counted only in `measuredMonths` (a decision after `asOf` is not seen,
 * one before the start is in both). The plan's sign: a saving is positive. Exact øre.
 * Areas without `actsOn` are left out.
 */
export function measureAreas(
  cases: readonly CaseRecord[],
  rates: ReadonlyMap<string, Rate>,
  params: {
    year: number;
    unitId: string;
    startedOn: IsoDate;
    asOf: IsoDate;
    areas: readonly Pick<PlanArea, 'number' | 'actsOn'>[];
  },
): AreaMeasurement[] {
  const areas = params.areas.flatMap((a) =>
    a.actsOn ? [{ number: a.number, actsOn: a.actsOn }] : [],
  );
  if (areas.length === 0) return [];
  // One key per intervention: which of the areas it falls in (each area is measured on its own,
  // so overlapping areas each see the interventions they name).
  const [atStart, atAsOf] = committedByKey(
    cases.filter((c) => c.unit === params.unitId),
    rates,
    [
      { year: params.year, asOf: params.startedOn },
      { year: params.year, asOf: params.asOf },
    ],
    (record, intervention) => {
      const subject = {
        unit: record.unit,
        category: intervention.category,
        external: intervention.provider.external,
        accountFunction: intervention.accountFunction,
      };
      return areas
        .map((a) => (actsOnIncludes(a.actsOn, params.unitId, subject) ? '1' : '0'))
        .join('');
    },
  );
  const months = new Set(measuredMonths(params.year, params.startedOn, params.asOf));
  return areas.map((area, k) => {
    const sum = (keyed: typeof atStart) => {
      const out = new Array<number>(MONTHS_IN_PLAN).fill(0);
      for (const [key, row] of keyed ?? []) {
        if (key[k] !== '1') continue;
        row.expected.forEach((v, m) => (out[m] = (out[m] ?? 0) + v));
      }
      return out.map((v) => ore(v));
    };
    const baseline = sum(atStart);
    const committed = sum(atAsOf);
    return {
      number: area.number,
      actsOn: area.actsOn,
      baseline,
      committed,
      effect: baseline.map((b, m) => (months.has(m) ? ore(b - (committed[m] ?? 0)) : null)),
    };
  });
}

/**
 * The plan with each measured area's realised effect per month = the measured effect plus the
 * manual addition recorded for it (what the data cannot show); null only where both are null.
 * Areas without a measurement keep their manual figures. What `computeRealisation` then sums.
 */
export function withMeasuredEffect(
  plan: ActionPlan,
  measurements: readonly AreaMeasurement[],
): ActionPlan {
  const byNumber = new Map(measurements.map((m) => [m.number, m]));
  return {
    ...plan,
    areas: plan.areas.map((area) => {
      const measured = byNumber.get(area.number);
      if (!measured) return area;
      return {
        ...area,
        realisedEffect: measured.effect.map((e, m) => {
          const manual = area.realisedEffect[m] ?? null;
          if (e === null) return manual;
          return manual === null ? e : ore(e + manual);
        }),
      };
    }),
  };
}

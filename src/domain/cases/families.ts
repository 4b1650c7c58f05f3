import { daysInYear, type IsoDate } from '../months';
import { ageBandFinder, birthdayDay } from './age';
import { analyseCase, expectedCutoff } from './analysis';
import { compileCases, viewCase, type CaseSet, type CompiledIntervention } from './engine';
import { dayOf, lastPaymentDay } from './payments';
import type {
  AgeBand,
  CaseRecord,
  CostCase,
  CostIntervention,
  Intervention,
  PaymentPlan,
} from './types';

/**
 * An income line: a plan that only brings money in, such as forældrebetaling (parental payment
 * during a placement). Its fixed amount is negative, or its units are (rates are prices), or its
 * individual payments are all ≤ 0 with at least one < 0. It is booked on the case, but it is not
 * a measure.
 */
export function isIncomeLine(p: PaymentPlan): boolean {
  if (p.type === 'individual') {
    const list = p.payments ?? [];
    return list.some((x) => x.amountOre < 0) && list.every((x) => x.amountOre <= 0);
  }
  if (p.amountOre !== undefined && p.amountOre !== null) return p.amountOre < 0;
  return (p.units ?? 0) < 0;
}

/**
 * Is the intervention a measure (foranstaltning) when counting measures: drafts, follow-on costs
 * (følgeudgifter) and income lines (`isIncomeLine`) are not.
 */
export function isMeasure(i: Pick<CostIntervention, 'status' | 'followOn' | 'payment'>): boolean {
  return i.status !== 'draft' && !i.followOn && !isIncomeLine(i.payment);
}

/**
 * The days (inclusive interval) on which an intervention is a measure in force as the
 * disponering sees it, or null when it never is (`isMeasure`).
 */
export function activeInterval(i: Intervention, cutoff: number | null): [number, number] | null {
  if (!isMeasure(i)) return null;
  const start = dayOf(i.startDate);
  let end =
    i.payment.type === 'running'
      ? i.endDate === null
        ? Number.POSITIVE_INFINITY
        : dayOf(i.endDate)
      : (lastPaymentDay(i.payment, i.startDate, i.endDate) ?? start);
  if (cutoff !== null) end = Math.min(end, cutoff - 1);
  return end >= start ? [start, end] : null;
}

/** `activeInterval` of a compiled intervention (its day numbers computed once). */
function compiledActiveInterval(
  ci: CompiledIntervention<CostIntervention>,
  cutoff: number | null,
): [number, number] | null {
  const i = ci.intervention;
  if (ci.withdrawn || !isMeasure(i)) return null;
  const start = ci.start;
  let end = i.payment.type === 'running' ? ci.end : (ci.last() ?? start);
  if (cutoff !== null) end = Math.min(end, cutoff - 1);
  return end >= start ? [start, end] : null;
}

function isActiveOn(i: Intervention, day: number, cutoff: number | null): boolean {
  const interval = activeInterval(i, cutoff);
  return interval !== null && day >= interval[0] && day <= interval[1];
}

/**
 * The measures of a case in force on `date`, as decided by that date (`isMeasure`, withdrawn
 * ones and the replaced part of an adjusted one left out), with the ref of the adjustment chain
 * (measure) each belongs to.
 */
export function measuresInForce(
  record: CaseRecord,
  date: IsoDate,
): { intervention: Intervention; rootRef: string }[] {
  const day = dayOf(date);
  const analysis = analyseCase(record, date);
  return analysis.visible
    .filter(
      (i) => !analysis.withdrawn.has(i.ref) && isActiveOn(i, day, expectedCutoff(i, analysis)),
    )
    .map((i) => ({ intervention: i, rootRef: analysis.root.get(i.ref) ?? i.ref }));
}

export interface FamilyCount {
  band: AgeBand;
  /** households whose persons in this band have more than one measure in force */
  families: number;
  /** the measures of those households in this band */
  interventions: number;
  /** interventions / families, two decimals (0 when there are no such families) */
  perFamily: number;
  households: { household: string; interventions: number; caseRefs: string[] }[];
}

/**
 * Families (households) with more than one measure in force on `date`, per age band of
 * the person on that date, as decided by that date. A measure is an adjustment chain (an
 * adjustment replaces what it modifies, it is not a second measure); drafts, follow-on costs
 * (følgeudgifter) and income lines (forældrebetaling) are not measures (`isMeasure`). One-time
 * and individual plans are in force from their start to their last payment.
 */
export function familiesWithSeveral(cases: readonly CaseRecord[], date: IsoDate): FamilyCount[] {
  const day = dayOf(date);
  const perBand = new Map<AgeBand, Map<string, { chains: Set<string>; cases: Set<string> }>>();
  for (const record of cases) {
    const band = ageBandFinder(record.person.birthDate)(day);
    for (const { rootRef } of measuresInForce(record, date)) {
      let households = perBand.get(band);
      if (!households) {
        households = new Map();
        perBand.set(band, households);
      }
      let h = households.get(record.household);
      if (!h) {
        h = { chains: new Set(), cases: new Set() };
        households.set(record.household, h);
      }
      h.chains.add(`${record.ref}\u0000${rootRef}`);
      h.cases.add(record.ref);
    }
  }
  const out: FamilyCount[] = [];
  for (const [band, households] of perBand) {
    const several = [...households.entries()]
      .filter(([, h]) => h.chains.size > 1)
      .map(([household, h]) => ({
        household,
        interventions: h.chains.size,
        caseRefs: [...h.cases].sort(),
      }))
      .sort((a, b) => (a.household < b.household ? -1 : 1));
    const interventions = several.reduce((s, h) => s + h.interventions, 0);
    out.push({
      band,
      families: several.length,
      interventions,
      perFamily: several.length ? Math.round((interventions / several.length) * 100) / 100 : 0,
      households: several,
    });
  }
  return out.sort((a, b) => (a.band < b.band ? -1 : 1));
}

/**
 * Full-year persons (helårspersoner) in a year as decided by `asOf`: for each person, the days
 * on which at least one measure is in force, divided by the days of the year; per age band of
 * the person on each day. Two decimals.
 */
export function fullYearPersons(
  cases: CaseSet<CostCase>,
  params: { year: number; asOf: IsoDate | null },
): { total: number; byBand: Partial<Record<AgeBand, number>> } {
  const first = Math.round(Date.UTC(params.year, 0, 1) / 86_400_000);
  const length = daysInYear(params.year);
  const lastDay = first + length - 1;
  const limit = params.asOf === null ? Number.POSITIVE_INFINITY : dayOf(params.asOf);
  const persons = new Map<string, PersonDays>();
  for (const c of compileCases(cases).cases) {
    const record = c.record;
    const view = viewCase(c, limit, false);
    let p = persons.get(record.person.ref);
    if (!p) {
      p = { birthDate: record.person.birthDate, intervals: [] };
      persons.set(record.person.ref, p);
    }
    for (let n = 0; n < view.visible.length; n += 1) {
      const ci = view.visible[n];
      if (!ci) continue;
      const interval = compiledActiveInterval(ci, view.cutoffs[n] ?? null);
      if (!interval) continue;
      const lo = Math.max(interval[0], first);
      const hi = Math.min(interval[1], lastDay);
      if (lo <= hi) p.intervals.push([lo, hi]);
    }
  }
  return personYears(persons, length);
}

/** A person's days with a measure in force in the year, as day-number intervals. */
export interface PersonDays {
  birthDate: IsoDate | null;
  intervals: [number, number][];
}

/**
 * Full-year persons from each person's intervals in force (already within the year): the days
 * covered by at least one interval, per age band on each day, divided by `yearLength`.
 */
export function personYears(
  persons: ReadonlyMap<string, PersonDays>,
  yearLength: number,
): { total: number; byBand: Partial<Record<AgeBand, number>> } {
  const byBandDays = new Map<AgeBand, number>();
  let total = 0;
  for (const p of persons.values()) {
    if (p.intervals.length === 0) continue;
    p.intervals.sort((a, b) => a[0] - b[0]);
    // band boundaries within the year: the birthdays that change the band
    const cuts =
      p.birthDate === null
        ? []
        : [13, 18, 23].map((years) => birthdayDay(p.birthDate as IsoDate, years));
    const band = ageBandFinder(p.birthDate);
    let [curLo, curHi] = p.intervals[0] ?? [0, -1];
    const flush = (lo: number, hi: number) => {
      let start = lo;
      for (const cut of [...cuts.filter((c) => c > lo && c <= hi), hi + 1]) {
        const days = cut - start;
        if (days > 0) {
          const b = band(start);
          byBandDays.set(b, (byBandDays.get(b) ?? 0) + days);
          total += days;
        }
        start = cut;
      }
    };
    for (const [lo, hi] of p.intervals.slice(1)) {
      if (lo <= curHi + 1) curHi = Math.max(curHi, hi);
      else {
        flush(curLo, curHi);
        [curLo, curHi] = [lo, hi];
      }
    }
    flush(curLo, curHi);
  }
  const round = (days: number) => Math.round((days / yearLength) * 100) / 100;
  const byBand: Partial<Record<AgeBand, number>> = {};
  for (const [b, days] of byBandDays) byBand[b] = round(days);
  return { total: round(total), byBand };
}

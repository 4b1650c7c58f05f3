import { ore, type Ore } from '../money';
import { toDayNumber, type IsoDate } from '../months';
import { hasHistory, interventionAsOf, lastFactDay } from './history';
import {
  coveredDays,
  firstPaymentDay,
  lastPaymentDay,
  paymentDays,
  proRataAmount,
  unitsTimesRate,
  type DayNumber,
} from './payments';
import {
  AGE_BANDS,
  type AgeBand,
  type CaseRecord,
  type CostCase,
  type CostIntervention,
  type Rate,
} from './types';

/**
 * The arithmetic core of the commitment statements, and the one analysis of adjustment chains
 * (`viewCase`; `analysis.ts` reads it for one record). The payment rules are those of
 * `payments.ts` (one payment at a time); this module gives the same øre without visiting every
 * payment: a case's dates are turned into day numbers once (`compileCases`), and a running
 * plan's payments in a stretch of days where the month, the person's age band, whether the
 * payment counts in the expected cost and the rate in force are all the same are counted by
 * arithmetic and multiplied by their common amount. `engine.test.ts` checks it against the
 * payment-by-payment rules (`test/cases-support.ts`) on generated cases.
 */

const BANDS = AGE_BANDS.length;
/** Index of the 'ukendt' band (no birth date). */
const UNKNOWN_BAND = AGE_BANDS.indexOf('ukendt');

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; day beyond the month rolls over). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Day number of a `YYYY-MM-DD` date without building a Date (same result as `toDayNumber`). */
export function fastDayNumber(date: IsoDate): DayNumber {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
    const m = digit(date, 5) * 10 + digit(date, 6);
    const d = digit(date, 8) * 10 + digit(date, 9);
    if (y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 0 && d <= 99)
      return daysFromCivil(y, m, d);
  }
  return toDayNumber(date);
}

/** Day numbers of the first day of each month of a year, and of the next year's 1 January. */
export function monthStartDays(year: number): DayNumber[] {
  const out: number[] = [];
  for (let m = 1; m <= 12; m += 1) out.push(daysFromCivil(year, m, 1));
  out.push(daysFromCivil(year + 1, 1, 1));
  return out;
}

const STATUS = { draft: 0, expected: 1, granted: 2 } as const;

/** One intervention with its dates as day numbers. */
export class CompiledIntervention<I extends CostIntervention = CostIntervention> {
  readonly decided: number;
  /** 0 draft, 1 expected, 2 granted */
  readonly status: number;
  readonly start: number;
  /** the end date, +∞ until further notice */
  readonly end: number;
  /** running plans: days between payments, 0 for monthly; -1 = not a running plan */
  readonly step: number;
  readonly dayOfMonth: number;
  /** the fixed amount of a payment, or null for units × rate */
  readonly fixed: number | null;
  /** one-time: its day; individual: the days of its payments */
  readonly days: number[];
  /** individual: the amounts of its payments */
  readonly amounts: (number | null)[];
  /** true when the plan is one this module does not take apart (computed payment by payment) */
  readonly irregular: boolean;
  private firstDay: DayNumber | null | undefined;
  private lastDay: DayNumber | null | undefined;

  /**
   * `intervention` as decided by some day (`interventionAsOf`); `withdrawn`: replaced from its
   * start by a granted adjustment, so it pays nothing (but still belongs to its chain)
   */
  constructor(
    readonly intervention: I,
    readonly withdrawn = false,
  ) {
    const i = intervention;
    const p = i.payment;
    this.decided = fastDayNumber(i.decidedOn);
    this.status = STATUS[i.status] ?? 0;
    this.start = fastDayNumber(i.startDate);
    this.end = i.endDate === null ? Number.POSITIVE_INFINITY : fastDayNumber(i.endDate);
    this.fixed = p.amountOre !== undefined && p.amountOre !== null ? p.amountOre : null;
    this.days = [];
    this.amounts = [];
    this.dayOfMonth = 1;
    this.step = -1;
    let irregular = false;
    if (p.type === 'one-time') {
      this.days.push(fastDayNumber(p.date ?? i.startDate));
    } else if (p.type === 'individual') {
      for (const x of p.payments ?? []) {
        this.days.push(fastDayNumber(x.date));
        this.amounts.push(x.amountOre);
      }
    } else {
      const frequency = p.frequency ?? 'monthly';
      this.step =
        frequency === 'daily' ? 1 : frequency === 'weekly' ? 7 : frequency === 'biweekly' ? 14 : 0;
      this.dayOfMonth = p.dayOfMonth ?? 1;
      if (frequency !== 'monthly' && this.step === 0) irregular = true;
      if (this.step === 0 && !(Number.isInteger(this.dayOfMonth) && this.dayOfMonth >= 1))
        irregular = true;
    }
    if (this.fixed === null && p.type !== 'individual' && !Number.isFinite(p.units ?? 0))
      irregular = true;
    this.irregular = irregular;
    if (this.status === STATUS.draft || withdrawn) {
      this.paysFrom = Number.POSITIVE_INFINITY;
      this.paysTo = Number.NEGATIVE_INFINITY;
    } else if (p.type === 'running') {
      this.paysFrom = this.start;
      this.paysTo = this.end;
    } else {
      this.paysFrom = Math.min(...this.days);
      this.paysTo = Math.max(...this.days);
    }
  }

  /** Every payment falls on a day in [paysFrom, paysTo] (none for drafts and withdrawn: +∞, −∞). */
  readonly paysFrom: number;
  readonly paysTo: number;

  /** Can a payment fall within the days [from, to]? (false means certainly not) */
  paysWithin(from: number, to: number): boolean {
    return this.paysFrom <= to && this.paysTo >= from;
  }

  /** `firstPaymentDay` of the plan (computed once). */
  first(): DayNumber | null {
    if (this.firstDay === undefined) {
      const i = this.intervention;
      this.firstDay = firstPaymentDay(i.payment, i.startDate, i.endDate);
    }
    return this.firstDay;
  }

  /** `lastPaymentDay` of the plan (computed once). */
  last(): DayNumber | null {
    if (this.lastDay === undefined) {
      const i = this.intervention;
      this.lastDay = lastPaymentDay(i.payment, i.startDate, i.endDate);
    }
    return this.lastDay;
  }
}

/** One case with its dates as day numbers. */
export class CompiledCase<R extends CostCase = CostCase> {
  readonly items: CompiledIntervention<R['interventions'][number]>[];
  /** does any intervention adjust another (else every chain is a single intervention) */
  readonly hasAdjustments: boolean;
  /** the days the person turns 13, 18 and 23; null without a birth date */
  readonly bandCuts: [number, number, number] | null;

  /** every payment of the case falls on a day in [paysFrom, paysTo] */
  readonly paysFrom: number;
  readonly paysTo: number;
  /** the view when everything is visible and nothing adjusts anything (shared, read-only) */
  private plainView: CaseView<R['interventions'][number]> | undefined;
  private wholeView: CaseView<R['interventions'][number]> | undefined;
  private lastDecided: number | undefined;

  /**
   * per intervention with facts decided after it (`hasHistory`): its states by day, compiled
   * once each; null when no intervention of the case has any (the common case)
   */
  private readonly histories:
    (Map<string, CompiledIntervention<R['interventions'][number]>> | null)[] | null;

  constructor(readonly record: R) {
    let histories: typeof this.histories = null;
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    this.items = record.interventions.map((i, k) => {
      if (!hasHistory(i)) {
        const ci = new CompiledIntervention(i);
        from = Math.min(from, ci.paysFrom);
        to = Math.max(to, ci.paysTo);
        return ci;
      }
      histories ??= record.interventions.map(() => null);
      histories[k] = new Map();
      // as first decided (before any later fact): its widest span of payments
      const first = new CompiledIntervention(
        interventionAsOf(i, fastDayNumber(i.decidedOn)).intervention,
      );
      from = Math.min(from, first.paysFrom);
      to = Math.max(to, first.paysTo);
      const state = interventionAsOf(i, Number.POSITIVE_INFINITY);
      const ci = new CompiledIntervention(state.intervention, state.withdrawn);
      from = Math.min(from, ci.paysFrom);
      to = Math.max(to, ci.paysTo);
      return ci;
    });
    this.histories = histories;
    this.hasAdjustments = record.interventions.some((i) => i.modifies !== null);
    this.paysFrom = from;
    this.paysTo = to;
    const b = record.person.birthDate;
    if (b === null) this.bandCuts = null;
    else {
      const y = Number(b.slice(0, 4));
      const m = Number(b.slice(5, 7));
      const d = Number(b.slice(8, 10));
      this.bandCuts = [
        daysFromCivil(y + 13, m, d),
        daysFromCivil(y + 18, m, d),
        daysFromCivil(y + 23, m, d),
      ];
    }
  }

  /** Can a payment of the case fall within the days [from, to]? (false means certainly not) */
  paysWithin(from: number, to: number): boolean {
    return this.paysFrom <= to && this.paysTo >= from;
  }

  /** Is every fact of the case (decisions, later grants and endings) decided on or before the day? */
  allDecidedBy(limit: number): boolean {
    if (this.lastDecided === undefined) {
      let last = Number.NEGATIVE_INFINITY;
      for (const ci of this.items) last = Math.max(last, ci.decided);
      if (this.histories)
        for (const i of this.record.interventions) last = Math.max(last, lastFactDay(i));
      this.lastDecided = last;
    }
    return this.lastDecided <= limit;
  }

  /** The k-th intervention as decided by the day `limit` (compiled once per distinct state). */
  itemAsOf(k: number, limit: number): CompiledIntervention<R['interventions'][number]> {
    const item = this.items[k] as CompiledIntervention<R['interventions'][number]>;
    const states = this.histories?.[k];
    if (!states) return item;
    const state = interventionAsOf(
      this.record.interventions[k] as R['interventions'][number],
      limit,
    );
    const key = `${state.intervention.status}|${state.intervention.endDate ?? ''}|${state.withdrawn ? 1 : 0}`;
    let ci = states.get(key);
    if (!ci) {
      ci = new CompiledIntervention(state.intervention, state.withdrawn);
      states.set(key, ci);
    }
    return ci;
  }

  /** The view in which every intervention is visible, analysed once (shared, read-only). */
  whole(analyse: () => CaseView<R['interventions'][number]>): CaseView<R['interventions'][number]> {
    this.wholeView ??= analyse();
    return this.wholeView;
  }

  /** The view of a case without adjustments in which every intervention is visible. */
  plain(): CaseView<R['interventions'][number]> {
    this.plainView ??= {
      visible: this.items,
      expectedBefore: this.items.map(() => Number.POSITIVE_INFINITY),
      rootRefs: this.items.map((ci) => ci.intervention.ref),
      cutoffs: this.items.map(() => null),
    };
    return this.plainView;
  }

  /** Index in AGE_BANDS of the person's band on a day. */
  band(day: number): number {
    const c = this.bandCuts;
    if (c === null) return UNKNOWN_BAND;
    return day < c[0] ? 0 : day < c[1] ? 1 : day < c[2] ? 2 : 3;
  }

  /** The first day after `day` on which the band changes (+∞ when it never does). */
  nextBandCut(day: number): number {
    const c = this.bandCuts;
    if (c === null) return Number.POSITIVE_INFINITY;
    return day < c[0] ? c[0] : day < c[1] ? c[1] : day < c[2] ? c[2] : Number.POSITIVE_INFINITY;
  }
}

/** The cases of a statement, compiled once and shared by every computation over them. */
export class CompiledCases<R extends CostCase = CaseRecord> {
  readonly cases: CompiledCase<R>[];
  constructor(records: readonly R[]) {
    this.cases = records.map((r) => new CompiledCase(r));
  }
}

export type CaseSet<R extends CostCase = CaseRecord> = readonly R[] | CompiledCases<R>;

/** Compiles the cases once so several statements over them share the work. */
export function compileCases<R extends CostCase>(cases: CaseSet<R>): CompiledCases<R> {
  return cases instanceof CompiledCases ? cases : new CompiledCases(cases);
}

/** A rate's periods as day numbers, in their order ([from, to) each). */
interface CompiledRate {
  from: number[];
  to: number[];
  amount: number[];
  /** every period boundary, ascending */
  bounds: number[];
}

export type CompiledRates = Map<string, CompiledRate>;

export function compileRates(rates: ReadonlyMap<string, Rate>): CompiledRates {
  const out: CompiledRates = new Map();
  for (const [code, r] of rates) {
    const c: CompiledRate = { from: [], to: [], amount: [], bounds: [] };
    for (const p of r.periods) {
      c.from.push(p.from === null ? Number.NEGATIVE_INFINITY : fastDayNumber(p.from));
      c.to.push(p.to === null ? Number.POSITIVE_INFINITY : fastDayNumber(p.to));
      c.amount.push(p.amountOre);
    }
    c.bounds = [...new Set([...c.from, ...c.to])].sort((a, b) => a - b);
    out.set(code, c);
  }
  return out;
}

/** `rateOn`: the first period in force on the day, or null. */
function rateAt(rate: CompiledRate | undefined, day: number): number | null {
  if (!rate) return null;
  for (let k = 0; k < rate.from.length; k += 1) {
    if (day >= (rate.from[k] ?? 0) && day < (rate.to[k] ?? 0)) return rate.amount[k] ?? null;
  }
  return null;
}

/** The first period boundary after `day` (+∞ when none). */
function nextRateBound(rate: CompiledRate | undefined, day: number): number {
  if (!rate) return Number.POSITIVE_INFINITY;
  for (const b of rate.bounds) if (b > day) return b;
  return Number.POSITIVE_INFINITY;
}

/** One calendar year as day numbers. */
export interface YearWindow {
  year: number;
  /** first day of each month and of the next year (13 entries) */
  starts: number[];
  from: number;
  to: number;
}

export function yearWindow(year: number): YearWindow {
  const starts = monthStartDays(year);
  return { year, starts, from: starts[0] ?? 0, to: (starts[12] ?? 0) - 1 };
}

/** How one case stands as of a date: what is visible and, per visible intervention, rule 3. */
/** Read-only: a view may be shared between computations. */
export interface CaseView<I extends CostIntervention = CostIntervention> {
  visible: CompiledIntervention<I>[];
  /** per visible intervention: its expected cost counts the payments on days before this */
  expectedBefore: number[];
  /** per visible intervention: the ref of the first intervention of its chain */
  rootRefs: string[] | null;
  /** per visible intervention: `expectedCutoff` (the cut of a modified granted one, else null) */
  cutoffs: (number | null)[];
}

/**
 * The analysis of a case's adjustment chains: visible = decided on or before `limit`,
 * each as decided by then (`interventionAsOf`);
 * a granted intervention that a visible non-draft adjustment modifies counts in the expected
 * cost before its chain's earliest first payment (never, when it is one-time).
 */
export function viewCase<R extends CostCase>(
  c: CompiledCase<R>,
  limit: number,
  withRoots: boolean,
): CaseView<R['interventions'][number]> {
  if (c.allDecidedBy(limit)) {
    if (!c.hasAdjustments) return c.plain();
    return c.whole(() => analyse(c, c.items, true));
  }
  const visible: CompiledIntervention<R['interventions'][number]>[] = [];
  c.items.forEach((ci, k) => {
    if (ci.decided <= limit) visible.push(c.itemAsOf(k, limit));
  });
  return analyse(c, visible, withRoots);
}

function analyse<R extends CostCase>(
  c: CompiledCase<R>,
  visible: CompiledIntervention<R['interventions'][number]>[],
  withRoots: boolean,
): CaseView<R['interventions'][number]> {
  const expectedBefore = visible.map(() => Number.POSITIVE_INFINITY);
  const cutoffs = visible.map(() => null as number | null);
  if (!c.hasAdjustments) {
    return {
      visible,
      expectedBefore,
      rootRefs: withRoots ? visible.map((ci) => ci.intervention.ref) : null,
      cutoffs,
    };
  }
  const byRef = new Map<string, number>();
  visible.forEach((ci, k) => byRef.set(ci.intervention.ref, k));
  let rootRefs: string[] | null = null;
  if (withRoots) {
    rootRefs = visible.map((ci) => {
      const seen = new Set<string>([ci.intervention.ref]);
      let current = ci.intervention;
      while (current.modifies !== null) {
        const k = byRef.get(current.modifies);
        const parent = k === undefined ? undefined : visible[k]?.intervention;
        if (!parent || seen.has(parent.ref)) break;
        seen.add(parent.ref);
        current = parent;
      }
      return current.ref;
    });
  }
  const modified = new Set<number>();
  const cutoff = new Map<number, number | null>();
  for (const adjustment of visible) {
    const a = adjustment.intervention;
    if (a.status === 'draft' || a.modifies === null) continue;
    const first = adjustment.first();
    const seen = new Set<string>([a.ref]);
    let parentRef: string | null = a.modifies;
    while (parentRef !== null) {
      const k = byRef.get(parentRef);
      const parent = k === undefined ? undefined : visible[k]?.intervention;
      if (k === undefined || !parent || seen.has(parent.ref)) break;
      seen.add(parent.ref);
      if (parent.status === 'granted') {
        modified.add(k);
        const previous = cutoff.get(k);
        if (first !== null && (previous === undefined || previous === null || first < previous)) {
          cutoff.set(k, first);
        } else if (previous === undefined) {
          cutoff.set(k, null);
        }
      }
      parentRef = parent.modifies;
    }
  }
  for (const k of modified) {
    const ci = visible[k];
    if (!ci || ci.status !== STATUS.granted) continue;
    const cut = cutoff.get(k);
    if (cut !== null && cut !== undefined) cutoffs[k] = cut;
    if (ci.intervention.payment.type === 'one-time') expectedBefore[k] = Number.NEGATIVE_INFINITY;
    else if (cut !== null && cut !== undefined) expectedBefore[k] = cut;
  }
  return { visible, expectedBefore, rootRefs, cutoffs };
}

/** One intervention's cost in one month of the year, for one age band of its person. */
export interface YearCell {
  /** 1–12 */
  month: number;
  band: AgeBand;
  expectedOre: Ore;
  grantedOre: Ore;
}

/** Cells of one intervention-year: index month (0–11) × BANDS + band. */
export class Cells {
  /** The index of a cell: month 0–11 and the band's index in AGE_BANDS. */
  static index(monthIndex: number, bandIndex: number): number {
    return monthIndex * BANDS + bandIndex;
  }

  /** The month (0–11) of a cell index. */
  static monthIndex(k: number): number {
    return Math.floor(k / BANDS);
  }

  readonly e = new Float64Array(12 * BANDS);
  readonly g = new Float64Array(12 * BANDS);
  readonly used = new Uint8Array(12 * BANDS);
  /** the used indices, in the order first used */
  readonly touched: number[] = [];
  expected = 0;
  granted = 0;

  clear(): void {
    for (const k of this.touched) {
      this.e[k] = 0;
      this.g[k] = 0;
      this.used[k] = 0;
    }
    this.touched.length = 0;
    this.expected = 0;
    this.granted = 0;
  }

  add(k: number, e: number, g: number): void {
    if (this.used[k] === 0) {
      this.used[k] = 1;
      this.touched.push(k);
    }
    this.e[k] = (this.e[k] ?? 0) + e;
    this.g[k] = (this.g[k] ?? 0) + g;
    this.expected += e;
    this.granted += g;
  }

  /** The used indices ascending (month, then band). */
  sorted(): number[] {
    return this.touched.length > 1 ? [...this.touched].sort((a, b) => a - b) : this.touched;
  }

  /** The used cells ascending (month, then band), in øre. */
  list(): YearCell[] {
    return this.sorted().map((k) => ({
      month: Cells.monthIndex(k) + 1,
      band: AGE_BANDS[k % BANDS] ?? 'ukendt',
      expectedOre: ore(this.e[k] ?? 0),
      grantedOre: ore(this.g[k] ?? 0),
    }));
  }
}

function monthIndexOf(w: YearWindow, day: number): number {
  let m = 0;
  while (m < 11 && day >= (w.starts[m + 1] ?? Infinity)) m += 1;
  return m;
}

/**
 * Adds the cost of one non-draft intervention's payments in the year to `cells` (rules 1–3):
 * granted cost when it is granted, expected cost for payments on days before `expectedBefore`.
 * A payment with no rate in force counts 0; returns the day of the first such payment, or NaN.
 */
export function addYear(
  c: CompiledCase,
  ci: CompiledIntervention,
  expectedBefore: number,
  w: YearWindow,
  rates: CompiledRates,
  cells: Cells,
): number {
  if (ci.status === STATUS.draft || ci.withdrawn) return NaN;
  const isGranted = ci.status === STATUS.granted;
  const plan = ci.intervention.payment;
  const rate = ci.fixed === null ? rates.get(plan.rate ?? '') : undefined;
  let missing = NaN;
  if (plan.type === 'one-time') {
    const day = ci.days[0] ?? 0;
    if (day >= w.from && day <= w.to) {
      const amount = amountOn(ci, rate, day);
      if (amount === null) missing = day;
      addPayment(c, w, cells, day, amount ?? 0, expectedBefore, isGranted);
    }
    return missing;
  }
  if (plan.type === 'individual') {
    for (let k = 0; k < ci.days.length; k += 1) {
      const day = ci.days[k] ?? 0;
      if (day < w.from || day > w.to) continue;
      const amount = ci.amounts[k] ?? null;
      if (amount === null && Number.isNaN(missing)) missing = day;
      addPayment(c, w, cells, day, amount ?? 0, expectedBefore, isGranted);
    }
    return missing;
  }
  const lo = Math.max(w.from, ci.start);
  const last = Math.min(w.to, ci.end);
  if (lo > last) return missing;
  if (ci.irregular) {
    // a plan not taken apart: its payments one by one, as rule 1 enumerates them
    const i = ci.intervention;
    for (const day of paymentDays(plan, i.startDate, i.endDate, lo, last)) {
      let amount = amountOn(ci, rate, day);
      if (amount === null && Number.isNaN(missing)) missing = day;
      if (amount !== null && plan.proRata) {
        const { covered, length } = coveredDays(plan, i.startDate, i.endDate, day);
        amount = proRataAmount(amount, covered, length);
      }
      addPayment(c, w, cells, day, amount ?? 0, expectedBefore, isGranted);
    }
    return missing;
  }
  if (ci.step === 0) {
    const proRata = plan.proRata === true;
    for (let m = 0; m < 12; m += 1) {
      const s = w.starts[m] ?? 0;
      const length = (w.starts[m + 1] ?? 0) - s;
      let day = s + Math.min(ci.dayOfMonth, length) - 1;
      let covered = length;
      if (proRata) {
        // the month's payment moves into the days the plan covers and pays for those days
        const from = Math.max(s, ci.start);
        const to = Math.min(s + length - 1, ci.end);
        if (from > to) continue;
        day = Math.min(Math.max(day, from), to);
        covered = to - from + 1;
      }
      if (day < lo || day > last) continue;
      let amount = amountOn(ci, rate, day);
      if (amount === null && Number.isNaN(missing)) missing = day;
      if (amount !== null && covered < length) amount = proRataAmount(amount, covered, length);
      addPayment(c, w, cells, day, amount ?? 0, expectedBefore, isGranted);
    }
    return missing;
  }
  // running every `step` days from the start: stretches of equal month, band, rule 3 and rate
  const step = ci.step;
  let m = monthIndexOf(w, lo);
  let cur = lo;
  while (cur <= last) {
    let segEnd = Math.min(last, (w.starts[m + 1] ?? 0) - 1, c.nextBandCut(cur) - 1);
    const countsExpected = cur < expectedBefore;
    if (countsExpected) segEnd = Math.min(segEnd, expectedBefore - 1);
    let amount: number | null = ci.fixed;
    if (amount === null) {
      segEnd = Math.min(segEnd, nextRateBound(rate, cur) - 1);
      amount = amountOn(ci, rate, cur);
    }
    const k0 = Math.ceil((cur - ci.start) / step);
    const k1 = Math.floor((segEnd - ci.start) / step);
    const n = k1 - k0 + 1;
    if (n > 0) {
      if (amount === null) {
        if (Number.isNaN(missing)) missing = ci.start + k0 * step;
        amount = 0;
      }
      const pe = countsExpected ? amount : 0;
      const pg = isGranted ? amount : 0;
      if (pe !== 0 || pg !== 0) cells.add(Cells.index(m, c.band(cur)), pe * n, pg * n);
    }
    cur = segEnd + 1;
    while (m < 11 && cur >= (w.starts[m + 1] ?? Infinity)) m += 1;
  }
  return missing;
}

/** The amount of one payment on a day: fixed, or units × the rate in force (null: none is). */
function amountOn(
  ci: CompiledIntervention,
  rate: CompiledRate | undefined,
  day: number,
): number | null {
  if (ci.fixed !== null) return ci.fixed;
  const r = rateAt(rate, day);
  return r === null ? null : unitsTimesRate(ci.intervention.payment.units ?? 0, r);
}

/** One payment into its month and band cell (rule 3 decides whether it counts as expected). */
function addPayment(
  c: CompiledCase,
  w: YearWindow,
  cells: Cells,
  day: number,
  amount: number,
  expectedBefore: number,
  isGranted: boolean,
): void {
  const pe = day < expectedBefore ? amount : 0;
  const pg = isGranted ? amount : 0;
  if (pe === 0 && pg === 0) return;
  cells.add(Cells.index(monthIndexOf(w, day), c.band(day)), pe, pg);
}

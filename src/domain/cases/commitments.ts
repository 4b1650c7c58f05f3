import { ore, type Ore } from '../money';
import { fromDayNumber, type IsoDate } from '../months';
import {
  Cells,
  addYear,
  compileCases,
  compileRates,
  fastDayNumber,
  monthStartDays,
  viewCase,
  yearWindow,
  type CaseSet,
  type YearCell,
} from './engine';
import type { DayNumber } from './payments';
import type { CaseRecord, ComputeIssue, CostCase, Intervention, Rate } from './types';

export type { YearCell } from './engine';

/** One visible intervention's cost in the year, split by month and age band. */
export interface InterventionYear {
  caseRef: string;
  household: string;
  unit: string;
  personRef: string;
  intervention: Intervention;
  /** ref of the first intervention of its adjustment chain */
  rootRef: string;
  expectedOre: Ore;
  grantedOre: Ore;
  cells: YearCell[];
}

/** An intervention's year from the cells its payments were added to. */
export function interventionYear(
  record: CaseRecord,
  intervention: Intervention,
  rootRef: string,
  cells: Cells,
): InterventionYear {
  return {
    caseRef: record.ref,
    household: record.household,
    unit: record.unit,
    personRef: record.person.ref,
    intervention,
    rootRef,
    expectedOre: ore(cells.expected),
    grantedOre: ore(cells.granted),
    cells: cells.list(),
  };
}

export interface YearComputation {
  year: number;
  asOf: IsoDate | null;
  interventions: InterventionYear[];
  issues: ComputeIssue[];
}

/** Day numbers of the first day of each month of a year, and of the next year's 1 January. */
export function monthStarts(year: number): DayNumber[] {
  return monthStartDays(year);
}

/**
 * Rules 2, 3 and 5: the granted and expected cost of every payment in `year` of every
 * intervention decided on or before `asOf` (null = all), exactly in øre, by month and by the
 * person's age band on each payment's date. Granted cost counts every payment of granted
 * interventions (adjustments ignored); expected cost applies the adjustment chains. A payment
 * with no rate in force counts 0 and adds an issue.
 */
export function computeYear(
  cases: CaseSet,
  rates: ReadonlyMap<string, Rate>,
  params: { year: number; asOf: IsoDate | null },
): YearComputation {
  const compiled = compileCases(cases);
  const w = yearWindow(params.year);
  const compiledRates = compileRates(rates);
  const limit = params.asOf === null ? Number.POSITIVE_INFINITY : fastDayNumber(params.asOf);
  const interventions: InterventionYear[] = [];
  const issues: ComputeIssue[] = [];
  const cells = new Cells();
  for (const c of compiled.cases) {
    const record = c.record;
    const view = viewCase(c, limit, true);
    view.visible.forEach((ci, n) => {
      const intervention = ci.intervention;
      cells.clear();
      const missing = addYear(c, ci, view.expectedBefore[n] ?? 0, w, compiledRates, cells);
      if (!Number.isNaN(missing)) {
        issues.push({
          caseRef: record.ref,
          interventionRef: intervention.ref,
          code: 'rate_missing',
          date: fromDayNumber(missing),
          rate: intervention.payment.rate ?? '',
        });
      }
      interventions.push(
        interventionYear(record, intervention, view.rootRefs?.[n] ?? intervention.ref, cells),
      );
    });
  }
  return { year: params.year, asOf: params.asOf, interventions, issues };
}

/**
 * The expected and granted totals by month of a year as of a date: the same figures as
 * `totalsByMonth(computeYear(…).interventions)`, without the split by intervention and band
 * (for "the same date last year").
 */
export function yearTotals(
  cases: CaseSet<CostCase>,
  rates: ReadonlyMap<string, Rate>,
  params: { year: number; asOf: IsoDate | null },
): { expected: MonthTotals; granted: MonthTotals } {
  const [rows] = committedByKey(cases, rates, [params], () => '');
  const row = rows?.get('');
  return {
    expected: packMonths(row?.expected ?? new Array<number>(12).fill(0)),
    granted: packMonths(row?.granted ?? new Array<number>(12).fill(0)),
  };
}

/** Expected and granted cost by month (January first) of one key. */
export interface KeyedMonths {
  expected: number[];
  granted: number[];
}

/**
 * The expected and granted cost by month of several (year, as-of) statements over the same
 * cases in one pass, summed by a key of the case and intervention (e.g. unit and account
 * function). Each statement's figures are exactly those of `computeYear` for it. A key appears
 * when at least one of its payments counted (its sums may still be 0).
 */
export function committedByKey<R extends CostCase>(
  cases: CaseSet<R>,
  rates: ReadonlyMap<string, Rate>,
  statements: readonly { year: number; asOf: IsoDate | null }[],
  keyOf: (record: R, intervention: R['interventions'][number]) => string,
): Map<string, KeyedMonths>[] {
  const compiled = compileCases(cases);
  const compiledRates = compileRates(rates);
  const cells = new Cells();
  // each intervention's key, computed once for all statements
  const keys = new Map<object, string>();
  return statements.map((params) => {
    const w = yearWindow(params.year);
    const limit = params.asOf === null ? Number.POSITIVE_INFINITY : fastDayNumber(params.asOf);
    const out = new Map<string, KeyedMonths>();
    for (const c of compiled.cases) {
      // a case with no payment in the year adds nothing
      if (!c.paysWithin(w.from, w.to)) continue;
      const view = viewCase(c, limit, false);
      view.visible.forEach((ci, n) => {
        if (!ci.paysWithin(w.from, w.to)) return;
        cells.clear();
        addYear(c, ci, view.expectedBefore[n] ?? 0, w, compiledRates, cells);
        if (cells.touched.length === 0) return;
        let key = keys.get(ci);
        if (key === undefined) {
          key = keyOf(c.record, ci.intervention);
          keys.set(ci, key);
        }
        let row = out.get(key);
        if (!row) {
          row = { expected: new Array<number>(12).fill(0), granted: new Array<number>(12).fill(0) };
          out.set(key, row);
        }
        for (const k of cells.touched) {
          const month = Cells.monthIndex(k);
          row.expected[month] = (row.expected[month] ?? 0) + (cells.e[k] ?? 0);
          row.granted[month] = (row.granted[month] ?? 0) + (cells.g[k] ?? 0);
        }
      });
    }
    return out;
  });
}

function packMonths(a: number[]): MonthTotals {
  return { total: ore(a.reduce((s, v) => s + v, 0)), byMonth: a.map((v) => ore(v)) };
}

export interface MonthTotals {
  total: Ore;
  /** 12 entries, January first */
  byMonth: Ore[];
}

/** Sums expected and granted cost by month; each total equals the sum of its months. */
export function totalsByMonth(items: readonly InterventionYear[]): {
  expected: MonthTotals;
  granted: MonthTotals;
} {
  const e = new Array<number>(12).fill(0);
  const g = new Array<number>(12).fill(0);
  for (const item of items) {
    for (const c of item.cells) {
      e[c.month - 1] = (e[c.month - 1] ?? 0) + c.expectedOre;
      g[c.month - 1] = (g[c.month - 1] ?? 0) + c.grantedOre;
    }
  }
  const pack = (a: number[]): MonthTotals => ({
    total: ore(a.reduce((s, v) => s + v, 0)),
    byMonth: a.map((v) => ore(v)),
  });
  return { expected: pack(e), granted: pack(g) };
}

/** The dimensions a commitment statement can be split by. */
export type StatementDimension =
  'month' | 'unit' | 'accountFunction' | 'category' | 'provider' | 'providerName' | 'ageBand';

export interface StatementRow {
  key: string;
  expectedOre: Ore;
  grantedOre: Ore;
  /** refs of the cases behind the figure (for drill-down) */
  caseRefs: string[];
  /** each of those cases' part of the figure, in the order of `caseRefs`; they sum to the row */
  byCase: { ref: string; expectedOre: Ore; grantedOre: Ore }[];
}

/**
 * A commitment statement split by one dimension: every cell of every intervention lands in
 * exactly one row, so the rows sum to the totals. `provider` splits into `intern`/`ekstern`,
 * `providerName` provider by provider (the register's name).
 */
export function statementBy(
  items: readonly InterventionYear[],
  dimension: StatementDimension,
): StatementRow[] {
  const rows = new Map<
    string,
    { e: number; g: number; cases: Map<string, { e: number; g: number }> }
  >();
  for (const item of items) {
    for (const c of item.cells) {
      const key = dimensionKey(item, c, dimension);
      let row = rows.get(key);
      if (!row) {
        row = { e: 0, g: 0, cases: new Map() };
        rows.set(key, row);
      }
      row.e += c.expectedOre;
      row.g += c.grantedOre;
      if (c.expectedOre !== 0 || c.grantedOre !== 0) {
        const part = row.cases.get(item.caseRef) ?? { e: 0, g: 0 };
        part.e += c.expectedOre;
        part.g += c.grantedOre;
        row.cases.set(item.caseRef, part);
      }
    }
  }
  return [...rows.entries()]
    .map(([key, r]) => {
      const caseRefs = [...r.cases.keys()].sort();
      return {
        key,
        expectedOre: ore(r.e),
        grantedOre: ore(r.g),
        caseRefs,
        byCase: caseRefs.map((ref) => {
          const part = r.cases.get(ref) ?? { e: 0, g: 0 };
          return { ref, expectedOre: ore(part.e), grantedOre: ore(part.g) };
        }),
      };
    })
    .sort((a, b) =>
      dimension === 'month' ? Number(a.key) - Number(b.key) : a.key < b.key ? -1 : 1,
    );
}

function dimensionKey(
  item: InterventionYear,
  cell: YearCell,
  dimension: StatementDimension,
): string {
  switch (dimension) {
    case 'month':
      return String(cell.month);
    case 'unit':
      return item.unit;
    case 'accountFunction':
      return item.intervention.accountFunction;
    case 'category':
      return item.intervention.category;
    case 'provider':
      return item.intervention.provider.external ? 'ekstern' : 'intern';
    case 'providerName':
      return item.intervention.provider.name;
    case 'ageBand':
      return cell.band;
  }
}

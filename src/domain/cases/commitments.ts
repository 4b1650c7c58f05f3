import { ore, type Ore } from '../money';
import { fromDayNumber, type IsoDate } from '../months';
import { ageBandFinder } from './age';
import { analyseCase, countsExpected } from './analysis';
import { paymentsBetween, type DayNumber } from './payments';
import {
  AGE_BANDS,
  type AgeBand,
  type CaseRecord,
  type ComputeIssue,
  type Intervention,
  type Rate,
} from './types';

const BAND_INDEX = Object.fromEntries(AGE_BANDS.map((b, i) => [b, i])) as Record<AgeBand, number>;

/** One intervention's cost in one month of the year, for one age band of its person. */
export interface YearCell {
  /** 1–12 */
  month: number;
  band: AgeBand;
  expectedOre: Ore;
  grantedOre: Ore;
}

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

export interface YearComputation {
  year: number;
  asOf: IsoDate | null;
  interventions: InterventionYear[];
  issues: ComputeIssue[];
}

/** Day numbers of the first day of each month of a year, and of the next year's 1 January. */
export function monthStarts(year: number): DayNumber[] {
  return Array.from({ length: 13 }, (_, i) => Math.round(Date.UTC(year, i, 1) / 86_400_000));
}

/**
 * Rules 2, 3 and 5: the granted and expected cost of every payment in `year` of every
 * intervention decided on or before `asOf` (null = all), exactly in øre, by month and by the
 * person's age band on each payment's date. Granted cost counts every payment of granted
 * interventions (adjustments ignored); expected cost applies the adjustment chains. A payment
 * with no rate in force counts 0 and adds an issue.
 */
export function computeYear(
  cases: readonly CaseRecord[],
  rates: ReadonlyMap<string, Rate>,
  params: { year: number; asOf: IsoDate | null },
): YearComputation {
  const starts = monthStarts(params.year);
  const from = starts[0] ?? 0;
  const to = (starts[12] ?? 0) - 1;
  const interventions: InterventionYear[] = [];
  const issues: ComputeIssue[] = [];
  for (const record of cases) {
    const analysis = analyseCase(record, params.asOf);
    const band = ageBandFinder(record.person.birthDate);
    for (const intervention of analysis.visible) {
      // cells by month (0–11) × age band, as flat arrays: this loop runs once per payment
      const e = new Array<number>(12 * AGE_BANDS.length).fill(0);
      const g = new Array<number>(12 * AGE_BANDS.length).fill(0);
      const used = new Array<boolean>(12 * AGE_BANDS.length).fill(false);
      let expected = 0;
      let granted = 0;
      let missingReported = false;
      const isGranted = intervention.status === 'granted';
      if (intervention.status !== 'draft') {
        const payments = paymentsBetween(
          intervention.payment,
          intervention.startDate,
          intervention.endDate,
          from,
          to,
          rates,
        );
        let month = 0;
        for (const p of payments) {
          let amount = p.amountOre;
          if (amount === null) {
            amount = ore(0);
            if (!missingReported) {
              missingReported = true;
              issues.push({
                caseRef: record.ref,
                interventionRef: intervention.ref,
                code: 'rate_missing',
                date: fromDayNumber(p.day),
                rate: intervention.payment.rate ?? '',
              });
            }
          }
          const pe = countsExpected(intervention, analysis, p.day) ? amount : 0;
          const pg = isGranted ? amount : 0;
          if (pe === 0 && pg === 0) continue;
          // payments come in date order for running plans; individual ones may not
          if (p.day < (starts[month] ?? 0)) month = 0;
          while (p.day >= (starts[month + 1] ?? Infinity)) month += 1;
          const k = month * AGE_BANDS.length + BAND_INDEX[band(p.day)];
          e[k] = (e[k] ?? 0) + pe;
          g[k] = (g[k] ?? 0) + pg;
          used[k] = true;
          expected += pe;
          granted += pg;
        }
      }
      const cells: YearCell[] = [];
      for (let k = 0; k < used.length; k += 1) {
        if (!used[k]) continue;
        cells.push({
          month: Math.floor(k / AGE_BANDS.length) + 1,
          band: AGE_BANDS[k % AGE_BANDS.length] ?? 'ukendt',
          expectedOre: ore(e[k] ?? 0),
          grantedOre: ore(g[k] ?? 0),
        });
      }
      interventions.push({
        caseRef: record.ref,
        household: record.household,
        unit: record.unit,
        personRef: record.person.ref,
        intervention,
        rootRef: analysis.root.get(intervention.ref) ?? intervention.ref,
        expectedOre: ore(expected),
        grantedOre: ore(granted),
        cells,
      });
    }
  }
  return { year: params.year, asOf: params.asOf, interventions, issues };
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
  'month' | 'unit' | 'accountFunction' | 'category' | 'provider' | 'ageBand';

export interface StatementRow {
  key: string;
  expectedOre: Ore;
  grantedOre: Ore;
  /** refs of the cases behind the figure (for drill-down) */
  caseRefs: string[];
}

/**
 * A commitment statement split by one dimension: every cell of every intervention lands in
 * exactly one row, so the rows sum to the totals. `provider` splits into `intern`/`ekstern`.
 */
export function statementBy(
  items: readonly InterventionYear[],
  dimension: StatementDimension,
): StatementRow[] {
  const rows = new Map<string, { e: number; g: number; cases: Set<string> }>();
  for (const item of items) {
    for (const c of item.cells) {
      const key = dimensionKey(item, c, dimension);
      let row = rows.get(key);
      if (!row) {
        row = { e: 0, g: 0, cases: new Set() };
        rows.set(key, row);
      }
      row.e += c.expectedOre;
      row.g += c.grantedOre;
      if (c.expectedOre !== 0 || c.grantedOre !== 0) row.cases.add(item.caseRef);
    }
  }
  return [...rows.entries()]
    .map(([key, r]) => ({
      key,
      expectedOre: ore(r.e),
      grantedOre: ore(r.g),
      caseRefs: [...r.cases].sort(),
    }))
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
    case 'ageBand':
      return cell.band;
  }
}

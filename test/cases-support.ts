import { ore, oreFromKroner } from '../src/domain/money';
import { daysInYear, fromDayNumber, type IsoDate } from '../src/domain/months';
import { analyseCase, countsExpected, expectedCutoff } from '../src/domain/cases/analysis';
import { ageBandFinder } from '../src/domain/cases/age';
import {
  interventionYear,
  monthStarts,
  type InterventionYear,
  type YearComputation,
} from '../src/domain/cases/commitments';
import { Cells } from '../src/domain/cases/engine';
import { activeInterval, personYears, type PersonDays } from '../src/domain/cases/families';
import { paymentsBetween } from '../src/domain/cases/payments';
import {
  AGE_BANDS,
  type AgeBand,
  type CaseRecord,
  type ComputeIssue,
  type Intervention,
  type PaymentPlan,
  type Rate,
} from '../src/domain/cases/types';

const BAND_INDEX = Object.fromEntries(AGE_BANDS.map((b, i) => [b, i])) as Record<AgeBand, number>;

/** Builders for the domain's tests: a daily 500 kr granted intervention unless told otherwise. */
export function intervention(over: Partial<Intervention> & { ref: string }): Intervention {
  return {
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2019-01-01' as IsoDate,
    category: 'familiebehandling',
    paragraph: 'SEL §52 stk. 3 nr. 3',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2019-12-01' as IsoDate,
    endDate: null,
    followOn: false,
    payment: daily(500),
    ...over,
  };
}

export function daily(kroner: number): PaymentPlan {
  return { type: 'running', frequency: 'daily', amountOre: oreFromKroner(kroner) };
}

export function caseOf(
  ref: string,
  interventions: Intervention[],
  over: Partial<CaseRecord> = {},
): CaseRecord {
  return {
    ref,
    household: `H-${ref}`,
    unit: 'Myndighed',
    person: { ref: `P-${ref}`, birthDate: '2006-03-14' as IsoDate },
    interventions,
    ...over,
  };
}

export function rateMap(rates: Rate[] = []): Map<string, Rate> {
  return new Map(rates.map((r) => [r.code, r]));
}

/**
 * The statement of a year computed payment by payment straight from the rules (`paymentsBetween`,
 * `analyseCase`, `countsExpected`): the reference the product's `computeYear` must equal.
 */
export function computeYearByPayments(
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
      // cells by month (0–11) × age band: only the storage is the engine's, not the arithmetic
      const cells = new Cells();
      let missingReported = false;
      const isGranted = intervention.status === 'granted';
      if (intervention.status !== 'draft' && !analysis.withdrawn.has(intervention.ref)) {
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
          cells.add(Cells.index(month, BAND_INDEX[band(p.day)]), pe, pg);
        }
      }
      interventions.push(
        interventionYear(
          record,
          intervention,
          analysis.root.get(intervention.ref) ?? intervention.ref,
          cells,
        ),
      );
    }
  }
  return { year: params.year, asOf: params.asOf, interventions, issues };
}

/** Full-year persons computed straight from `analyseCase`: the reference for `fullYearPersons`. */
export function fullYearPersonsByAnalysis(
  cases: readonly CaseRecord[],
  params: { year: number; asOf: IsoDate | null },
): { total: number; byBand: Partial<Record<AgeBand, number>> } {
  const first = Math.round(Date.UTC(params.year, 0, 1) / 86_400_000);
  const length = daysInYear(params.year);
  const lastDay = first + length - 1;
  const persons = new Map<string, PersonDays>();
  for (const record of cases) {
    const analysis = analyseCase(record, params.asOf);
    let p = persons.get(record.person.ref);
    if (!p) {
      p = { birthDate: record.person.birthDate, intervals: [] };
      persons.set(record.person.ref, p);
    }
    for (const i of analysis.visible) {
      if (analysis.withdrawn.has(i.ref)) continue;
      const interval = activeInterval(i, expectedCutoff(i, analysis));
      if (!interval) continue;
      const lo = Math.max(interval[0], first);
      const hi = Math.min(interval[1], lastDay);
      if (lo <= hi) p.intervals.push([lo, hi]);
    }
  }
  return personYears(persons, length);
}

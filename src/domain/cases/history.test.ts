import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore, oreFromKroner } from '../money';
import { addDays, toDayNumber, type IsoDate } from '../months';
import { computeYear, totalsByMonth, type YearComputation } from './commitments';
import {
  asRecordedOn,
  correctedFields,
  correctIntervention,
  type InterventionCorrection,
} from './corrections';
import { familiesWithSeveral } from './families';
import { endIntervention, grantIntervention } from './grant';
import { interventionAsOf } from './history';
import { movementBetween } from './movement';
import {
  caseOf,
  computeYearByPayments,
  daily,
  intervention,
  rateMap,
} from '../../../test/cases-support';
import type { CaseRecord, PaymentPlan } from './types';

/**
 * Decisions never rewrite the past: a statement as of a date is a function of the facts decided
 * on or before it. Histories of dated decisions are generated; after each decision every
 * statement as of an earlier date must be unchanged to the øre.
 */

const d = (s: string) => s as IsoDate;
const RATES = rateMap();

const arbPlan: fc.Arbitrary<PaymentPlan> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('daily' as const, 'weekly' as const, 'biweekly' as const),
      fc.integer({ min: -20_000, max: 150_000 }),
    )
    .map(([frequency, a]) => ({ type: 'running' as const, frequency, amountOre: ore(a) })),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -300_000, max: 3_000_000 }))
    .map(([dayOfMonth, a]) => ({
      type: 'running' as const,
      frequency: 'monthly' as const,
      dayOfMonth,
      amountOre: ore(a),
    })),
  fc
    .integer({ min: 1, max: 900_000 })
    .map((a) => ({ type: 'one-time' as const, amountOre: ore(a) })),
  fc
    .array(
      fc.record({
        offset: fc.integer({ min: 0, max: 400 }),
        amountOre: fc.integer({ min: -50_000, max: 500_000 }).map(ore),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((ps) => ({
      type: 'individual' as const,
      payments: ps.map((p) => ({
        date: addDays(d('2023-03-01'), p.offset),
        amountOre: p.amountOre,
      })),
    })),
);

/** One decision: what, how many days after the previous one, and its free choices. */
const arbStep = fc.record({
  kind: fc.constantFrom('register' as const, 'adjust' as const, 'grant' as const, 'end' as const),
  gap: fc.integer({ min: 1, max: 45 }),
  pick: fc.nat(),
  startOffset: fc.integer({ min: -60, max: 200 }),
  length: fc.option(fc.integer({ min: 0, max: 400 })),
  endOffset: fc.integer({ min: 0, max: 300 }),
  plan: arbPlan,
});
type Step = typeof arbStep extends fc.Arbitrary<infer T> ? T : never;

/** Applies one decision dated `on`; a decision that the rules refuse leaves the case as it is. */
function apply(record: CaseRecord, step: Step, on: IsoDate, n: number): CaseRecord {
  const list = record.interventions;
  const start = addDays(on, step.startOffset);
  const end = step.length === null ? null : addDays(start, step.length);
  if (step.kind === 'register' || (step.kind === 'adjust' && list.length === 0)) {
    const i = intervention({
      ref: `I${n}`,
      decidedOn: on,
      startDate: start,
      endDate: end,
      payment: step.plan,
    });
    return { ...record, interventions: [...list, i] };
  }
  if (step.kind === 'adjust') {
    const target = list[step.pick % list.length];
    if (!target) return record;
    const i = intervention({
      ref: `I${n}`,
      status: 'expected',
      modifies: target.ref,
      decidedOn: on,
      startDate: start,
      endDate: end,
      payment: step.plan,
    });
    return { ...record, interventions: [...list, i] };
  }
  if (step.kind === 'grant') {
    const expected = list.filter((i) => i.status === 'expected');
    const target = expected[step.pick % Math.max(1, expected.length)];
    if (!target) return record;
    const r = grantIntervention(record, target.ref, on);
    return r.ok ? r.record : record;
  }
  const granted = list.filter((i) => i.status === 'granted');
  const target = granted[step.pick % Math.max(1, granted.length)];
  if (!target) return record;
  const r = endIntervention(record, target.ref, addDays(target.startDate, step.endOffset), on);
  return r.ok ? r.record : record;
}

/** A correction: a granted intervention's plan, dates or decision date were typed wrong. */
const arbFix = fc.record({
  kind: fc.constant('correct' as const),
  gap: fc.integer({ min: 1, max: 45 }),
  pick: fc.nat(),
  plan: fc.option(arbPlan),
  startShift: fc.integer({ min: -40, max: 40 }),
  length: fc.option(fc.record({ end: fc.option(fc.integer({ min: 0, max: 400 })) })),
  decidedEarlier: fc.integer({ min: 0, max: 20 }),
});
type Fix = typeof arbFix extends fc.Arbitrary<infer T> ? T : never;

/** Corrects a granted intervention on the day `on`, or null when there is none to correct. */
function fix(
  record: CaseRecord,
  f: Fix,
  on: IsoDate,
): { record: CaseRecord; correction: InterventionCorrection } | null {
  const granted = record.interventions.filter((i) => i.status === 'granted');
  const target = granted[f.pick % Math.max(1, granted.length)];
  if (!target) return null;
  const startDate = addDays(target.startDate, f.startShift);
  // length: null keeps the end; { end: null } is until further notice; a number ends that long after
  const endDate =
    f.length === null
      ? target.endDate
      : f.length.end === null
        ? null
        : addDays(startDate, f.length.end);
  const fields = {
    ...correctedFields(target),
    decidedOn: addDays(target.decidedOn, -f.decidedEarlier),
    startDate,
    endDate,
    payment: f.plan ?? target.payment,
  };
  const r = correctIntervention(record, target.ref, fields);
  if (!r.ok) return null;
  return {
    record: r.record,
    correction: {
      caseRef: record.ref,
      interventionRef: target.ref,
      correctedOn: on,
      reason: 'Tastefejl',
      by: 'test',
      before: correctedFields(r.before),
      after: correctedFields(r.after),
    },
  };
}

/** What a user reads of a statement: per intervention its figures and its state then. */
function reading(y: YearComputation) {
  return {
    totals: totalsByMonth(y.interventions),
    items: y.interventions.map((i) => ({
      ref: i.intervention.ref,
      status: i.intervention.status,
      endDate: i.intervention.endDate,
      rootRef: i.rootRef,
      expectedOre: i.expectedOre,
      grantedOre: i.grantedOre,
      cells: i.cells,
    })),
  };
}

describe('decisions never rewrite the past', () => {
  it('after every decision, every statement as of an earlier date is unchanged to the øre', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 9 }), (steps) => {
        let record = caseOf('S', []);
        let on = d('2023-01-01');
        const seen: { asOf: IsoDate; year: number; reading: ReturnType<typeof reading> }[] = [];
        steps.forEach((step, n) => {
          on = addDays(on, step.gap);
          record = apply(record, step, on, n + 1);
          // statements as of every earlier date still read the same
          for (const s of seen) {
            const now = computeYear([record], RATES, { year: s.year, asOf: s.asOf });
            expect(reading(now)).toEqual(s.reading);
          }
          // and the statements as of this decision's day and the day before are remembered
          for (const asOf of [addDays(on, -1), on])
            for (const year of [2023, 2024]) {
              const y = computeYear([record], RATES, { year, asOf });
              // the payment-by-payment reference agrees with the engine on the dated facts
              expect(reading(y)).toEqual(
                reading(computeYearByPayments([record], RATES, { year, asOf })),
              );
              seen.push({ asOf, year, reading: reading(y) });
            }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('corrections are the only act that changes an earlier statement, each change visible as a correction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(arbStep, arbStep, arbFix), { minLength: 1, maxLength: 10 }),
        (acts) => {
          let record = caseOf('S', []);
          const corrections: InterventionCorrection[] = [];
          let on = d('2023-01-01');
          const seen: {
            asOf: IsoDate;
            year: number;
            /** the day the statement was taken */
            taken: IsoDate;
            /** what it said that day */
            reported: ReturnType<typeof reading>;
            /** what it says after the acts so far */
            now: ReturnType<typeof reading>;
          }[] = [];
          const read = (cases: CaseRecord[], year: number, asOf: IsoDate) =>
            reading(computeYear(cases, RATES, { year, asOf }));
          acts.forEach((act, n) => {
            on = addDays(on, act.gap);
            if (act.kind === 'correct') {
              const fixed = fix(record, act, on);
              if (fixed) {
                record = fixed.record;
                corrections.push(fixed.correction);
              }
            } else record = apply(record, act, on, n + 1);
            for (const s of seen) {
              // what a statement said on the day it was taken can always be read again
              expect(read(asRecordedOn([record], corrections, s.taken), s.year, s.asOf)).toEqual(
                s.reported,
              );
              const now = read([record], s.year, s.asOf);
              // a decision never changes a statement as of an earlier date
              if (act.kind !== 'correct') expect(now).toEqual(s.now);
              // a correction may; movement from that date to today shows it as corrections
              else if (s.asOf === s.taken) {
                const m = movementBetween(
                  [record],
                  RATES,
                  { year: s.year, from: s.asOf, to: on },
                  corrections,
                );
                expect(m.committedFromOre).toBe(s.reported.totals.expected.total);
                expect(m.groups.correction.amountOre).toBe(
                  now.totals.expected.total - s.reported.totals.expected.total,
                );
                const net = Object.values(m.groups).reduce((t, g) => t + g.amountOre, 0);
                expect(net).toBe(m.committedToOre - m.committedFromOre);
              }
              s.now = now;
            }
            for (const asOf of [addDays(on, -1), on])
              for (const year of [2023, 2024]) {
                const r = read([record], year, asOf);
                seen.push({ asOf, year, taken: on, reported: r, now: r });
              }
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an intervention as of a day: granted from its grant, ended from each ending decided', () => {
    const i = intervention({
      ref: 'B',
      decidedOn: d('2024-06-15'),
      grantedOn: d('2024-06-20'),
      startDate: d('2024-07-01'),
      endDate: null,
      endings: [
        { endDate: d('2024-12-31'), decidedOn: d('2024-09-01'), by: null, removed: false },
        { endDate: d('2024-10-31'), decidedOn: d('2024-10-01'), by: null, removed: false },
      ],
    });
    const at = (s: string) => {
      const x = interventionAsOf(i, toDayNumber(d(s))).intervention;
      return [x.status, x.endDate];
    };
    expect(at('2024-06-19')).toEqual(['expected', null]);
    expect(at('2024-06-20')).toEqual(['granted', null]);
    expect(at('2024-09-01')).toEqual(['granted', '2024-12-31']);
    expect(at('2024-10-01')).toEqual(['granted', '2024-10-31']);
  });

  it('an ending is refused before an earlier fact, at or after the end in force, or before the start', () => {
    const c = caseOf('S', [
      intervention({ ref: 'A', decidedOn: d('2024-01-01'), startDate: d('2024-02-01') }),
    ]);
    expect(endIntervention(c, 'A', d('2024-05-31'), d('2023-12-31'))).toEqual({
      ok: false,
      reason: 'before_decided',
    });
    expect(endIntervention(c, 'A', d('2024-01-31'), d('2024-03-01'))).toEqual({
      ok: false,
      reason: 'end_date',
    });
    const ended = endIntervention(c, 'A', d('2024-05-31'), d('2024-03-01'));
    if (!ended.ok) throw new Error('not ended');
    expect(endIntervention(ended.record, 'A', d('2024-06-30'), d('2024-03-02'))).toEqual({
      ok: false,
      reason: 'end_date',
    });
    const y = (asOf: string) =>
      totalsByMonth(computeYear([ended.record], RATES, { year: 2024, asOf: d(asOf) }).interventions)
        .expected.total;
    expect(y('2024-02-29')).toBe(oreFromKroner(500) * 335);
    expect(y('2024-03-01')).toBe(oreFromKroner(500) * 121);
  });
});

describe('measures are measures', () => {
  const placement = intervention({
    ref: 'A',
    category: 'anbringelse-plejefamilie',
    startDate: d('2024-01-01'),
    payment: daily(1200),
  });
  const parentalPayment = intervention({
    ref: 'B',
    kind: 'supplementary',
    category: 'andet',
    startDate: d('2024-01-01'),
    payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amountOre: ore(-320_000) },
  });
  const followOn = intervention({ ref: 'C', kind: 'supplementary', followOn: true });
  const second = intervention({ ref: 'D', startDate: d('2024-02-01'), payment: daily(300) });
  const families = (c: CaseRecord) =>
    familiesWithSeveral([c], d('2024-06-01')).reduce((s, b) => s + b.families, 0);

  it('one placement with forældrebetaling and a follow-on cost is one measure', () => {
    expect(families(caseOf('S', [placement, parentalPayment, followOn]))).toBe(0);
  });

  it('an income line by units, or individual payments that are all income, is not a measure', () => {
    const byUnits = {
      ...parentalPayment,
      payment: {
        type: 'running' as const,
        frequency: 'monthly' as const,
        dayOfMonth: 1,
        units: -1,
        rate: 'x',
      },
    };
    const individual = {
      ...parentalPayment,
      payment: {
        type: 'individual' as const,
        payments: [
          { date: d('2024-05-01'), amountOre: ore(-10_000) },
          { date: d('2024-07-01'), amountOre: ore(0) },
        ],
      },
    };
    expect(families(caseOf('S', [placement, byUnits]))).toBe(0);
    expect(families(caseOf('S', [placement, individual]))).toBe(0);
  });

  it('a second measure still counts', () => {
    expect(families(caseOf('S', [placement, parentalPayment, second]))).toBe(1);
  });

  it('a withdrawn original and its replacement are one measure', () => {
    const expected = intervention({
      ref: 'E',
      status: 'expected',
      modifies: 'A',
      decidedOn: d('2024-03-01'),
      startDate: d('2024-01-01'),
    });
    const g = grantIntervention(caseOf('S', [placement, expected]), 'E', d('2024-03-02'));
    if (!g.ok) throw new Error('not granted');
    expect(families(g.record)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../months';
import { computeYear, totalsByMonth } from './commitments';
import {
  asRecordedOn,
  changedFields,
  correctedFields,
  correctionsBetween,
  correctIntervention,
  type InterventionCorrection,
} from './corrections';
import { grantIntervention } from './grant';
import { movementBetween } from './movement';
import { caseOf, daily, intervention, rateMap } from '../../../test/cases-support';
import type { CaseRecord } from './types';

const d = (s: string) => s as IsoDate;
const RATES = rateMap();

/** The example: daily 1.000 kr. granted for 2024, decided 01.12.2023. */
const original = intervention({
  ref: 'A',
  decidedOn: d('2023-12-01'),
  startDate: d('2024-01-01'),
  endDate: d('2024-12-31'),
  payment: daily(1000),
});

const committed = (cases: CaseRecord[], asOf: string) =>
  totalsByMonth(computeYear(cases, RATES, { year: 2024, asOf: d(asOf) }).interventions).expected
    .total;

/** Corrects `ref` in `record` on `on`, returning the corrected case and the correction. */
function correct(
  record: CaseRecord,
  ref: string,
  change: Partial<CaseRecord['interventions'][number]>,
  on: string,
): { record: CaseRecord; correction: InterventionCorrection } {
  const target = record.interventions.find((i) => i.ref === ref);
  if (!target) throw new Error(`no ${ref}`);
  const r = correctIntervention(record, ref, correctedFields({ ...target, ...change }));
  if (!r.ok) throw new Error(r.reason);
  return {
    record: r.record,
    correction: {
      caseRef: record.ref,
      interventionRef: ref,
      correctedOn: d(on),
      reason: 'Tastefejl',
      by: 'leder',
      before: correctedFields(r.before),
      after: correctedFields(r.after),
    },
  };
}

describe('a granted reduction in movement (issue 11)', () => {
  it('adjustment to 800 kr. from 01.07 decided and granted 15.06: the past stays, movement shows a reduction', () => {
    const adjustment = intervention({
      ref: 'B',
      status: 'expected',
      modifies: 'A',
      decidedOn: d('2024-06-15'),
      startDate: d('2024-07-01'),
      endDate: d('2024-12-31'),
      payment: daily(800),
    });
    const before = caseOf('S', [original]);
    expect(committed([before], '2024-06-01')).toBe(36_600_000);
    const g = grantIntervention(caseOf('S', [original, adjustment]), 'B', d('2024-06-15'));
    if (!g.ok) throw new Error('not granted');
    expect(committed([g.record], '2024-06-01')).toBe(36_600_000);
    // 182 days of 1.000 kr. and 184 days of 800 kr.
    expect(committed([g.record], '2024-06-30')).toBe(18_200_000 + 14_720_000);
    const m = movementBetween([g.record], RATES, {
      year: 2024,
      from: d('2024-06-01'),
      to: d('2024-06-30'),
    });
    expect(m.items).toEqual([
      expect.objectContaining({ kind: 'changed', rootRef: 'A', amountOre: -3_680_000 }),
    ]);
    expect(m.groups.new.count).toBe(0);
    expect(m.groups.correction.count).toBe(0);
  });
});

describe('corrections of wrong data', () => {
  it('change only the correctable fields of a granted intervention; history stays', () => {
    const ended = {
      ...original,
      grantedOn: d('2023-12-05'),
      endings: [{ endDate: d('2024-09-30'), decidedOn: d('2024-08-01'), by: null, removed: false }],
    };
    const { record } = correct(caseOf('S', [ended]), 'A', { payment: daily(100) }, '2024-08-10');
    const [after] = record.interventions;
    expect(after?.payment).toEqual(daily(100));
    expect(after?.grantedOn).toBe('2023-12-05');
    expect(after?.endings).toEqual(ended.endings);
    expect(after?.status).toBe('granted');
  });

  it('refuse an unknown, a not granted or an unchanged intervention', () => {
    const expected = intervention({ ref: 'E', status: 'expected' });
    const c = caseOf('S', [original, expected]);
    expect(correctIntervention(c, 'X', correctedFields(original))).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(correctIntervention(c, 'E', correctedFields(expected))).toEqual({
      ok: false,
      reason: 'not_granted',
    });
    expect(correctIntervention(c, 'A', correctedFields(original))).toEqual({
      ok: false,
      reason: 'unchanged',
    });
  });

  it('name the fields they change', () => {
    const after = { ...original, startDate: d('2024-02-01'), payment: daily(900) };
    expect(changedFields(original, after)).toEqual(['startDate', 'payment']);
  });

  it('change every as-of statement, while the statement as recorded on a day stays', () => {
    const { record, correction } = correct(
      caseOf('S', [original]),
      'A',
      { payment: daily(100) },
      '2024-08-10',
    );
    // 1.000 kr. was typed for 100 kr.: as of 01.06 the statement now says 36.600 kr.
    expect(committed([record], '2024-06-01')).toBe(3_660_000);
    // as it was recorded on 01.06 (and up to the day before the correction) it said 366.000 kr.
    for (const day of ['2024-06-01', '2024-08-09'])
      expect(committed(asRecordedOn([record], [correction], d(day)), '2024-06-01')).toBe(
        36_600_000,
      );
    expect(committed(asRecordedOn([record], [correction], d('2024-08-10')), '2024-06-01')).toBe(
      3_660_000,
    );
  });

  it('undo to the fields before the first correction after the day, in the order made', () => {
    const one = correct(caseOf('S', [original]), 'A', { payment: daily(900) }, '2024-03-01');
    const two = correct(one.record, 'A', { payment: daily(800) }, '2024-04-01');
    const list = [one.correction, two.correction];
    const pay = (day: string) =>
      asRecordedOn([two.record], list, d(day))[0]?.interventions[0]?.payment;
    expect(pay('2024-02-29')).toEqual(daily(1000));
    expect(pay('2024-03-01')).toEqual(daily(900));
    expect(pay('2024-04-01')).toEqual(daily(800));
  });

  it('show in movement as their own kind, at their effect on the first date, apart from decisions', () => {
    // the grant of a reduction from 01.07 decided 15.06, then on 20.06 the original amount is
    // found to be typed wrong: 1.100 kr. a day, not 1.000 kr.
    const adjustment = intervention({
      ref: 'B',
      status: 'expected',
      modifies: 'A',
      decidedOn: d('2024-06-15'),
      startDate: d('2024-07-01'),
      endDate: d('2024-12-31'),
      payment: daily(800),
    });
    const g = grantIntervention(caseOf('S', [original, adjustment]), 'B', d('2024-06-15'));
    if (!g.ok) throw new Error('not granted');
    const { record, correction } = correct(g.record, 'A', { payment: daily(1100) }, '2024-06-20');
    const m = movementBetween(
      [record],
      RATES,
      { year: 2024, from: d('2024-06-01'), to: d('2024-06-30') },
      [correction],
    );
    // as reported on 01.06: 366.000 kr.; corrected: 402.600 kr. as of 01.06
    expect(m.committedFromOre).toBe(36_600_000);
    expect(m.items).toEqual([
      expect.objectContaining({
        kind: 'correction',
        rootRef: 'A',
        fromOre: 36_600_000,
        toOre: 40_260_000,
        amountOre: 3_660_000,
      }),
      // the reduction from 01.07 on the corrected amount: 184 days × (800 − 1.100) kr.
      expect.objectContaining({ kind: 'changed', rootRef: 'A', amountOre: -5_520_000 }),
    ]);
    expect(m.committedToOre).toBe(182 * 110_000 + 184 * 80_000);
    const net = Object.values(m.groups).reduce((s, g) => s + g.amountOre, 0);
    expect(net).toBe(m.committedToOre - m.committedFromOre);
    expect(m.corrections).toEqual([expect.objectContaining({ reason: 'Tastefejl', rootRef: 'A' })]);
    // a movement before the correction was made does not see it
    const earlier = movementBetween(
      [record],
      RATES,
      { year: 2024, from: d('2024-06-01'), to: d('2024-06-19') },
      [correction],
    );
    expect(earlier.groups.correction.count).toBe(0);
    expect(earlier.committedToOre).toBe(182 * 100_000 + 184 * 80_000);
    expect(earlier.corrections).toEqual([]);
  });

  it('a replaced case corrects only interventions granted on both sides', () => {
    const expected = intervention({ ref: 'E', status: 'expected' });
    const before = caseOf('S', [original, expected]);
    const after = caseOf('S', [
      { ...original, payment: daily(900) },
      { ...expected, payment: daily(1) },
      intervention({ ref: 'N' }),
    ]);
    expect(correctionsBetween(before, after)).toEqual([
      {
        interventionRef: 'A',
        before: correctedFields(original),
        after: correctedFields(after.interventions[0]!),
      },
    ]);
    expect(correctionsBetween(before, before)).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../months';
import { computeYear, totalsByMonth } from './commitments';
import {
  adjustmentChain,
  deleteProblem,
  editProblem,
  nextInterventionRef,
  withIntervention,
  withoutIntervention,
} from './edit';
import { caseOf, daily, intervention, rateMap } from '../../../test/cases-support';

const d = (s: string) => s as IsoDate;
const granted = intervention({ ref: 'S-1', startDate: d('2019-12-01'), endDate: null });
const step = intervention({
  ref: 'S-2',
  status: 'expected',
  modifies: 'S-1',
  decidedOn: d('2019-11-25'),
  startDate: d('2019-12-11'),
  payment: daily(250),
});
const draft = intervention({ ref: 'S-3', status: 'draft' });

describe('editing interventions in place', () => {
  it.each([
    ['S-1', 'granted', 'granted'],
    ['S-2', null, 'adjusted'],
    ['S-3', null, null],
    ['S-9', 'not_found', 'not_found'],
  ] as const)('%s: edit %s, delete %s', (ref, edit, del) => {
    const c = caseOf('S', [granted, step, intervention({ ...draft, modifies: null })]);
    const withChild = withIntervention(
      c,
      null,
      intervention({ ref: 'S-4', status: 'draft', modifies: 'S-2' }),
    );
    expect(editProblem(withChild, ref)).toBe(edit);
    expect(deleteProblem(withChild, ref)).toBe(del);
  });

  it('replaces in place keeping ref and position; removes only the one', () => {
    const c = caseOf('S', [granted, step, draft]);
    const edited = withIntervention(c, 'S-2', { ...step, ref: 'other', payment: daily(300) });
    expect(edited.interventions.map((i) => i.ref)).toEqual(['S-1', 'S-2', 'S-3']);
    expect(edited.interventions[1]?.payment).toEqual(daily(300));
    expect(edited.interventions[0]).toBe(granted);
    expect(withoutIntervention(c, 'S-3').interventions.map((i) => i.ref)).toEqual(['S-1', 'S-2']);
  });

  it('gives the next free ref', () => {
    expect(nextInterventionRef(caseOf('S', []))).toBe('S-1');
    expect(nextInterventionRef(caseOf('S', [granted, intervention({ ref: 'S-3' })]))).toBe('S-4');
  });

  it('lists an adjustment chain from its root in decision order', () => {
    const later = intervention({
      ref: 'S-5',
      status: 'expected',
      modifies: 'S-2',
      decidedOn: d('2019-12-20'),
    });
    const c = caseOf('S', [later, granted, step, draft]);
    expect(adjustmentChain(c, 'S-5').map((i) => i.ref)).toEqual(['S-1', 'S-2', 'S-5']);
    expect(adjustmentChain(c, 'S-3').map((i) => i.ref)).toEqual(['S-3']);
  });
});

describe('an expected adjustment counts in the forecast at once', () => {
  it('step-down halves the expected cost from its start; granted cost is unchanged', () => {
    const before = caseOf('S', [granted]);
    const after = withIntervention(before, null, step);
    const t0 = totalsByMonth(
      computeYear([before], rateMap(), { year: 2019, asOf: null }).interventions,
    );
    const t1 = totalsByMonth(
      computeYear([after], rateMap(), { year: 2019, asOf: null }).interventions,
    );
    // December: 31 days × 500 kr. before; 10 × 500 + 21 × 250 kr. after
    expect(t0.expected.byMonth[11]).toBe(1_550_000);
    expect(t1.expected.byMonth[11]).toBe(1_025_000);
    expect(t1.granted.byMonth[11]).toBe(t0.granted.byMonth[11]);
  });

  it('adding an adjustment to one case never changes another case (property)', () => {
    const other = caseOf('T', [intervention({ ref: 'T-1', startDate: d('2019-03-01') })]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 2000 }),
        (day, kr) => {
          const start = new Date(Date.UTC(2019, 0, 1 + day)).toISOString().slice(0, 10);
          const adjusted = withIntervention(caseOf('S', [granted]), null, {
            ...step,
            startDate: d(start),
            payment: daily(kr),
          });
          const alone = computeYear([other], rateMap(), { year: 2019, asOf: null });
          const both = computeYear([other, adjusted], rateMap(), { year: 2019, asOf: null });
          const ofT = (y: typeof alone) =>
            totalsByMonth(y.interventions.filter((i) => i.caseRef === 'T'));
          expect(ofT(both)).toEqual(ofT(alone));
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { grantIntervention } from '../cases/grant';
import { caseOf, daily, intervention, rateMap } from '../../../test/cases-support';
import type { CaseRecord, Intervention } from '../cases/types';
import { oreFromKroner as kr } from '../money';
import type { IsoDate } from '../months';
import { actsOnIncludes, actsOnProblem, type ActsOn } from './acts-on';
import { measureAreas, measuredMonths, withMeasuredEffect } from './measured';
import { emptyMonths, emptyRealised, type ActionPlan } from './plan';
import { computeRealisation } from './realisation';

const d = (s: string) => s as IsoDate;
const UNIT = 'unit-ungeteam';
const EXTERNAL: ActsOn = { kind: 'provider', value: 'ekstern' };

/** A placement at an external provider, 1.000 kr a day through 2026, decided before the year. */
const placement = (ref: string, over: Partial<Intervention> = {}) =>
  intervention({
    ref,
    decidedOn: d('2025-12-01'),
    category: 'anbringelse-opholdssted',
    provider: { name: 'Opholdsstedet Lyngly', external: true },
    accountFunction: '5.28.23',
    startDate: d('2026-01-01'),
    endDate: d('2026-12-31'),
    payment: daily(1000),
    ...over,
  });

/** The placement stepped down to 800 kr a day from `from`, decided and granted on `decidedOn`. */
function steppedDown(
  ref: string,
  from: string,
  decidedOn: string,
  over: Partial<Intervention> = {},
): CaseRecord {
  const record = caseOf(
    ref,
    [
      placement(`${ref}-1`, over),
      placement(`${ref}-2`, {
        ...over,
        status: 'expected',
        modifies: `${ref}-1`,
        decidedOn: d(decidedOn),
        startDate: d(from),
        payment: daily(800),
      }),
    ],
    { unit: UNIT },
  );
  const granted = grantIntervention(record, `${ref}-2`, d(decidedOn));
  if (!granted.ok) throw new Error(granted.reason);
  return granted.record;
}

const measure = (cases: CaseRecord[], asOf: string, actsOn: ActsOn = EXTERNAL) =>
  measureAreas(cases, rateMap(), {
    year: 2026,
    unitId: UNIT,
    startedOn: d('2026-03-01'),
    asOf: d(asOf),
    areas: [{ number: 1, actsOn }],
  })[0];

describe('measured realised effect of an area', () => {
  it('a step-down granted after the plan started is a saving from its first month', () => {
    const m = measure([steppedDown('S1', '2026-05-01', '2026-04-15')], '2026-06-30');
    // before the plan's start (January, February) and after the as-of month: not measured
    expect(m?.effect).toEqual([
      null,
      null,
      0,
      0,
      kr(31 * 200),
      kr(30 * 200),
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m?.baseline[4]).toBe(kr(31 * 1000));
    expect(m?.committed[4]).toBe(kr(31 * 800));
  });

  it('a decision after the as-of date does not count', () => {
    const later = steppedDown('S2', '2026-07-01', '2026-07-15');
    const cases = [steppedDown('S1', '2026-05-01', '2026-04-15'), later];
    const asOfJune = measure(cases, '2026-06-30');
    expect(asOfJune?.effect.slice(4, 7)).toEqual([kr(31 * 200), kr(30 * 200), null]);
    // the same as without the later decision: an as-of figure never moves by later decisions
    expect(asOfJune?.effect).toEqual(
      measure([steppedDown('S1', '2026-05-01', '2026-04-15')], '2026-06-30')?.effect,
    );
    // once it is decided, its month counts
    expect(measure(cases, '2026-07-31')?.effect[6]).toBe(kr(31 * 200 * 2));
  });

  it('a case at another provider kind, or in another unit, does not count', () => {
    const internal = steppedDown('S3', '2026-05-01', '2026-04-15', {
      provider: { name: 'Familiecentret', external: false },
    });
    const otherUnit = { ...steppedDown('S4', '2026-05-01', '2026-04-15'), unit: 'unit-other' };
    const m = measure([internal, otherUnit], '2026-06-30');
    expect(m?.effect.slice(2, 6)).toEqual([0, 0, 0, 0]);
    expect(m?.baseline.every((v) => v === 0)).toBe(true);
    // the internal case is in the unit as a whole
    const whole = measure([internal, otherUnit], '2026-06-30', { kind: 'unit', value: UNIT });
    expect(whole?.effect[4]).toBe(kr(31 * 200));
  });

  it('acts on a category group or an account function as named', () => {
    const cases = [steppedDown('S1', '2026-05-01', '2026-04-15')];
    const group = (value: string) =>
      measure(cases, '2026-06-30', { kind: 'category_group', value });
    expect(group('anbringelse')?.effect[4]).toBe(kr(31 * 200));
    expect(group('forebyggende')?.effect[4]).toBe(0);
    const fn = (value: string) => measure(cases, '2026-06-30', { kind: 'account_function', value });
    expect(fn('5.28.23')?.effect[5]).toBe(kr(30 * 200));
    expect(fn('5.28.22')?.effect[5]).toBe(0);
  });

  it('a new intervention after the start is a negative effect (more committed than at the start)', () => {
    const added = caseOf(
      'S5',
      [placement('S5-1', { decidedOn: d('2026-04-20'), startDate: d('2026-05-01') })],
      {
        unit: UNIT,
      },
    );
    expect(measure([added], '2026-05-31')?.effect[4]).toBe(kr(-31 * 1000));
  });
});

describe('measuredMonths', () => {
  it.each([
    ['2026-03-01', '2026-06-30', [2, 3, 4, 5]],
    ['2025-11-15', '2026-01-31', [0]],
    ['2026-10-01', '2027-01-31', [9, 10, 11]],
    ['2026-06-01', '2026-05-31', []],
    ['2027-01-01', '2027-03-31', []],
  ] as const)('from %s to %s', (start, asOf, months) => {
    expect(measuredMonths(2026, d(start), d(asOf))).toEqual(months);
  });
});

describe('realised effect with a manual addition', () => {
  const plan: ActionPlan = {
    title: 'Handleplan',
    year: 2026,
    center: { name: null, responsible: null },
    unit: { name: null, responsible: null },
    startedOn: '2026-03-01',
    updatedOn: null,
    cause: null,
    causes: [],
    areas: [
      {
        number: 1,
        title: 'Eksterne leverandører',
        goal: null,
        targetAmount: null,
        action: null,
        consequences: null,
        monthlyEffect: emptyMonths(),
        realisedEffect: emptyRealised().map((v, m) => (m === 5 ? kr(1000) : v)),
        actsOn: EXTERNAL,
      },
      {
        number: 2,
        title: 'Manuelt',
        goal: null,
        targetAmount: null,
        action: null,
        consequences: null,
        monthlyEffect: emptyMonths(),
        realisedEffect: emptyRealised().map((v, m) => (m === 1 ? kr(500) : v)),
      },
    ],
    expectedOverspend: { atStart: null, atLastUpdate: null, afterThisUpdate: null },
    overspendSources: { atStart: null, afterThisUpdate: null },
  };

  it('adds the manual addition to the measured months; areas without a target keep theirs', () => {
    const m = measure([steppedDown('S1', '2026-05-01', '2026-04-15')], '2026-06-30');
    const combined = withMeasuredEffect(plan, m ? [m] : []);
    expect(combined.areas[0]?.realisedEffect.slice(0, 7)).toEqual([
      null,
      null,
      0,
      0,
      kr(6200),
      kr(6000 + 1000),
      null,
    ]);
    expect(combined.areas[1]?.realisedEffect).toEqual(plan.areas[1]?.realisedEffect);
    const r = computeRealisation(combined);
    expect(r.byArea).toEqual([
      { number: 1, planned: 0, realised: kr(13_200) },
      { number: 2, planned: 0, realised: kr(500) },
    ]);
    expect(r.realisedTotal).toBe(kr(13_700));
    expect(r.lastRecordedMonth).toBe(5);
  });
});

describe('acts-on checks', () => {
  const choices = { accountFunctions: ['5.28.22', '5.28.23'], unitId: UNIT };
  it.each([
    [{ kind: 'category_group', value: 'eftervaern' }, null],
    [{ kind: 'category_group', value: 'Efterværn' }, 'unknown_category_group'],
    [{ kind: 'provider', value: 'intern' }, null],
    [{ kind: 'provider', value: 'Lyngly' }, 'unknown_provider'],
    [{ kind: 'account_function', value: '5.28.22' }, null],
    [{ kind: 'account_function', value: '5.28.99' }, 'unknown_function'],
    [{ kind: 'unit', value: UNIT }, null],
    [{ kind: 'unit', value: 'unit-other' }, 'other_unit'],
  ] as const)('%o → %s', (actsOn, problem) => {
    expect(actsOnProblem(actsOn, choices)).toBe(problem);
  });

  it('an unknown category counts as "andet", as in the statement', () => {
    const subject = {
      unit: UNIT,
      category: 'ukendt-kategori',
      external: false,
      accountFunction: '5.28.21',
    };
    expect(actsOnIncludes({ kind: 'category_group', value: 'andet' }, UNIT, subject)).toBe(true);
  });
});

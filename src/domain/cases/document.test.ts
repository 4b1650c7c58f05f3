import { describe, expect, it } from 'vitest';
import {
  readCasesDocument,
  writeCasesDocument,
  type RawCasesDocument,
  type RawIntervention,
} from './document';

function doc(
  interventions: Partial<RawIntervention>[],
  extra: Partial<RawCasesDocument> = {},
): RawCasesDocument {
  return {
    format: 'overblik/cases@1',
    rates: [
      {
        code: 'vederlag',
        name: 'Plejefamilievederlag pr. måned',
        periods: [{ from: '2023-01-01', to: null, amount: 4694 }],
      },
    ],
    cases: [
      {
        ref: 'S-1001',
        household: 'H-17',
        unit: 'Myndighed børn og unge',
        person: { ref: 'P-1', birthDate: '2006-03-14' },
        interventions: interventions.map((over, n) => ({
          ref: `A-${n + 1}`,
          kind: 'main',
          status: 'granted',
          modifies: null,
          decidedOn: '2019-11-20',
          category: 'anbringelse-plejefamilie',
          paragraph: 'BL §46',
          provider: { name: 'Plejefamilie', external: false },
          accountFunction: '5.28.22',
          startDate: '2019-12-01',
          endDate: null,
          payment: {
            type: 'running',
            frequency: 'monthly',
            dayOfMonth: 1,
            units: 3,
            rate: 'vederlag',
          },
          ...over,
        })),
      },
    ],
    ...extra,
  };
}

const issuesOf = (d: RawCasesDocument) => {
  const r = readCasesDocument(d);
  return r.ok ? [] : r.issues.map((i) => [i.path, i.code]);
};

describe('reading the cases format', () => {
  it('accepts the format example and converts kroner to øre', () => {
    const r = readCasesDocument(doc([{}]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rates[0]?.periods[0]?.amountOre).toBe(469_400);
  });

  it.each<[string, Partial<RawIntervention>, string, string]>([
    [
      'end before start',
      { endDate: '2019-11-30' },
      'cases.0.interventions.0.endDate',
      'end_before_start',
    ],
    [
      'day of month 0',
      { payment: { type: 'running', frequency: 'monthly', dayOfMonth: 0, amount: 100 } },
      'cases.0.interventions.0.payment.dayOfMonth',
      'day_of_month',
    ],
    [
      'day of month 32',
      { payment: { type: 'running', frequency: 'monthly', dayOfMonth: 32, amount: 100 } },
      'cases.0.interventions.0.payment.dayOfMonth',
      'day_of_month',
    ],
    [
      'a category outside the catalogue (a Danish name is not a code)',
      { category: 'Efterværn' },
      'cases.0.interventions.0.category',
      'unknown_category',
    ],
    [
      'an unknown rate',
      { payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, units: 2, rate: 'nope' } },
      'cases.0.interventions.0.payment.rate',
      'unknown_rate',
    ],
    [
      'three decimals',
      { payment: { type: 'running', frequency: 'daily', amount: 100.125 } },
      'cases.0.interventions.0.payment.amount',
      'too_many_decimals',
    ],
    [
      'three decimals in an individual payment',
      { payment: { type: 'individual', payments: [{ date: '2019-12-01', amount: 1.001 }] } },
      'cases.0.interventions.0.payment.payments.0.amount',
      'too_many_decimals',
    ],
    [
      'an invalid date',
      { startDate: '2019-02-29' },
      'cases.0.interventions.0.startDate',
      'invalid_date',
    ],
    [
      'modifying a missing intervention',
      { modifies: 'X' },
      'cases.0.interventions.0.modifies',
      'modifies_unknown',
    ],
  ])('rejects %s with its path and a Danish message', (_, over, path, code) => {
    const r = readCasesDocument(doc([over]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const found = r.issues.find((i) => i.path === path && i.code === code);
      expect(found).toBeDefined();
      expect(found?.message).toMatch(/^[A-ZÆØÅ][^_]+\.$/);
    }
  });

  it('takes a running plan that pays nothing as the format allows, but not one entered on screen', () => {
    const noPayment: Partial<RawIntervention> = {
      startDate: '2019-12-02',
      endDate: '2019-12-20',
      payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount: 100 },
    };
    expect(issuesOf(doc([{}, noPayment]))).toEqual([]);
    const entered = readCasesDocument(doc([{}, noPayment]), new Set(), {
      entered: { case: 0, intervention: 1 },
    });
    expect(entered.ok).toBe(false);
    if (!entered.ok) {
      expect(entered.issues).toEqual([
        {
          path: 'cases.0.interventions.1.payment',
          code: 'no_payment',
          message: 'Betalingsplanen giver ingen betaling mellem start- og slutdato.',
        },
      ]);
    }
    const other = readCasesDocument(doc([{}, noPayment]), new Set(), {
      entered: { case: 0, intervention: 0 },
    });
    expect(other.ok).toBe(true);
  });

  it('rejects circular adjustments on every member', () => {
    expect(
      issuesOf(
        doc([
          { ref: 'A', modifies: 'B' },
          { ref: 'B', modifies: 'A' },
        ]),
      ),
    ).toEqual([
      ['cases.0.interventions.0.modifies', 'circular_adjustment'],
      ['cases.0.interventions.1.modifies', 'circular_adjustment'],
    ]);
  });

  it('rejects an adjustment of an intervention in another case', () => {
    const d = doc([{ ref: 'A' }]);
    const second = structuredClone(d.cases[0]!);
    second.ref = 'S-2';
    second.interventions = [{ ...second.interventions[0]!, ref: 'B', modifies: 'A' }];
    d.cases.push(second);
    expect(issuesOf(d)).toEqual([['cases.1.interventions.0.modifies', 'modifies_other_case']]);
  });

  it('lists every problem at once', () => {
    expect(
      issuesOf(
        doc([
          { endDate: '2019-01-01' },
          { payment: { type: 'running', frequency: 'monthly', dayOfMonth: 32, amount: 1.005 } },
        ]),
      ).length,
    ).toBe(3);
  });

  it('writes back what it read', () => {
    const d = doc([
      {},
      {
        ref: 'B',
        status: 'expected',
        modifies: 'A-1',
        followOn: true,
        payment: { type: 'individual', payments: [{ date: '2020-01-05', amount: -1234.56 }] },
      },
    ]);
    const r = readCasesDocument(d);
    if (!r.ok) throw new Error('rejected');
    const back = writeCasesDocument(r.cases, r.rates);
    const again = readCasesDocument(back);
    expect(again).toEqual(r);
    expect(back.cases[0]?.interventions[1]?.payment.payments).toEqual([
      { date: '2020-01-05', amount: -1234.56 },
    ]);
  });

  it('writes a grant on the day it was decided without grantedOn, as the reader stores it', () => {
    const r = readCasesDocument(doc([{ grantedOn: '2020-01-10' }]));
    if (!r.ok) throw new Error('rejected');
    const [record] = r.cases;
    if (!record) throw new Error('no case');
    const stored = {
      ...record,
      interventions: record.interventions.map((i) => ({ ...i, grantedOn: i.decidedOn })),
    };
    const back = writeCasesDocument([stored], r.rates);
    expect(back.cases[0]?.interventions[0]).not.toHaveProperty('grantedOn');
    const later = writeCasesDocument(r.cases, r.rates);
    expect(later.cases[0]?.interventions[0]?.grantedOn).toBe('2020-01-10');
    expect(readCasesDocument(later)).toEqual(r);
  });
});

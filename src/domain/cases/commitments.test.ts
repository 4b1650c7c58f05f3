import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore, toKroner } from '../money';
import { fromDayNumber, type IsoDate } from '../months';
import { computeYear, statementBy, totalsByMonth } from './commitments';
import { familiesWithSeveral, fullYearPersons } from './families';
import { grantIntervention } from './grant';
import { movementBetween } from './movement';
import { analyseCase, countsExpected } from './analysis';
import { dayOf, paymentsBetween } from './payments';
import { caseOf, daily, intervention, rateMap } from '../../../test/cases-support';
import type { CaseRecord, Intervention } from './types';

const d = (s: string) => s as IsoDate;
const year = (cases: CaseRecord[], y: number, asOf: string | null = null) =>
  computeYear(cases, rateMap(), { year: y, asOf: asOf === null ? null : d(asOf) });
const totals = (cases: CaseRecord[], y: number, asOf: string | null = null) =>
  totalsByMonth(year(cases, y, asOf).interventions);
const byRef = (cases: CaseRecord[], y: number, asOf: string | null = null) =>
  Object.fromEntries(
    year(cases, y, asOf).interventions.map((i) => [i.intervention.ref, i.expectedOre]),
  );

const original = intervention({ ref: 'A', startDate: d('2019-12-01'), endDate: d('2019-12-15') });
const adjustment = intervention({
  ref: 'B',
  status: 'expected',
  modifies: 'A',
  decidedOn: d('2019-11-25'),
  startDate: d('2019-12-02'),
  endDate: d('2019-12-11'),
});

describe('rules 2 and 3 (format examples)', () => {
  it('granted 2019-12-01..2019-12-15 costs 7.500 kr in 2019', () => {
    expect(totals([caseOf('S', [original])], 2019).expected.total).toBe(750_000);
    expect(totals([caseOf('S', [original])], 2019).granted.total).toBe(750_000);
  });

  it('an expected adjustment replaces the original from its first payment', () => {
    const c = caseOf('S', [original, adjustment]);
    expect(byRef([c], 2019)).toEqual({ A: 50_000, B: 500_000 });
    const t = totals([c], 2019);
    expect(t.expected.total).toBe(550_000);
    // rule 2: granted cost ignores adjustments
    expect(t.granted.total).toBe(750_000);
  });

  it('the cut holds even after the adjustment ends', () => {
    const c = caseOf('S', [original, { ...adjustment, endDate: d('2019-12-03') }]);
    expect(byRef([c], 2019)).toEqual({ A: 50_000, B: 100_000 });
  });

  it('drafts never count and never cut', () => {
    const c = caseOf('S', [original, { ...adjustment, status: 'draft' }]);
    expect(byRef([c], 2019)).toEqual({ A: 750_000, B: 0 });
  });

  it('the earliest payment of the whole chain A ← B ← C cuts A', () => {
    const c = caseOf('S', [
      original,
      { ...adjustment, startDate: d('2019-12-10') },
      intervention({
        ref: 'C',
        status: 'expected',
        modifies: 'B',
        startDate: d('2019-12-05'),
        endDate: d('2019-12-06'),
      }),
    ]);
    // A counts 12-01..12-04; B 12-10..12-11; C 12-05..12-06
    expect(byRef([c], 2019)).toEqual({ A: 200_000, B: 100_000, C: 100_000 });
  });

  it('a modified one-time granted intervention counts nothing', () => {
    const c = caseOf('S', [
      intervention({ ref: 'A', payment: { type: 'one-time', amountOre: 1_000_000 as never } }),
      intervention({
        ref: 'B',
        status: 'expected',
        modifies: 'A',
        payment: { type: 'one-time', amountOre: 400_000 as never },
      }),
    ]);
    expect(byRef([c], 2019)).toEqual({ A: 0, B: 400_000 });
    expect(totals([c], 2019).granted.total).toBe(1_000_000);
  });

  it('rule 5: as of a date sees only what was decided by then', () => {
    const c = caseOf('S', [original, adjustment]);
    expect(totals([c], 2019, '2019-11-24').expected.total).toBe(750_000);
    expect(totals([c], 2019, '2019-11-25').expected.total).toBe(550_000);
    expect(totals([c], 2019, '2018-12-31').expected.total).toBe(0);
  });
});

describe('rule 4: granting', () => {
  it('ends the original the day before the adjustment starts, by an ending dated by the grant', () => {
    const granted = grantIntervention(caseOf('S', [original, adjustment]), 'B', d('2019-11-28'));
    if (!granted.ok) throw new Error('not granted');
    expect(granted.endedRef).toBe('A');
    const a = granted.record.interventions.find((i) => i.ref === 'A');
    expect(a?.endDate).toBe('2019-12-15');
    expect(a?.endings).toEqual([
      { endDate: '2019-12-01', decidedOn: '2019-11-28', by: 'B', removed: false },
    ]);
    expect(granted.record.interventions.find((i) => i.ref === 'B')?.grantedOn).toBe('2019-11-28');
    expect(byRef([granted.record], 2019)).toEqual({ A: 50_000, B: 500_000 });
    expect(totals([granted.record], 2019).granted.total).toBe(550_000);
    // as of the day before the grant: the adjustment is still expected, the original unended
    expect(totals([granted.record], 2019, '2019-11-27').granted.total).toBe(750_000);
    expect(byRef([granted.record], 2019, '2019-11-27')).toEqual({ A: 50_000, B: 500_000 });
  });

  it('removes the original from the grant on when the adjustment starts on or before it', () => {
    const c = caseOf('S', [original, { ...adjustment, startDate: d('2019-12-01') }]);
    const granted = grantIntervention(c, 'B', d('2019-11-28'));
    if (!granted.ok) throw new Error('not granted');
    expect(granted.removedRef).toBe('A');
    // nothing is deleted and the chain stays A ← B
    expect(granted.record.interventions.map((i) => [i.ref, i.modifies])).toEqual([
      ['A', null],
      ['B', 'A'],
    ]);
    expect(byRef([granted.record], 2019)).toEqual({ A: 0, B: 550_000 });
    expect(totals([granted.record], 2019).granted.total).toBe(550_000);
    expect(totals([granted.record], 2019, '2019-11-27').granted.total).toBe(750_000);
    expect(totals([granted.record], 2019, '2019-11-27').expected.total).toBe(
      totals([c], 2019, '2019-11-27').expected.total,
    );
  });

  it('refuses to grant what is not expected, or before it was decided', () => {
    expect(grantIntervention(caseOf('S', [original]), 'A', d('2019-12-01'))).toEqual({
      ok: false,
      reason: 'not_expected',
    });
    expect(grantIntervention(caseOf('S', [original, adjustment]), 'B', d('2019-11-24'))).toEqual({
      ok: false,
      reason: 'before_decided',
    });
  });

  it('the issue example: granting a reduction never rewrites an earlier statement, and movement shows it as a reduction', () => {
    const a = intervention({
      ref: 'A',
      decidedOn: d('2023-12-01'),
      startDate: d('2024-01-01'),
      endDate: d('2024-12-31'),
      payment: daily(1000),
    });
    const b = intervention({
      ref: 'B',
      status: 'expected',
      modifies: 'A',
      decidedOn: d('2024-06-15'),
      startDate: d('2024-07-01'),
      endDate: d('2024-12-31'),
      payment: daily(800),
    });
    const before = caseOf('S', [a, b]);
    expect(totals([before], 2024, '2024-06-01').expected.total).toBe(36_600_000);
    const granted = grantIntervention(before, 'B', d('2024-06-20'));
    if (!granted.ok) throw new Error('not granted');
    expect(totals([granted.record], 2024, '2024-06-01').expected.total).toBe(36_600_000);
    expect(totals([granted.record], 2024, '2024-06-01').granted.total).toBe(36_600_000);
    expect(totals([granted.record], 2024, '2024-07-31').expected.total).toBe(32_920_000);
    const m = movementBetween([granted.record], rateMap(), {
      year: 2024,
      from: d('2024-06-01'),
      to: d('2024-07-31'),
    });
    expect(m.items).toEqual([
      expect.objectContaining({ kind: 'changed', rootRef: 'A', amountOre: -3_680_000 }),
    ]);
  });
});

describe('statements, movement and families', () => {
  const cases = [
    caseOf('S1', [original, adjustment]),
    caseOf(
      'S2',
      [
        intervention({
          ref: 'X',
          provider: { name: 'Ekstern', external: true },
          category: 'eftervaern',
          accountFunction: '5.28.23',
          decidedOn: d('2019-12-05'),
          startDate: d('2019-12-10'),
          endDate: d('2019-12-19'),
        }),
      ],
      { person: { ref: 'P2', birthDate: d('2001-12-15') } },
    ),
  ];

  it('splits by provider and age band, rows summing to the total', () => {
    const items = year(cases, 2019).interventions;
    expect(statementBy(items, 'provider')).toEqual([
      {
        key: 'ekstern',
        expectedOre: 500_000,
        grantedOre: 500_000,
        caseRefs: ['S2'],
        byCase: [{ ref: 'S2', expectedOre: 500_000, grantedOre: 500_000 }],
      },
      {
        key: 'intern',
        expectedOre: 550_000,
        grantedOre: 750_000,
        caseRefs: ['S1'],
        byCase: [{ ref: 'S1', expectedOre: 550_000, grantedOre: 750_000 }],
      },
    ]);
    // split by age band, S2 is in two rows: its part of each adds up to the row
    for (const row of statementBy(items, 'ageBand')) {
      const parts = row.byCase.reduce((sum, c) => sum + c.expectedOre, 0);
      expect(parts).toBe(row.expectedOre);
    }
    // S2's person turns 18 on 2019-12-15: 5 days at 17, 5 days at 18
    const bands = Object.fromEntries(
      statementBy(items, 'ageBand').map((r) => [r.key, r.expectedOre]),
    );
    expect(bands).toEqual({ '13-17': 550_000 + 250_000, '18-22': 250_000 });
  });

  it('movement: net of new, ended and changed equals the difference', () => {
    const m = movementBetween(cases, rateMap(), {
      year: 2019,
      from: d('2019-11-01'),
      to: d('2019-12-31'),
    });
    expect(m.committedFromOre).toBe(750_000);
    expect(m.committedToOre).toBe(1_050_000);
    expect(m.groups.new).toEqual({ count: 1, amountOre: 500_000 });
    expect(m.groups.changed).toEqual({ count: 1, amountOre: -200_000 });
    expect(m.groups.ended).toEqual({ count: 0, amountOre: 0 });
  });

  it('counts families with more than one measure, an adjustment chain being one', () => {
    const c = [
      caseOf(
        'S1',
        [
          intervention({ ref: 'A', startDate: d('2019-01-01') }),
          intervention({ ref: 'B', startDate: d('2019-06-01') }),
          intervention({ ref: 'C', status: 'expected', modifies: 'B', startDate: d('2019-09-01') }),
        ],
        { household: 'H1' },
      ),
      caseOf('S2', [intervention({ ref: 'A', startDate: d('2019-01-01') })], {
        household: 'H1',
        person: { ref: 'P9', birthDate: d('2005-01-01') },
      }),
      caseOf(
        'S3',
        [
          intervention({ ref: 'A', startDate: d('2019-01-01') }),
          intervention({ ref: 'F', followOn: true, startDate: d('2019-01-01') }),
        ],
        { household: 'H2' },
      ),
    ];
    const f = familiesWithSeveral(c, d('2019-12-31'));
    expect(f).toEqual([
      {
        band: '13-17',
        families: 1,
        interventions: 3,
        perFamily: 3,
        households: [{ household: 'H1', interventions: 3, caseRefs: ['S1', 'S2'] }],
      },
    ]);
  });

  it('full-year persons: days in force over the days of the year', () => {
    const c = [
      caseOf('S1', [
        intervention({ ref: 'A', startDate: d('2019-01-01'), endDate: d('2019-07-01') }),
        intervention({ ref: 'B', startDate: d('2019-03-01'), endDate: d('2019-12-31') }),
      ]),
    ];
    expect(fullYearPersons(c, { year: 2019, asOf: null }).total).toBe(1);
  });
});

const arbIntervention = (ref: string, modifies: string | null): fc.Arbitrary<Intervention> =>
  fc
    .record({
      start: fc.integer({ min: dayOf(d('2018-06-01')), max: dayOf(d('2020-06-01')) }),
      length: fc.integer({ min: 0, max: 400 }),
      open: fc.boolean(),
      amount: fc.integer({ min: -50_000, max: 500_000 }),
      status: fc.constantFrom('draft' as const, 'expected' as const, 'granted' as const),
      weekly: fc.boolean(),
      decided: fc.integer({ min: dayOf(d('2018-01-01')), max: dayOf(d('2020-12-31')) }),
    })
    .map((r) =>
      intervention({
        ref,
        modifies,
        status: modifies === null && r.status === 'draft' ? 'granted' : r.status,
        decidedOn: fromDayNumber(r.decided),
        startDate: fromDayNumber(r.start),
        endDate: r.open ? null : fromDayNumber(r.start + r.length),
        payment: r.weekly
          ? { type: 'running', frequency: 'weekly', amountOre: r.amount as never }
          : daily(toKroner(ore(r.amount))),
      }),
    );

const arbCase = (ref: string) =>
  fc
    .tuple(
      arbIntervention('A', null),
      fc.option(arbIntervention('B', 'A')),
      fc.option(arbIntervention('C', 'B')),
    )
    .map(([a, b, c]) => caseOf(ref, [a, ...(b ? [b] : []), ...(b && c ? [c] : [])]));

describe('properties', () => {
  it('adding an adjustment in one case never changes another case', () => {
    fc.assert(
      fc.property(
        arbCase('S1'),
        arbCase('S2'),
        arbIntervention('Z', 'A'),
        fc.integer({ min: 2018, max: 2021 }),
        (c1, c2, extra, y) => {
          const before = year([c1, c2], y).interventions.filter((i) => i.caseRef === 'S2');
          const c1b = { ...c1, interventions: [...c1.interventions, extra] };
          const after = year([c1b, c2], y).interventions.filter((i) => i.caseRef === 'S2');
          expect(after).toEqual(before);
        },
      ),
    );
  });

  it("a year's months sum to its total and every statement's rows sum to it", () => {
    fc.assert(
      fc.property(
        fc.tuple(arbCase('S1'), arbCase('S2')),
        fc.integer({ min: 2018, max: 2021 }),
        (cases, y) => {
          const items = year(cases, y, '2020-06-30').interventions;
          const t = totalsByMonth(items);
          expect(t.expected.byMonth.reduce((s, v) => s + v, 0)).toBe(t.expected.total);
          for (const dim of [
            'unit',
            'category',
            'provider',
            'ageBand',
            'month',
            'accountFunction',
          ] as const) {
            const rows = statementBy(items, dim);
            expect(rows.reduce((s, r) => s + r.expectedOre, 0)).toBe(t.expected.total);
            expect(rows.reduce((s, r) => s + r.grantedOre, 0)).toBe(t.granted.total);
          }
        },
      ),
    );
  });

  it('movement net always equals the difference in committed cost', () => {
    fc.assert(
      fc.property(
        fc.tuple(arbCase('S1'), arbCase('S2')),
        fc.integer({ min: dayOf(d('2018-01-01')), max: dayOf(d('2020-12-31')) }),
        fc.integer({ min: 0, max: 700 }),
        (cases, a, gap) => {
          const m = movementBetween(cases, rateMap(), {
            year: 2019,
            from: fromDayNumber(a),
            to: fromDayNumber(a + gap),
          });
          const net =
            m.groups.new.amountOre + m.groups.ended.amountOre + m.groups.changed.amountOre;
          expect(net).toBe(m.committedToOre - m.committedFromOre);
        },
      ),
    );
  });

  it('granting never changes the expected cost from the adjustment start on (plans paying from their start)', () => {
    fc.assert(
      fc.property(arbIntervention('A', null), arbIntervention('B', 'A'), (a0, b0) => {
        const a = { ...a0, status: 'granted' as const, decidedOn: d('2018-01-01') };
        const b = { ...b0, status: 'expected' as const, decidedOn: d('2018-01-01') };
        const c = caseOf('S', [a, b]);
        const g = grantIntervention(c, 'B', d('2018-01-01'));
        if (!g.ok) throw new Error('not granted');
        const from = dayOf(b.startDate);
        expect(expectedFrom(g.record, from)).toBe(expectedFrom(c, from));
      }),
    );
  });
});

/** Expected cost (rule 3) of every payment dated on or after `from`. */
function expectedFrom(record: CaseRecord, from: number): number {
  const analysis = analyseCase(record, null);
  let sum = 0;
  for (const i of analysis.visible) {
    for (const p of paymentsBetween(
      i.payment,
      i.startDate,
      i.endDate,
      from,
      from + 3000,
      rateMap(),
    )) {
      if (countsExpected(i, analysis, p.day)) sum += p.amountOre ?? 0;
    }
  }
  return sum;
}

describe('full-year persons', () => {
  it('splits the days by the age band of each day and never counts a day twice', () => {
    const c = [
      caseOf(
        'S1',
        [
          intervention({ ref: 'A', startDate: d('2019-01-01'), endDate: d('2019-03-31') }),
          intervention({ ref: 'B', startDate: d('2019-03-01'), endDate: d('2019-12-31') }),
        ],
        {
          person: { ref: 'P', birthDate: d('2001-07-01') },
        },
      ),
    ];
    const f = fullYearPersons(c, { year: 2019, asOf: null });
    expect(f.total).toBe(1);
    // 17 until 30 June (181 days), 18 from 1 July (184 days)
    expect(f.byBand).toEqual({
      '13-17': Math.round((181 / 365) * 100) / 100,
      '18-22': Math.round((184 / 365) * 100) / 100,
    });
  });
});

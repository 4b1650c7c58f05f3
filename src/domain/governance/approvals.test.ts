import { describe, expect, it } from 'vitest';
import { refuseIntervention, grantIntervention } from '../cases/grant';
import { caseOf, daily, intervention } from '../../../test/cases-support';
import type { IsoDate } from '../months';
import {
  approvalKindOf,
  grantCatches,
  holdCaughtGrants,
  ruleParamProblems,
  rulesInForce,
  type ApprovalRule,
} from './approvals';

const RULES: ApprovalRule[] = [
  { id: 'household_several', kind: 'approval', enabled: true, params: { maxMeasures: 1 } },
  {
    id: 'visitation_category',
    kind: 'visitation',
    enabled: true,
    params: { categories: ['eftervaern'] },
  },
];
const d = (s: string) => s as IsoDate;

const first = caseOf('S-1', [intervention({ ref: 'A', startDate: d('2026-01-01') })], {
  household: 'H',
});
const second = (over: Parameters<typeof intervention>[0]) =>
  caseOf('S-2', [intervention({ status: 'expected', startDate: d('2026-03-01'), ...over })], {
    household: 'H',
  });

describe('grantCatches', () => {
  it('catches a second measure in force in the household, counted across its cases', () => {
    expect(grantCatches(RULES, [first, second({ ref: 'B' })], 'S-2', 'B')).toEqual([
      { rule: 'household_several', measures: 2, maxMeasures: 1, caseRefs: ['S-1'] },
    ]);
  });

  it.each([
    ['a first measure', [second({ ref: 'B' })]],
    [
      'a measure after the other has ended',
      [
        caseOf('S-1', [intervention({ ref: 'A', endDate: d('2026-02-28') })], { household: 'H' }),
        second({ ref: 'B' }),
      ],
    ],
    ['an income line', [first, second({ ref: 'B', payment: daily(-100) })]],
    ['a follow-on cost', [first, second({ ref: 'B', followOn: true })]],
    [
      'a measure beside an expected (not granted) one',
      [
        caseOf('S-1', [intervention({ ref: 'A', status: 'expected' })], { household: 'H' }),
        second({ ref: 'B' }),
      ],
    ],
  ])('does not catch %s', (_name, household) => {
    expect(grantCatches(RULES, household, 'S-2', 'B')).toEqual([]);
  });

  it('an adjustment of a granted measure adds no measure', () => {
    const own = caseOf(
      'S-1',
      [
        intervention({ ref: 'A', startDate: d('2026-01-01') }),
        intervention({ ref: 'C', startDate: d('2026-01-01') }),
        intervention({ ref: 'A2', status: 'expected', modifies: 'A', startDate: d('2026-06-01') }),
      ],
      { household: 'H' },
    );
    expect(grantCatches(RULES, [own], 'S-1', 'A2')).toEqual([]);
  });

  it('a higher limit lets more measures through; a switched-off rule catches nothing', () => {
    const two: ApprovalRule[] = [
      { id: 'household_several', kind: 'approval', enabled: true, params: { maxMeasures: 2 } },
    ];
    expect(grantCatches(two, [first, second({ ref: 'B' })], 'S-2', 'B')).toEqual([]);
    const off = RULES.map((r) => ({ ...r, enabled: false }));
    expect(grantCatches(off, [first, second({ ref: 'B' })], 'S-2', 'B')).toEqual([]);
  });

  it('efterværn goes to the visitation meeting, which also decides the household question', () => {
    const catches = grantCatches(
      RULES,
      [first, second({ ref: 'B', category: 'eftervaern' })],
      'S-2',
      'B',
    );
    expect(catches.map((c) => c.rule)).toEqual(['household_several', 'visitation_category']);
    expect(approvalKindOf(RULES, catches)).toBe('visitation');
    expect(approvalKindOf(RULES, catches.slice(0, 1))).toBe('approval');
  });
});

describe('a refused grant', () => {
  it('is withdrawn from the day of the decision and cannot be granted later', () => {
    const record = second({ ref: 'B', decidedOn: d('2026-02-01') });
    const refused = refuseIntervention(record, 'B', d('2026-03-10'));
    expect(refused.ok).toBe(true);
    if (!refused.ok) return;
    expect(refused.record.interventions[0]?.endings).toEqual([
      { endDate: '2026-02-28', decidedOn: '2026-03-10', by: null, removed: true },
    ]);
    expect(grantIntervention(refused.record, 'B', d('2026-03-11'))).toEqual({
      ok: false,
      reason: 'not_expected',
    });
    expect(refuseIntervention(record, 'B', d('2026-01-10'))).toEqual({
      ok: false,
      reason: 'before_decided',
    });
  });
});

describe('ruleParamProblems', () => {
  it('checks each rule’s parameters', () => {
    expect(ruleParamProblems('household_several', { maxMeasures: 2 })).toEqual([]);
    expect(ruleParamProblems('household_several', { maxMeasures: 0.5 })).toHaveLength(1);
    expect(ruleParamProblems('visitation_category', { categories: [] })).toHaveLength(1);
    expect(ruleParamProblems('visitation_category', { categories: ['eftervaern', 'x'] })).toEqual([
      { path: 'params.categories.1', code: 'unknown_category' },
    ]);
  });
});

describe('the day a rule takes effect', () => {
  const dated = RULES.map((r) => ({ ...r, effectiveFrom: d('2026-01-01') }));

  it('a rule applies to grants on or after its day, and only when switched on', () => {
    expect(rulesInForce(dated, d('2025-12-31'))).toEqual([]);
    expect(rulesInForce(dated, d('2026-01-01')).map((r) => r.id)).toEqual([
      'household_several',
      'visitation_category',
    ]);
    expect(rulesInForce([{ ...dated[0]!, enabled: false }], d('2026-06-01'))).toEqual([]);
  });
});

describe('holdCaughtGrants (an import of granted interventions)', () => {
  const dated = RULES.map((r) => ({ ...r, effectiveFrom: d('2026-01-01') }));
  const imported = (ref: string, caseRef: string, decidedOn: string) =>
    caseOf(caseRef, [intervention({ ref, decidedOn: d(decidedOn), startDate: d('2026-03-01') })], {
      household: 'H',
    });

  it('grants the first new measure of a household and holds the second, as one by one', () => {
    const result = holdCaughtGrants(
      dated,
      [imported('A', 'S-1', '2026-02-01'), imported('B', 'S-2', '2026-02-02')],
      [
        { caseRef: 'S-1', ref: 'A' },
        { caseRef: 'S-2', ref: 'B' },
      ],
    );
    expect(result.held).toEqual([
      {
        caseRef: 'S-2',
        ref: 'B',
        kind: 'approval',
        catches: [{ rule: 'household_several', measures: 2, maxMeasures: 1, caseRefs: ['S-1'] }],
      },
    ]);
    expect(result.records.map((c) => c.interventions[0]?.status)).toEqual(['granted', 'expected']);
  });

  it('leaves decisions dated before the rules took effect as the case system recorded them', () => {
    const result = holdCaughtGrants(
      dated,
      [imported('A', 'S-1', '2025-02-01'), imported('B', 'S-2', '2025-12-31')],
      [
        { caseRef: 'S-1', ref: 'A' },
        { caseRef: 'S-2', ref: 'B' },
      ],
    );
    expect(result.held).toEqual([]);
    expect(result.records.map((c) => c.interventions[0]?.status)).toEqual(['granted', 'granted']);
  });
});

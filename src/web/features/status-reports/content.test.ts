import { describe, expect, it } from 'vitest';
import { copiedAreas, endOfLastMonth } from './content';

describe('a new status report', () => {
  it('suggests the last day of last month, across a new year and a leap day', () => {
    expect(endOfLastMonth(new Date(2026, 10, 30))).toBe('2026-10-31');
    expect(endOfLastMonth(new Date(2027, 0, 5))).toBe('2026-12-31');
    expect(endOfLastMonth(new Date(2024, 2, 1))).toBe('2024-02-29');
    expect(endOfLastMonth(new Date(2023, 2, 31))).toBe('2023-02-28');
  });

  it("copies an earlier report's titles and measures with empty texts", () => {
    const figures = { cost: null, families: null };
    expect(
      copiedAreas([
        {
          title: 'Eksterne leverandører\n- En stigning',
          action: 'Gennemgang af alle sager',
          judgement: 'Alle sager er gennemgået.',
          cost: { group: 'forebyggende', provider: 'ekstern' },
          families: null,
          figures,
        },
        {
          title: 'Indsatser pr. familie',
          action: 'Godkendes af funktionslederen',
          judgement: 'Uændret',
          cost: null,
          families: { band: '13-17' },
          figures,
        },
      ]),
    ).toEqual([
      {
        title: 'Eksterne leverandører\n- En stigning',
        action: '',
        judgement: '',
        cost: { group: 'forebyggende', provider: 'ekstern' },
        families: null,
      },
      {
        title: 'Indsatser pr. familie',
        action: '',
        judgement: '',
        cost: null,
        families: { band: '13-17' },
      },
    ]);
  });
});

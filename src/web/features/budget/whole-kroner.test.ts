import { describe, expect, it } from 'vitest';
import { columnInWholeKroner, rowInWholeKroner, unitsInWholeKroner } from './whole-kroner';
import type { Parts } from './types';

const row = (p: Partial<Parts>): Parts => ({
  budget: 0,
  actuals: 0,
  committed: 0,
  intake: 0,
  adjustments: 0,
  grossForecast: 0,
  refusion: 0,
  postedRefusion: 0,
  forecast: 0,
  overspend: 0,
  ...p,
});

describe('a forecast row in whole kroner', () => {
  it('adds up on screen where rounding each figure alone would not', () => {
    // gross 1.000,60 = 600,30 + 400,30; refusion 100,30; net 900,30; budget 800,40
    const shown = rowInWholeKroner(
      row({
        budget: 800.4,
        actuals: 600.3,
        committed: 400.3,
        grossForecast: 1000.6,
        refusion: 100.3,
        forecast: 900.3,
        overspend: 99.9,
      }),
    );
    // each alone: 600 + 400 ≠ 1.001, 1.001 − 100 ≠ 900, 900 − 800 ≠ 100
    expect(shown.actuals + shown.committed + shown.intake + shown.adjustments).toBe(
      shown.grossForecast,
    );
    expect(shown.grossForecast - shown.refusion).toBe(shown.forecast);
    expect(shown.forecast - shown.budget).toBe(shown.overspend);
    expect(shown).toMatchObject({ grossForecast: 1001, forecast: 900, budget: 800 });
    expect(shown.refusion).toBe(101);
    expect(shown.overspend).toBe(100);
  });

  it('keeps negative parts negative', () => {
    const shown = rowInWholeKroner(
      row({ actuals: 10.4, adjustments: -0.4, grossForecast: 10, forecast: 10, budget: 20 }),
    );
    expect(shown).toMatchObject({ actuals: 10, adjustments: 0, grossForecast: 10, overspend: -10 });
  });
});

describe('units in whole kroner', () => {
  it('adds up down each column and across each row where rounding each figure alone would not', () => {
    // three forecasts of 100,50 kr.: alone 101 + 101 + 101 = 303, but the total is 301,50 → 302
    const shown = unitsInWholeKroner([
      { budget: 100.4, forecast: 100.5 },
      { budget: 100.4, forecast: 100.5 },
      { budget: 100.4, forecast: 100.5 },
    ]);
    expect(shown.total).toEqual({ budget: 301, forecast: 302, overspend: 1 });
    expect(shown.rows.reduce((s, r) => s + r.forecast, 0)).toBe(302);
    expect(shown.rows.reduce((s, r) => s + r.budget, 0)).toBe(301);
    expect(shown.rows.reduce((s, r) => s + r.overspend, 0)).toBe(1);
    for (const r of shown.rows) expect(r.overspend).toBe(r.forecast - r.budget);
  });

  it('gives the krone a column misses to the earlier of equally far rounded parts', () => {
    expect(columnInWholeKroner([-0.5, -0.5, 2.25])).toEqual({ parts: [0, -1, 2], total: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { ore, oreFromKroner as kr } from '../money';
import {
  keptForecast,
  monthsAfter,
  overspendAfterPlan,
  plannedEffectAfter,
  settleFigure,
  type OverspendSource,
} from './forecast-link';

const areas = [
  { monthlyEffect: [0, 0, 0, 0, 0, 0, 0, 0, 0, 10_000, 20_000, 30_000].map(kr) },
  { monthlyEffect: [5_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1_000].map(kr) },
];
const forecast = { asOf: '2026-10-31', overspend: kr(2_350_000) };

describe('the plan against the forecast', () => {
  it.each([
    ['2025-12-31', 12],
    ['2026-01-31', 11],
    ['2026-10-31', 2],
    ['2026-12-31', 0],
    ['2027-01-31', 0],
  ])('as of %s leaves %i months of the plan year to come', (asOf, count) => {
    expect(monthsAfter(2026, asOf)).toHaveLength(count);
  });

  it('counts only the effect still to come: the realised months are in the forecast already', () => {
    expect(plannedEffectAfter(areas, 2026, '2026-10-31')).toBe(kr(51_000));
    expect(overspendAfterPlan(kr(2_350_000), areas, 2026, '2026-10-31')).toBe(kr(2_299_000));
    // HANDLEPLAN 2018 at its start: the whole effect is to come and covers the overspend.
    expect(overspendAfterPlan(kr(66_000), areas, 2026, '2025-12-31')).toBe(kr(0));
  });
});

describe('settleFigure', () => {
  const derive = (f: ReturnType<typeof ore>) => ore(f - kr(1_000));
  const ask = (kind: OverspendSource['kind'], reason: string | null = null): OverspendSource => ({
    kind,
    asOf: null,
    forecast: null,
    reason,
  });

  it('fills a figure from the forecast when asked, or when nothing is given', () => {
    for (const requested of [ask('forecast'), null]) {
      expect(settleFigure(requested ? kr(5) : null, requested, forecast, derive)).toEqual({
        ok: true,
        amount: kr(2_349_000),
        source: { kind: 'forecast', asOf: '2026-10-31', forecast: kr(2_350_000), reason: null },
      });
    }
  });

  it('keeps an override with its reason and the forecast beside it', () => {
    expect(
      settleFigure(kr(500_000), ask('override', ' Kendt efterregulering '), forecast, derive),
    ).toEqual({
      ok: true,
      amount: kr(500_000),
      source: {
        kind: 'override',
        asOf: '2026-10-31',
        forecast: kr(2_350_000),
        reason: 'Kendt efterregulering',
      },
    });
    expect(settleFigure(null, ask('override', 'Grund'), forecast, derive)).toEqual({
      ok: false,
      problem: 'override_needs_amount',
    });
  });

  it('keeps a typed figure as typed, and a figure without a forecast as manual', () => {
    expect(settleFigure(kr(7_600_000), null, forecast, derive)).toMatchObject({
      amount: kr(7_600_000),
      source: { kind: 'manual' },
    });
    expect(settleFigure(kr(7_600_000), ask('forecast'), null, derive)).toMatchObject({
      amount: kr(7_600_000),
      source: { kind: 'manual', forecast: null },
    });
    expect(settleFigure(null, null, null, derive)).toEqual({
      ok: true,
      amount: null,
      source: null,
    });
  });

  it('keeps the forecast taken for a date, and only for that date', () => {
    const stored: OverspendSource = {
      kind: 'forecast',
      asOf: '2026-10-31',
      forecast: kr(1),
      reason: null,
    };
    expect(keptForecast(stored, '2026-10-31')).toEqual({ asOf: '2026-10-31', overspend: kr(1) });
    expect(keptForecast(stored, '2026-11-30')).toBeNull();
    expect(keptForecast({ ...stored, kind: 'manual' }, '2026-10-31')).toBeNull();
  });
});

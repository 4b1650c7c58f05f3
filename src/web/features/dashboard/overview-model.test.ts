import { describe, expect, it } from 'vitest';
import { oreFromKroner, toKroner } from '../../../domain/money';
import type { Backtest, FollowUpRounds, ForecastUnit, ForecastView } from '../budget/types';
import { buildOverview, lastRoundBefore } from './overview-model';

const unit = (unitId: string, budget: number, forecast: number): ForecastUnit => ({
  unitId,
  unitName: `Enhed ${unitId}`,
  budget,
  actuals: 0,
  committed: 0,
  intake: 0,
  adjustments: 0,
  grossForecast: forecast,
  refusion: 0,
  postedRefusion: 0,
  forecast,
  overspend: toKroner(oreFromKroner(forecast - budget)),
  actionPlanRequired: forecast - budget > 100_000,
  lines: [],
  months: [],
});

const view = (units: ForecastUnit[]) =>
  ({ year: 2026, asOf: '2026-10-31', actionPlanThreshold: 100_000, units }) as ForecastView;

const round = (name: string, asOf: string, overspend: Record<string, number>) => ({
  id: name,
  name,
  asOf,
  createdBy: 'Ole',
  units: Object.entries(overspend).map(([unitId, o]) => ({
    unitId,
    unitName: `Enhed ${unitId}`,
    budget: 0,
    forecast: 0,
    overspend: o,
    actionPlanRequired: false,
  })),
  total: { budget: 0, forecast: 0, overspend: 0 },
});

describe('the front page overview', () => {
  it('measures the change from the latest round taken as of the forecast’s date, not a later one', () => {
    const rounds: FollowUpRounds = {
      year: 2026,
      rounds: [
        round('BO 3', '2026-08-31', { a: 0 }),
        round('BO 2', '2026-05-31', { a: 0 }),
        round('BO 4', '2026-11-30', { a: 0 }),
      ],
    };
    expect(lastRoundBefore(rounds, '2026-10-31')?.name).toBe('BO 3');
    expect(lastRoundBefore(rounds, '2026-04-30')).toBeNull();
  });

  it('shows changes in whole kroner that add up to the total change; a unit new since the round has none', () => {
    const forecast = view([unit('a', 1000, 1000.5), unit('b', 1000, 1000.5), unit('c', 0, 10)]);
    const rounds = { year: 2026, rounds: [round('BO 3', '2026-08-31', { a: 0, b: 0 })] };
    const o = buildOverview(forecast, rounds, undefined);
    expect(o.round?.name).toBe('BO 3');
    // 0,50 + 0,50 = 1,00: shown 0 + 1, not 1 + 1
    expect(o.rows.map((r) => r.change)).toEqual([0, 1, null]);
    expect(o.total.change).toBe(1);
    expect(o.rows.reduce((s, r) => s + r.overspend, 0)).toBe(o.total.overspend);
    expect(o.rows.every((r) => r.probability === null)).toBe(true);
  });

  it('gives each unit the probability from its own backtested errors', () => {
    // 50.000 kr. over now; earlier years ended 1 % above the forecast at this point: +100.000 kr.
    const forecast = view([unit('a', 9_950_000, 10_000_000)]);
    const points = [2023, 2024, 2025].map((year) => ({
      year,
      asOf: `${year}-10-31`,
      forecast: 1_000_000,
      final: 1_010_000,
      runRate: 1_000_000,
      commitmentsOnly: 900_000,
    }));
    const method = { mae: 0, maePercent: null };
    const accuracy = {
      best: 'forecast' as const,
      methods: { forecast: method, runRate: method, commitmentsOnly: method },
    };
    const backtest: Backtest = {
      years: [2025, 2024, 2023],
      months: [10],
      intake: { method: 'mean', years: 3, factorPercent: 100 },
      commitmentsAvailable: true,
      overall: accuracy,
      units: [{ unitId: 'a', unitName: 'Enhed a', points, ...accuracy }],
    };
    const o = buildOverview(forecast, undefined, backtest);
    expect(o.rows[0]?.probability).toEqual({
      exceeding: 3,
      years: 3,
      band: { from: 90, to: 100 },
    });
    expect(o.total.change).toBeNull();
  });
});

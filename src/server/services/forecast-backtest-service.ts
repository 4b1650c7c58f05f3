import type { AppDeps } from '../context';
import type { Actor } from '../../domain/access';
import type { Database } from '../../db/database';
import { yearsWithPostings } from '../../db/repositories/forecast';
import { listUnits } from '../../db/repositories/organisation';
import { daysInMonth } from '../../domain/months';
import { accuracy, bestMethod, type BacktestPoint } from '../../domain/forecast/backtest';
import { runRate, type IntakeParams } from '../../domain/forecast/forecast';
import { ore, toKroner } from '../../domain/money';
import { AppError } from '../errors';
import { authorize, can, readableUnitIds } from '../policies/policy';
import { computeForecastLines, ForecastData } from './forecast-service';
import { keptFigures } from './kept-figures';

/** Default follow-up dates: the ends of March, May, August and October. */
export const DEFAULT_FOLLOW_UP_MONTHS = [3, 5, 8, 10];

/**
 * Backtest: for each earlier year with postings (and a year before it) and each follow-up month, the forecast as it
 * would have been made then (only data known at that date; intake from the years before;
 * without manual adjustments) against the year's final accounts, per unit — next to run-rate
 * and commitments only. It measures spending: state refusion (dranst 2) is in neither the
 * forecasts nor the final accounts.
 */
export async function getBacktest(
  deps: AppDeps,
  actor: Actor,
  q: {
    beforeYear: number;
    years: number;
    months: number[];
    unitId?: string | undefined;
    intake: IntakeParams;
  },
) {
  const { db } = deps;
  authorize(actor, 'forecast.read');
  let unitIds = readableUnitIds(actor, 'forecast.read');
  if (q.unitId) {
    if (!can(actor, 'forecast.read', { unitId: q.unitId })) throw new AppError('not_found');
    unitIds = [q.unitId];
  }
  const scope = unitIds;
  return keptFigures(
    db,
    'backtest',
    { beforeYear: q.beforeYear, years: q.years, months: q.months, unitIds, intake: q.intake },
    () =>
      backtestOfUnits(db, {
        beforeYear: q.beforeYear,
        years: q.years,
        months: q.months,
        unitIds: scope,
        intake: q.intake,
      }),
    deps.heavyReads,
  );
}

/** `getBacktest`'s answer for units already authorised (null: every unit). */
async function backtestOfUnits(
  db: Database,
  q: {
    beforeYear: number;
    years: number;
    months: number[];
    unitIds: string[] | null;
    intake: IntakeParams;
  },
) {
  const unitIds = q.unitIds;
  const allYears = await yearsWithPostings(db, q.beforeYear);
  // A year is tested only when an earlier year exists to estimate its intake from.
  const tested = allYears.filter((y) => allYears.some((e) => e < y)).slice(0, q.years);
  const data = new ForecastData(db, unitIds);
  const units = await listUnits(db, unitIds);
  const points = new Map<string, BacktestPoint[]>(units.map((u) => [u.id, []]));
  for (const year of tested) {
    const finals = await data.actuals(year, `${year}-12-31`);
    const finalByUnit = new Map<string, number>();
    for (const [k, s] of finals) {
      const unitId = k.split('|')[0] ?? '';
      finalByUnit.set(unitId, (finalByUnit.get(unitId) ?? 0) + s.reduce((a, b) => a + b, 0));
    }
    for (const month of q.months) {
      const asOf = `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
      const lines = await computeForecastLines(data, db, {
        year,
        asOf,
        unitIds,
        intake: q.intake,
        historyYears: allYears.filter((y) => y < year),
        withRefusion: false,
      });
      for (const u of units) {
        const own = lines.filter((l) => l.unitId === u.id);
        if (own.length === 0) continue;
        const actuals = own.reduce((s, l) => s + l.actualsOre, 0);
        const committed = own.reduce((s, l) => s + l.committedOre, 0);
        const intake = own.reduce((s, l) => s + l.intakeOre, 0);
        points.get(u.id)?.push({
          year,
          asOf,
          finalOre: finalByUnit.get(u.id) ?? 0,
          predictions: {
            forecast: actuals + committed + intake,
            runRate: runRate(actuals, month),
            commitmentsOnly: actuals + committed,
          },
        });
      }
    }
  }
  const kr = (o: number) => toKroner(ore(o));
  const present = (ps: BacktestPoint[]) => {
    const acc = accuracy(ps);
    return {
      best: bestMethod(acc),
      methods: {
        forecast: { mae: kr(acc.forecast.maeOre), maePercent: acc.forecast.maePercent },
        runRate: { mae: kr(acc.runRate.maeOre), maePercent: acc.runRate.maePercent },
        commitmentsOnly: {
          mae: kr(acc.commitmentsOnly.maeOre),
          maePercent: acc.commitmentsOnly.maePercent,
        },
      },
    };
  };
  const all = [...points.values()].flat();
  return {
    years: tested,
    months: q.months,
    intake: q.intake,
    commitmentsAvailable: data.commitmentsAvailable,
    overall: present(all),
    units: units
      .filter((u) => (points.get(u.id) ?? []).length > 0)
      .map((u) => {
        const ps = points.get(u.id) ?? [];
        return {
          unitId: u.id,
          unitName: u.name,
          ...present(ps),
          points: ps.map((p) => ({
            year: p.year,
            asOf: p.asOf,
            final: kr(p.finalOre),
            forecast: kr(p.predictions.forecast),
            runRate: kr(p.predictions.runRate),
            commitmentsOnly: kr(p.predictions.commitmentsOnly),
          })),
        };
      }),
  };
}

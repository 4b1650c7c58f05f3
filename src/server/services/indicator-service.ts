import {
  CATEGORY_GROUPS,
  familiesWithSeveral,
  movementBetween,
  type Rate,
} from '../../domain/cases';
import { reviewsOnTime } from '../../domain/governance/reviews';
import { toKroner, type Ore } from '../../domain/money';
import { firstDayOf, lastDayOf, type IsoDate } from '../../domain/months';
import { baselineOf } from '../../domain/status-report/report';
import { listRates, loadCases } from '../../db/repositories/cases';
import { approvalsDecidedBetween } from '../../db/repositories/approvals';
import { reviewsHeldBetween } from '../../db/repositories/reviews';
import type { ReportIndicatorsJson } from '../../shared/schemas/status-report';
import type { AppDeps } from '../context';
import { reviewSchedules, reviewsRegisteredFrom } from './review-service';

/**
 * The status report's computed indicators for its year up to its as-of date, for the whole
 * municipality (as the report's figures are), each as recorded by that date:
 * - reviews held on time (`reviewsOnTime`), all cases and efterværn cases, counted from the day
 *   reviews are registered in Overblik from when that is later than the first day of the year;
 *   none (per cent null, with that day) when the report's date is before it;
 * - families (households) with more than one measure in force on the date, all ages;
 * - efterværn stepped down: efterværn measures whose cost for the year was reduced or ended by
 *   decisions from the first day of the year to the date (the movement's `changed` with a
 *   negative amount, and `ended`), with the amount.
 * - approvals given and rejected: decided from the first day of the year to the date; null when
 *   no approval rule was in force by the date (the period knows no approvals).
 */
export async function reportIndicators(
  deps: AppDeps,
  content: { year: number; asOf: IsoDate },
): Promise<ReportIndicatorsJson> {
  const { db } = deps;
  const from = firstDayOf(content.year);
  const { asOf } = content;
  const registeredFrom = await reviewsRegisteredFrom(db);
  const heldFrom = registeredFrom && registeredFrom > from ? registeredFrom : from;
  const [held, schedules, stored, rates, approvals] = await Promise.all([
    reviewsHeldBetween(db, { unitIds: null, from: heldFrom, to: asOf }),
    reviewSchedules(db, null, asOf),
    loadCases(db, { paysBetween: { from, to: lastDayOf(content.year) } }),
    listRates(db),
    approvalsDecidedBetween(db, from, asOf),
  ]);
  const overdue = schedules.filter((s) => s.schedule.state === 'overdue');
  const efterOverdue = overdue.filter((s) => s.schedule.track === 'eftervaern').length;
  const records = stored.map((s) => s.record);
  const families = familiesWithSeveral(records, asOf).reduce(
    (sum, b) => ({
      families: sum.families + b.families,
      interventions: sum.interventions + b.interventions,
    }),
    { families: 0, interventions: 0 },
  );
  const groups = CATEGORY_GROUPS as Record<string, string>;
  const aftercare = records
    .map((r) => ({
      ...r,
      interventions: r.interventions.filter((i) => groups[i.category] === 'eftervaern'),
    }))
    .filter((r) => r.interventions.length > 0);
  const movement = movementBetween(
    aftercare,
    new Map<string, Rate>(rates.map((r) => [r.code, r])),
    {
      year: content.year,
      from: baselineOf(content.year).asOf,
      to: asOf,
    },
  );
  const down = movement.items.filter(
    (i) => i.kind === 'ended' || (i.kind === 'changed' && i.amountOre < 0),
  );
  return {
    from,
    asOf,
    reviewsRegisteredFrom: registeredFrom,
    reviews: reviewsOnTime(held, overdue.length),
    eftervaernReviews: reviewsOnTime(
      held.filter((r) => r.track === 'eftervaern'),
      efterOverdue,
    ),
    families: { date: asOf, ...families },
    eftervaernSteppedDown: {
      count: down.length,
      amount: toKroner(down.reduce((s, i) => s + i.amountOre, 0) as Ore),
    },
    approvals: approvals.rulesInForce
      ? { given: approvals.given, rejected: approvals.rejected }
      : null,
  };
}

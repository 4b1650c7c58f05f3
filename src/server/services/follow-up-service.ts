import { IntakeParamsSchema } from '../../shared/schemas/budget';
import type { Actor } from '../../domain/access';
import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import {
  findRound,
  findRoundLine,
  insertRound,
  insertRoundLines,
  incomePostedToDate,
  latePostings,
  listRoundLines,
  listRounds,
  updateRoundLineComment,
  type RoundLineRow,
} from '../../db/repositories/follow-up';
import {
  DEFAULT_INTAKE_PARAMS,
  monthOfIsoDate,
  requiresActionPlan,
  restOfYear,
  yearToDate,
  type IntakeParams,
} from '../../domain/forecast/forecast';
import { formatKroner, ore, toKroner } from '../../domain/money';
import { getSettings } from '../../db/repositories/organisation';
import { DANISH_MONTH_NAMES } from '../../domain/months';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, authorizeOrNotFound, readableUnitIds } from '../policies/policy';
import { expectedIncomeToDate } from './commitments/committed-cost';
import { actualsThrough } from '../../domain/budget/booked-period';
import { computeForecastLines, ForecastData, type ForecastLine } from './forecast-service';
import { translate } from '../../shared/i18n/translate';

const kr = (o: number) => toKroner(ore(o));

/**
 * Freezes the forecast of every unit and account function as of a date as a follow-up round
 * ("Budgetopfølgning 2, 2020"), in one transaction. Its date also closes the months up to it:
 * postings for them imported later are flagged as late.
 */
export async function createRound(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { year: number; name: string; asOf: string; intake?: IntakeParams | undefined },
  requestId?: string,
) {
  authorize(actor, 'budget.write');
  const { db } = deps;
  if (!input.asOf.startsWith(String(input.year))) {
    throw new AppError('validation_failed', {}, [
      {
        path: 'asOf',
        code: 'outside_year',
        message: translate('budget.issues.asOfOutsideYear', { year: input.year }),
      },
    ]);
  }
  const intake = input.intake ?? DEFAULT_INTAKE_PARAMS;
  const data = new ForecastData(db, null);
  const lines = await computeForecastLines(data, db, {
    year: input.year,
    asOf: input.asOf,
    unitIds: null,
    intake,
  });
  const through = actualsThrough(input.asOf, await data.bookedThrough());
  const id = await db.transaction(async (tx) => {
    const roundId = await insertRound(tx, {
      ...input,
      actualsThrough: through,
      intakeParams: intake,
      by: actor.displayName,
      at: deps.now(),
    });
    if (!roundId) {
      throw new AppError('validation_failed', {}, [
        {
          path: 'name',
          code: 'duplicate',
          message: translate('budget.issues.roundNameTaken', {
            name: input.name,
            year: input.year,
          }),
        },
      ]);
    }
    await insertRoundLines(tx, roundId, lines);
    await recordAudit(
      tx,
      actor,
      {
        action: 'follow_up.freeze',
        objectType: 'followup_round',
        objectId: roundId,
        after: {
          year: input.year,
          name: input.name,
          asOf: input.asOf,
          lines: lines.length,
          intake,
        },
      },
      requestId,
    );
    return roundId;
  });
  return getRound(deps, actor, id);
}

function presentLine(l: RoundLineRow) {
  return {
    id: l.id,
    unitId: l.unit_id,
    unitName: l.unit_name,
    accountFunction: l.account_function,
    budget: kr(l.budget_ore),
    actuals: kr(l.actuals_ore),
    committed: kr(l.committed_ore),
    intake: kr(l.intake_ore),
    adjustments: kr(l.adjustments_ore),
    grossForecast: kr(l.forecast_ore + l.refusion_ore),
    refusion: kr(l.refusion_ore),
    forecast: kr(l.forecast_ore),
    overspend: kr(l.overspend_ore),
    comment: l.comment,
    version: l.version,
  };
}

export async function getRound(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string) {
  const { db } = deps;
  authorize(actor, 'forecast.read');
  const round = await findRound(db, id);
  if (!round) throw new AppError('not_found');
  const lines = await listRoundLines(db, [id], readableUnitIds(actor, 'forecast.read'));
  return {
    id: round.id,
    year: round.year,
    name: round.name,
    asOf: round.as_of,
    actualsThrough: round.actuals_through,
    intake: IntakeParamsSchema.parse(round.intake_params),
    createdBy: round.created_by,
    createdAt: round.created_at,
    lines: lines.map(presentLine),
  };
}

/**
 * The rounds of a year with each unit's totals per round: the trajectory the committee sees,
 * and the comparison of any two rounds.
 */
export async function getRounds(deps: AppDeps, actor: Actor, year: number) {
  const { db } = deps;
  authorize(actor, 'forecast.read');
  const rounds = await listRounds(db, year);
  const lines = await listRoundLines(
    db,
    rounds.map((r) => r.id),
    readableUnitIds(actor, 'forecast.read'),
  );
  const thresholdOre = (await getSettings(db))?.action_plan_threshold_ore ?? 10_000_000;
  return {
    year,
    rounds: rounds.map((r) => {
      const own = lines.filter((l) => l.round_id === r.id);
      const byUnit = new Map<
        string,
        { unitId: string; unitName: string; budget: number; forecast: number; overspend: number }
      >();
      for (const l of own) {
        const u = byUnit.get(l.unit_id) ?? {
          unitId: l.unit_id,
          unitName: l.unit_name,
          budget: 0,
          forecast: 0,
          overspend: 0,
        };
        u.budget += l.budget_ore;
        u.forecast += l.forecast_ore;
        u.overspend += l.overspend_ore;
        byUnit.set(l.unit_id, u);
      }
      return {
        id: r.id,
        name: r.name,
        asOf: r.as_of,
        createdBy: r.created_by,
        units: [...byUnit.values()].map((u) => ({
          unitId: u.unitId,
          unitName: u.unitName,
          budget: kr(u.budget),
          forecast: kr(u.forecast),
          overspend: kr(u.overspend),
          actionPlanRequired: requiresActionPlan(u.overspend, thresholdOre),
        })),
        total: {
          budget: kr(own.reduce((s, l) => s + l.budget_ore, 0)),
          forecast: kr(own.reduce((s, l) => s + l.forecast_ore, 0)),
          overspend: kr(own.reduce((s, l) => s + l.overspend_ore, 0)),
        },
      };
    }),
  };
}

/** The responsible person's comment on a frozen line (the figures themselves stay frozen). */
export async function commentRoundLine(
  deps: AppDeps,
  actor: Actor,
  lineId: string,
  input: { comment: string; version: number },
  requestId?: string,
) {
  const { db } = deps;
  const line = await findRoundLine(db, lineId);
  if (!line) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'forecast.write', 'forecast.read', { unitId: line.unit_id });
  await db.transaction((tx) => saveComment(tx, actor, line, input, requestId));
  const updated = await findRoundLine(db, line.id);
  if (!updated) throw new AppError('not_found');
  return presentLine(updated);
}

/** Stores one line's comment if its version is still the one the user edited, audited. */
async function saveComment(
  tx: Queryable,
  actor: Actor,
  line: RoundLineRow,
  input: { comment: string; version: number },
  requestId?: string,
): Promise<void> {
  const comment = input.comment.trim();
  if (!(await updateRoundLineComment(tx, line.id, input.version, comment))) {
    throw new AppError('version_conflict', {
      object: translate('objects.roundLine', {
        unit: line.unit_name,
        function: line.account_function,
      }),
      user: translate('admin.problems.someoneElse'),
      at: translate('admin.problems.recently'),
    });
  }
  await recordAudit(
    tx,
    actor,
    {
      action: 'follow_up.comment',
      objectType: 'followup_round_line',
      objectId: line.id,
      unitId: line.unit_id,
      // the comment lives in the line; the trail keeps that it changed, not the text
      after: { changed: line.comment === comment ? [] : ['comment'] },
    },
    requestId,
  );
}

/**
 * The comments of a round's lines, edited together and saved together: all or none. A line
 * whose comment did not change is left alone; a line changed by someone else since it was read
 * (its version) stops the whole save with 409, naming the line.
 */
export async function commentRoundLines(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  input: { lines: { id: string; comment: string; version: number }[] },
  requestId?: string,
) {
  const { db } = deps;
  authorize(actor, 'forecast.read');
  if (!(await findRound(db, roundId))) throw new AppError('not_found');
  const lines = new Map(
    (await listRoundLines(db, [roundId], readableUnitIds(actor, 'forecast.read'))).map((l) => [
      l.id,
      l,
    ]),
  );
  const changes = input.lines.flatMap((change, i) => {
    const line = lines.get(change.id);
    if (!line)
      throw new AppError('validation_failed', {}, [
        {
          path: `lines.${i}.id`,
          code: 'unknown_line',
          message: translate('budget.issues.unknownRoundLine'),
        },
      ]);
    authorizeOrNotFound(actor, 'forecast.write', 'forecast.read', { unitId: line.unit_id });
    return change.comment.trim() === line.comment ? [] : [{ line, change }];
  });
  await db.transaction(async (tx) => {
    for (const { line, change } of changes) await saveComment(tx, actor, line, change, requestId);
  });
  return getRound(deps, actor, roundId);
}

/**
 * The gap between spending and committed cost to date in the earlier years the forecast's
 * intake estimate uses (same date, same lines), as their mean in øre; null without such years.
 */
function usualGap(lines: readonly ForecastLine[]): { gapOre: number; years: string } | null {
  const byYear = new Map<number, number>();
  for (const l of lines)
    for (const h of l.intakeHistory)
      byYear.set(h.year, (byYear.get(h.year) ?? 0) + h.actualsToDateOre - h.committedToDateOre);
  if (byYear.size === 0) return null;
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const sum = [...byYear.values()].reduce((s, g) => s + g, 0);
  const first = years[0] ?? 0;
  const last = years.at(-1) ?? 0;
  return {
    gapOre: Math.round(sum / byYear.size),
    years: first === last ? String(first) : `${first}–${last}`,
  };
}

/**
 * Causes of a unit's expected overspend derived from the data, for a draft action plan:
 * growth in committed cost since the last round (new interventions), deviation between what
 * was committed and what was paid to date, late postings with retroactive effect, missing
 * income, reimbursement for very expensive cases not yet received, and the expected intake
 * (docs/formats.md, "Causes for a draft plan"). What cannot be derived is named in `notDerived`.
 * Each cause's `amount` is its effect on the expected overspend in kroner (positive raises it).
 */
export async function deriveCauses(
  deps: AppDeps,
  actor: Actor,
  q: { unitId: string; year: number; asOf: string; intake: IntakeParams },
) {
  const { db } = deps;
  authorizeOrNotFound(actor, 'forecast.read', 'forecast.read', { unitId: q.unitId });
  const data = new ForecastData(db, [q.unitId]);
  const asOfMonth = monthOfIsoDate(q.asOf);
  const lines = await computeForecastLines(data, db, {
    year: q.year,
    asOf: q.asOf,
    unitIds: [q.unitId],
    intake: q.intake,
  });
  const causes: {
    code: string;
    text: string;
    amount: number;
    /** missing income and reimbursement: what the cases expect and what is posted, kroner */
    expected?: number;
    posted?: number;
  }[] = [];
  const committedNow = await data.committed(q.year, q.asOf);
  const lastRound = (await listRounds(db, q.year)).filter((r) => r.as_of < q.asOf).at(-1);
  const posted = await incomePostedToDate(db, q);
  if (data.commitmentsAvailable) {
    const sumAll = (m: Map<string, number[]>) =>
      [...m.values()].reduce((s, x) => s + x.reduce((a, b) => a + b, 0), 0);
    if (lastRound) {
      const then = await data.committed(q.year, lastRound.as_of);
      const growth = sumAll(committedNow) - sumAll(then);
      if (growth !== 0) {
        causes.push({
          code: 'new_interventions',
          text: cause('new_interventions', {
            round: lastRound.name,
            change: cause(growth > 0 ? 'rose' : 'fell'),
            amount: money(Math.abs(growth)),
          }),
          amount: kr(growth),
        });
      }
    }
    // State reimbursement received (dranst 2) is no deviation from the commitments: it is
    // the reimbursement cause's, and the forecast's actuals leave it out.
    let gap = 0;
    for (const l of lines)
      gap += yearToDate(l.actualByMonth, asOfMonth) - yearToDate(l.committedByMonth, asOfMonth);
    // Spending outside the cases' payment plans (own staff and institutions, bills not on a
    // case) makes actuals differ from commitments every year; only the part beyond the
    // earlier years' gap at the same date is a cause of this year's overspend.
    const usual = usualGap(lines);
    const deviation = gap - (usual?.gapOre ?? 0);
    if (deviation !== 0) {
      const figures = {
        note: posted.reimbursement_n > 0 ? cause('reimbursementNotCounted') : '',
        direction: cause(deviation > 0 ? 'overspend' : 'underspend'),
        deviation: money(Math.abs(deviation)),
      };
      causes.push({
        code: 'committed_vs_actual',
        text: usual
          ? cause('committed_vs_actual_usual', {
              ...figures,
              gap: money(Math.abs(gap)),
              gapSide: cause(gap >= 0 ? 'over' : 'under'),
              usualGap: money(Math.abs(usual.gapOre)),
              usualSide: cause(usual.gapOre >= 0 ? 'over' : 'under'),
              years: usual.years,
            })
          : cause('committed_vs_actual', figures),
        amount: kr(deviation),
      });
    }
  }
  const late = await latePostings(db, q.unitId, q.year);
  if (late.n > 0) {
    causes.push({
      code: 'late_postings',
      text: cause('late_postings', { count: late.n, amount: money(late.sum_ore) }),
      amount: kr(late.sum_ore),
    });
  }
  const notDerived: string[] = [];
  if (data.commitmentsAvailable) {
    const incomeToDateOre = await expectedIncomeToDate(db, q);
    const incomePosted = negate(posted.income_ore);
    const missing = incomeToDateOre - incomePosted;
    if (missing > 0) {
      causes.push({
        code: 'missing_income',
        text: cause('missing_income', {
          expected: money(incomeToDateOre),
          month: DANISH_MONTH_NAMES[asOfMonth - 1] ?? '',
          year: q.year,
          posted: money(incomePosted),
          date: danishDate(q.asOf),
          missing: money(missing),
        }),
        amount: kr(missing),
        expected: kr(incomeToDateOre),
        posted: kr(incomePosted),
      });
    }
    if ((await data.expectedRefusion(q.year, q.asOf)) === null) {
      notDerived.push(cause('notDerived.noThresholds', { year: q.year }));
    } else {
      // the forecast's figures: the unit's part of its households' refusion, and what is posted
      const expected = lines.reduce((s, l) => s + l.refusionOre, 0);
      const received = lines.reduce((s, l) => s + l.postedRefusionOre, 0);
      const through = lines[0]?.actualsThrough ?? q.asOf;
      if (expected !== 0 || received !== 0) {
        const households = (await data.refusionHouseholds(q.year, q.asOf)).get(q.unitId) ?? 0;
        const outstanding = expected - received;
        causes.push({
          code: 'reimbursement',
          text: cause('reimbursement', {
            year: q.year,
            expected: money(expected),
            households: cause(households === 1 ? 'households_one' : 'households', {
              count: households,
            }),
            received: money(received),
            date: danishDate(through),
            rest:
              outstanding >= 0
                ? cause('reimbursementOutstanding', { amount: money(outstanding) })
                : cause('reimbursementExcess', { amount: money(-outstanding) }),
          }),
          amount: kr(-expected),
          expected: kr(expected),
          posted: kr(received),
        });
      }
    }
  } else {
    notDerived.push(
      cause('notDerived.commitments'),
      cause('notDerived.income'),
      cause('notDerived.reimbursement'),
    );
  }
  const intake = lines.reduce((s, l) => s + l.intakeOre, 0);
  const committedRest = lines.reduce((s, l) => s + restOfYear(l.committedByMonth, asOfMonth), 0);
  if (intake !== 0) {
    causes.push({
      code: 'expected_intake',
      text: cause('expected_intake', { amount: money(intake) }),
      amount: kr(intake),
    });
  }
  return {
    unitId: q.unitId,
    year: q.year,
    asOf: q.asOf,
    lastRound: lastRound ? { name: lastRound.name, asOf: lastRound.as_of } : null,
    committedRest: kr(committedRest),
    causes,
    notDerived,
  };
}

const money = (o: number) => formatKroner(ore(o));
/** A cause's Danish text (`budget.causes`); amounts come formatted by `money`. */
const cause = (key: string, params: Record<string, string | number> = {}) =>
  translate(`budget.causes.${key}`, params);
/** Income is posted as negative amounts; shown as what came in (never "-0"). */
const negate = (o: number) => (o === 0 ? 0 : -o);

/** `2026-05-31` → `31.05.2026`. */
function danishDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

import type { Actor } from '../../domain/access';
import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import {
  deleteClosedMonth,
  insertClosedMonths,
  listSourcePeriods,
  lockLedgerSource,
} from '../../db/repositories/ledger';
import {
  bookedThroughOfLedger,
  bookedThroughOfSource,
  endOfMonth,
  isMonth,
  monthsToClose,
} from '../../domain/budget/booked-period';
import { todayIn, type AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, can } from '../policies/policy';
import { translate } from '../../shared/i18n/translate';

/** Through which date the whole ledger is booked (see `bookedThroughOfLedger`), or null. */
export async function ledgerBookedThrough(db: Queryable): Promise<string | null> {
  return bookedThroughOfLedger(await listSourcePeriods(db));
}

/**
 * GET /api/ledger/booked-period: through which date the postings are complete, for the ledger
 * and per source (closed months, months with postings). Anyone who reads budgets or forecasts.
 */
export async function getBookedPeriod(deps: AppDeps, actor: Actor) {
  if (!can(actor, 'budget.read') && !can(actor, 'forecast.read')) authorize(actor, 'budget.read');
  const periods = await listSourcePeriods(deps.db);
  return {
    bookedThrough: bookedThroughOfLedger(periods),
    today: todayIn(deps),
    sources: periods.map((p) => ({
      name: p.source,
      bookedThrough: bookedThroughOfSource(p),
      lastClosedMonth: p.closedMonths.at(-1) ?? null,
      closedMonthCount: p.closedMonths.length,
      firstPostedMonth: p.firstPostedMonth,
      lastPostedMonth: p.lastPostedMonth,
    })),
  };
}

/** 422 for one field, its Danish message from `budget.issues` by key. */
function invalid(
  path: string,
  code: string,
  key: string,
  params: Record<string, string> = {},
): AppError {
  const message = translate(`budget.issues.${key}`, params);
  return new AppError('validation_failed', {}, [{ path, code, message }]);
}

/**
 * "Luk måned": closes a source's months through `month` (from the month after the last closed
 * one; see `monthsToClose`). Only a month that has ended can be closed. One transaction with
 * its audit row; the source is locked so two closings run one after the other.
 */
export async function closeLedgerMonths(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  source: string,
  month: string,
  requestId?: string,
) {
  return deps.db.transaction((tx) =>
    closeLedgerMonthsIn(tx, actor, { source, month, today: todayIn(deps) }, requestId),
  );
}

/** `closeLedgerMonths` inside a transaction the caller holds (the demo's load). */
export async function closeLedgerMonthsIn(
  tx: Queryable,
  actor: Actor,
  input: { source: string; month: string; today: string },
  requestId?: string,
) {
  const { source, month } = input;
  authorize(actor, 'ledger.close');
  if (!isMonth(month)) throw invalid('month', 'invalid_month', 'invalidMonth');
  if (endOfMonth(month) >= input.today) {
    throw invalid('month', 'not_ended', 'monthNotEnded');
  }
  if (!(await lockLedgerSource(tx, source))) throw new AppError('not_found');
  const period = (await listSourcePeriods(tx)).find((p) => p.source === source);
  const latest = period?.closedMonths.at(-1) ?? null;
  if (latest !== null && latest >= month) {
    throw invalid('month', 'already_closed', 'monthAlreadyClosed', { month, source });
  }
  const months = monthsToClose(latest, period?.firstPostedMonth ?? null, month);
  await insertClosedMonths(tx, source, months, actor.displayName);
  await recordAudit(
    tx,
    actor,
    {
      action: 'ledger.month.close',
      objectType: 'ledger_source',
      objectId: source,
      before: { lastClosedMonth: latest },
      after: { lastClosedMonth: month, closed: months },
    },
    requestId,
  );
  return { source, closed: months, bookedThrough: endOfMonth(month) };
}

/**
 * Reopens a source's latest closed month (a correction: postings for it are still coming).
 * Only the latest closed month can be reopened, so the booked period stays without gaps.
 */
export async function reopenLedgerMonth(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  source: string,
  month: string,
  requestId?: string,
) {
  authorize(actor, 'ledger.close');
  if (!isMonth(month)) throw invalid('month', 'invalid_month', 'invalidMonth');
  return deps.db.transaction(async (tx) => {
    if (!(await lockLedgerSource(tx, source))) throw new AppError('not_found');
    const period = (await listSourcePeriods(tx)).find((p) => p.source === source);
    const latest = period?.closedMonths.at(-1) ?? null;
    if (latest !== month) {
      throw invalid(
        'month',
        'not_latest_closed',
        latest === null ? 'noMonthClosed' : 'notLatestClosed',
        latest === null ? { source } : { latest },
      );
    }
    await deleteClosedMonth(tx, source, month);
    const remaining = period?.closedMonths.slice(0, -1) ?? [];
    await recordAudit(
      tx,
      actor,
      {
        action: 'ledger.month.reopen',
        objectType: 'ledger_source',
        objectId: source,
        before: { lastClosedMonth: month },
        after: { lastClosedMonth: remaining.at(-1) ?? null },
      },
      requestId,
    );
    return {
      source,
      reopened: month,
      bookedThrough: bookedThroughOfSource({
        source,
        closedMonths: remaining,
        lastPostedMonth: period?.lastPostedMonth ?? null,
      }),
    };
  });
}

import { deleteDoneJobs } from '../../db/repositories/ledger-jobs';
import type { AppDeps } from '../context';
import { expectedOverspendOfUnits } from '../services/action-plan-trigger-service';
import { keepOpeningForecasts, openingPeriod } from '../services/forecast-service';
import { registerJobHandler } from './worker';

/** The job migration 0033 queues after every change to what the figures are computed from. */
export const KEEP_FIGURES_JOB = 'figures.keep';

/**
 * Computes and keeps what the front page opens at, for every scope a user reads it in, so the
 * first reader after a change reads it kept: the forecast (`keepOpeningForecasts`) and the
 * units' expected overspend behind "handleplan påkrævet" (`expectedOverspendOfUnits`).
 */
export async function keepOpeningFigures(deps: Pick<AppDeps, 'db' | 'now' | 'heavyReads'>) {
  const { year, asOf, scopes } = await keepOpeningForecasts(deps);
  for (const unitIds of scopes)
    await expectedOverspendOfUnits(deps, { year, asOf, unitIds }, { kept: deps });
  return { kept: ['forecast', 'overspend'], year, asOf, scopes: scopes.length };
}

/**
 * Registers the handler of 'figures.keep' with this server's clock and heavy-read slots (once
 * per process, at start). The done jobs before it are removed: each one redoes the whole work,
 * and one per change would crowd the queue. `computes: false` (PGlite) ends each job without
 * computing: the embedded database is one connection, which the computation would hold right
 * after a change, just when the user goes on working (a case page's next read waited seconds
 * behind it); and its one process keeps what its first reader computes anyway.
 */
export function registerKeepFiguresJob(
  deps: Pick<AppDeps, 'now' | 'heavyReads'>,
  options: { computes: boolean } = { computes: true },
): void {
  registerJobHandler(KEEP_FIGURES_JOB, async (db, job) => {
    const at = { ...deps, db };
    const result = options.computes
      ? await keepOpeningFigures(at)
      : { kept: [], ...(await openingPeriod(at)), scopes: 0 };
    await deleteDoneJobs(db, KEEP_FIGURES_JOB, job.id);
    return { status: 'done', result };
  });
}

import { deleteDoneJobs } from '../../db/repositories/ledger-jobs';
import type { AppDeps } from '../context';
import { keepOpeningForecasts } from '../services/forecast-service';
import { registerJobHandler } from './worker';

/** The job migration 0033 queues after every change to what the figures are computed from. */
export const KEEP_FIGURES_JOB = 'figures.keep';

/**
 * Registers the handler of 'figures.keep' with this server's clock and heavy-read slots (once
 * per process, at start): it computes and keeps the forecasts the front page opens at, so the
 * first reader after a change reads it kept (`keepOpeningForecasts`). The done jobs before it
 * are removed: each one redoes the whole work, and one per change would crowd the queue.
 */
export function registerKeepFiguresJob(deps: Pick<AppDeps, 'now' | 'heavyReads'>): void {
  registerJobHandler(KEEP_FIGURES_JOB, async (db, job) => {
    const kept = await keepOpeningForecasts({ ...deps, db });
    await deleteDoneJobs(db, KEEP_FIGURES_JOB, job.id);
    return { status: 'done', result: { kept: ['forecast'], ...kept } };
  });
}

import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

/**
 * The reads that load every case or posting in their scope and compute from them (commitment
 * statements, the forecast, plan measurements): each holds tens of megabytes while it runs,
 * and they are CPU-bound, so running more at once than the process has a core for only adds
 * memory. At most `limit` run at once in this process; the others wait their turn in order.
 */
export function limitConcurrency(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return createMiddleware<AppEnv>(async (_c, next) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      await next();
    } finally {
      // the slot goes straight to the next in line, or is freed
      const nextInLine = waiting.shift();
      if (nextInLine) nextInLine();
      else running--;
    }
  });
}

/** The routes `limitConcurrency` guards (Hono path patterns under /api). */
export const HEAVY_READ_PATHS = [
  '/api/commitments',
  '/api/commitments/*',
  '/api/forecast',
  '/api/forecast/backtest',
  '/api/follow-up/causes',
  '/api/action-plans/required',
  '/api/action-plans/:id/measured',
  '/api/action-plans/:id/forecast',
] as const;

import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

/** Heavy work of this process, run at most a given number at once; the rest wait in order. */
export interface HeavyReadSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The reads that load every case or posting in their scope and compute from them (commitment
 * statements, the forecast, plan measurements): each holds tens of megabytes while it runs,
 * and they are CPU-bound, so running more at once than the process has a core for only adds
 * memory. At most `limit` run at once in this process; the others wait their turn in order.
 */
export function heavyReadSlots(limit: number): HeavyReadSlots {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (running < limit) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        // the slot goes straight to the next in line, or is freed
        const nextInLine = waiting.shift();
        if (nextInLine) nextInLine();
        else running--;
      }
    },
  };
}

/** A route whose whole handling is heavy work waits for one of `slots`. */
export function limitConcurrency(slots: HeavyReadSlots) {
  return createMiddleware<AppEnv>((_c, next) => slots.run(next));
}

/**
 * The routes `limitConcurrency` guards (Hono path patterns under /api). The forecast, its
 * backtest and the required plans take a slot only when they compute (`keptFigures`): a kept
 * answer does not wait. A route listed here must not also wait for a slot inside (two such
 * requests would each hold a slot and wait for the other's).
 */
export const HEAVY_READ_PATHS = [
  '/api/commitments',
  '/api/commitments/*',
  '/api/follow-up/causes',
  '/api/action-plans/:id/measured',
  '/api/action-plans/:id/forecast',
] as const;

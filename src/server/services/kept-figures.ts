import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database';
import { figuresVersion } from '../../db/repositories/forecast';
import type { HeavyReadSlots } from '../middleware/heavy-reads';
import { cachePerDatabase } from './notified-cache';

/** Answers kept per process: a few scopes × years × dates; older versions fall out first. */
const MAX_KEPT = 32;

const keptPerDatabase = cachePerDatabase(
  () => new LRUCache<string, Promise<object>>({ max: MAX_KEPT }),
);

/**
 * A heavy read's answer (the forecast, its backtest), kept in this process for the versions of
 * everything it is computed from (`figuresVersion`, one row read on every call) and its inputs:
 * a repeat read is served from memory, and a change committed anywhere (through another app
 * server, or in the database) bumps a version, so the next read computes afresh. The version is
 * read before the figures, so a kept answer is never older than its key. Reads asking for the
 * same answer at once share one computation, which waits for one of `slots` (`HEAVY_READS`);
 * a kept answer does not wait. `inputs` must name everything else the answer depends on (the
 * scope, the dates, the method); the caller must not change the answer.
 */
export async function keptFigures<T extends object>(
  db: Database,
  name: string,
  inputs: unknown,
  compute: () => Promise<T>,
  slots?: HeavyReadSlots,
): Promise<T> {
  const version = await figuresVersion(db);
  const key = JSON.stringify([name, version, inputs]);
  const kept = keptPerDatabase(db);
  const found = kept.get(key) as Promise<T> | undefined;
  if (found) return found;
  const computing = slots ? slots.run(compute) : compute();
  kept.set(key, computing);
  computing.catch(() => {
    if (kept.get(key) === computing) kept.delete(key);
  });
  return computing;
}

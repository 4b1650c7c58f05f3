import { createHash } from 'node:crypto';
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

/** The answer kept in the database for `key` (migration 0032), or undefined. */
async function keptInDatabase(db: Database, key: string): Promise<object | undefined> {
  const [row] = await db.query<{ answer: string }>(
    'SELECT answer FROM kept_figures WHERE key = $1',
    [key],
  );
  return row ? (JSON.parse(row.answer) as object) : undefined;
}

/**
 * Keeps `answer` in the database for every app server, and drops the answers of older versions
 * (a counter lower than this answer's: never read again, since the counters only grow); an
 * answer of a newer version, kept meanwhile by another server, stays. Best effort: an answer not
 * kept is computed again by the next server that asks.
 */
async function keepInDatabase(
  db: Database,
  row: { key: string; name: string; version: string; answer: object },
): Promise<void> {
  await db.query(
    `INSERT INTO kept_figures (key, name, version, answer) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO NOTHING`,
    [row.key, row.name, row.version, JSON.stringify(row.answer)],
  );
  await db.query(
    `DELETE FROM kept_figures
      WHERE split_part(version, '.', 1)::bigint < split_part($1, '.', 1)::bigint
         OR split_part(version, '.', 2)::bigint < split_part($1, '.', 2)::bigint`,
    [row.version],
  );
}

/**
 * A heavy read's answer (the forecast, its backtest), kept for the versions of everything it is
 * computed from (`figuresVersion`, one row read on every call) and its inputs: in this process,
 * and in the database (`kept_figures`) for every app server, so a server that has just started,
 * or another server than the one that computed it, reads it instead of computing it again. A
 * change committed anywhere (through any app server, or in the database) bumps a version, so the
 * next read computes afresh. The version is read before the figures, so a kept answer is never
 * older than its key. Reads in this process asking for the same answer at once share one
 * computation, which waits for one of `slots` (`HEAVY_READS`); a kept answer does not wait.
 * `inputs` must name everything else the answer depends on (the scope, the dates, the method);
 * the answer must be plain JSON data, and the caller must not change it.
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
  const stored = createHash('sha256').update(key).digest('base64url');
  const computing = (async () => {
    const shared = (await keptInDatabase(db, stored)) as T | undefined;
    if (shared) return shared;
    const answer = await (slots ? slots.run(compute) : compute());
    void keepInDatabase(db, { key: stored, name, version, answer }).catch(() => undefined);
    return answer;
  })();
  kept.set(key, computing);
  computing.catch(() => {
    if (kept.get(key) === computing) kept.delete(key);
  });
  return computing;
}

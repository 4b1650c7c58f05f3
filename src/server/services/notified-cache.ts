import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database';

/**
 * Values read from the database and kept in this process, dropped when the database says they
 * may be wrong: a NOTIFY on `channel` (from triggers, migration 0009) carries the key that
 * changed, or `*` for "anything may have changed". Nothing is kept or served while the
 * listening connection is down, and a value read while a notification arrived is not kept
 * (the generation moved on), so a committed change shows here as soon as its notification has
 * arrived: at once on PGlite (before the writing statement returns), within milliseconds on
 * PostgreSQL, where a use that must see every commit at once checks with the database too.
 */
export class NotifiedCache<V extends object> {
  private readonly entries: LRUCache<string, V>;
  private live = false;
  private generation = 0;

  constructor(
    db: Database,
    channel: string,
    limits:
      { max: number } | { maxSize: number; sizeCalculation: (value: V, key: string) => number },
  ) {
    this.entries = new LRUCache<string, V>(limits);
    db.listen(channel, {
      message: (payload) => {
        this.generation++;
        if (payload === '*') this.entries.clear();
        else this.entries.delete(payload);
      },
      ready: () => {
        this.clear();
        this.live = true;
      },
      lost: () => {
        this.live = false;
        this.clear();
      },
    }).catch(() => undefined); // already told through `lost`; the listener retries
  }

  get(key: string): V | undefined {
    return this.live ? this.entries.get(key) : undefined;
  }

  /** Taken before reading a value: `keep` keeps it only if nothing changed since. */
  mark(): number {
    return this.generation;
  }

  keep(key: string, value: V, mark: number): void {
    if (this.live && mark === this.generation) this.entries.set(key, value);
  }

  /** Replaces a kept value (after this process changed it), if one is kept. */
  update(key: string, value: V): void {
    if (this.entries.has(key)) this.entries.set(key, value);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * After this process committed a change: its own next request must not wait for the
   * notification, which on PostgreSQL arrives a moment later.
   */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

/** One cache per database and name, made (and listening) on first use. */
export function cachePerDatabase<C>(make: (db: Database) => C): (db: Database) => C {
  const caches = new WeakMap<Database, C>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) {
      cache = make(db);
      caches.set(db, cache);
    }
    return cache;
  };
}

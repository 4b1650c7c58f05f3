import type { Logger } from 'pino';
import type { Actor } from '../domain/access';
import type { Database } from '../db/database';
import { dateAt, type IsoDate } from '../domain/months';
import type { Config } from './env';
import type { HeavyReadSlots } from './middleware/heavy-reads';
import type { StatementWorkers } from './workers/statement-pool';

/** What every request handler can reach: injected once in createApp, never global. */
export interface AppDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** The clock: services read "now" from here so tests can pin it. */
  now: () => Date;
  /** The process's slots for heavy work (`HEAVY_READS`); createApp makes them when missing. */
  heavyReads?: HeavyReadSlots;
  /**
   * The process's statement workers (`STATEMENT_WORKERS`, PostgreSQL only), null when the
   * commitment figures are computed on the request thread; createApp makes them when missing.
   * Whoever made the deps closes them (`close`) when the server stops.
   */
  statementWorkers?: StatementWorkers | null;
}

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    actor: Actor | null;
    session: SessionInfo | null;
  };
};

/** Today in the municipality (Copenhagen), from the injected clock: the one "today" of the server. */
export function todayIn(deps: Pick<AppDeps, 'now'>): IsoDate {
  return dateAt(deps.now());
}

/**
 * The statement workers: a pool of worker threads (piscina) that compute the commitment figures
 * (`services/commitments/statements.ts#FIGURES`) off the request thread, so that a cheap read
 * never waits behind a statement's load and arithmetic. PostgreSQL only: each worker opens a
 * small pool of its own to the same database; on PGlite the database is one connection inside
 * the process, and the figures are computed on the request thread as before.
 *
 * Authorisation and scope stay on the request thread (`resolveScope`), as does the read's audit
 * row: a worker is handed the scope, reads nothing outside it, and answers with the presented
 * figures (small) rather than the cases.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { Logger } from 'pino';
import { Piscina } from 'piscina';
import type { Database } from '../../db/database';
import { AppError } from '../errors';
import type { Scope } from '../services/commitments/scope';
import type { FigureAnswer, FigureInput, FigureName } from '../services/commitments/statements';
import { reviveError } from './errors';
import type { StatementResult, StatementTask, StatementWorkerData } from './statement-worker';

export interface StatementWorkers {
  /** Computes one kind of figures on a worker; a worker's error is thrown here as it was there. */
  run<K extends FigureName>(name: K, scope: Scope, input: FigureInput<K>): Promise<FigureAnswer<K>>;
  /** Starts the threads now rather than at the first statement. */
  warm(): void;
  /** Waits for the statements running, then ends every thread (and its connections). */
  close(): Promise<void>;
  /** Threads running now, and tasks answered so far (logs, tests). */
  readonly threads: number;
  readonly completed: number;
}

/** Connections of each worker's own pool: one statement at a time, which reads in parallel. */
const WORKER_POOL_MAX = 2;

/**
 * The process's statement workers, or null when the figures are computed on the request thread:
 * `STATEMENT_WORKERS=0`, or a database that is not PostgreSQL. The threads start at the first
 * statement (or `warm`), so a process that never computes one never starts them.
 */
export function statementWorkersFor(
  deps: { db: Database; config: { statementWorkers: number }; logger: Logger },
  options: { resourceLimits?: ResourceLimits } = {},
): StatementWorkers | null {
  const { db, config, logger } = deps;
  if (config.statementWorkers === 0 || db.kind !== 'postgresql' || !db.connection) return null;
  const size = config.statementWorkers;
  const workerData: StatementWorkerData = {
    connection: { ...db.connection },
    poolMax: WORKER_POOL_MAX,
  };
  let pool: Piscina<StatementTask, StatementResult> | undefined;
  let closed = false;
  const start = () => {
    const made = new Piscina<StatementTask, StatementResult>({
      filename: new URL('./statement-worker.mjs', import.meta.url).href,
      name: 'default',
      minThreads: size,
      maxThreads: size,
      idleTimeout: Infinity,
      // between tasks a worker's event loop keeps running: its connections' timers and errors
      atomics: 'async',
      workerData,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    // an error of a worker outside any task (it failed to start): logged, never the process's end
    made.on('error', (error: unknown) =>
      logger.error({ event: 'statement_worker_error', err: error }),
    );
    return made;
  };
  const started = () => (pool ??= start());

  return {
    async run(name, scope, input) {
      if (closed) throw new AppError('computation_interrupted');
      let result: StatementResult;
      try {
        result = await started().run({ name, scope, input });
      } catch (error) {
        // the worker itself failed (it died, ran out of memory, or the pool is closing): the
        // server goes on, a new worker takes its place, and this request is answered 503
        logger.error({ event: 'statement_worker_failed', figures: name, err: error });
        throw new AppError('computation_interrupted');
      }
      if (!result.ok) throw reviveError(result.error);
      return result.value as FigureAnswer<typeof name>;
    },
    warm() {
      if (!closed) started();
    },
    async close() {
      closed = true;
      await pool?.close();
    },
    get threads() {
      return pool?.threads.length ?? 0;
    },
    get completed() {
      return pool?.completed ?? 0;
    },
  };
}

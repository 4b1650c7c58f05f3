import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/**
 * Runs `count` copies of this program as worker processes sharing one listening port
 * (node:cluster hands each new connection to one of them). For PostgreSQL only: each worker has
 * its own connection pool, and everything shared (sessions, rate limits, the job queue) lives
 * in the database. Called in the primary process, after migrations; the workers run the same
 * entry point and see `cluster.isWorker`.
 *
 * A worker that stops unexpectedly after it has listened is replaced a second later. One that
 * stops before it ever listened (a port in use, a database that cannot be opened) stops the
 * whole server with its exit code, rather than being restarted in a loop. SIGTERM or SIGINT is
 * passed on to the workers; the primary exits when they have.
 */
export function runWorkers(options: {
  count: number;
  logger: Logger;
  /** Extra environment for the workers. */
  env?: Record<string, string>;
}): { workers: () => Worker[]; stop: () => Promise<void> } {
  const { count, logger } = options;
  let stopping = false;
  const listened = new WeakSet<Worker>();

  const fork = () => cluster.fork(options.env ?? {});

  cluster.on('listening', (worker) => listened.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!listened.has(worker)) {
      logger.error({ event: 'worker_failed_to_start', pid: worker.process.pid, code, signal });
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
      process.exitCode = code || 1;
      return;
    }
    logger.error({ event: 'worker_stopped', pid: worker.process.pid, code, signal });
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });

  for (let i = 0; i < count; i++) fork();

  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      const running = alive();
      if (running.length === 0) return resolve();
      let left = running.length;
      for (const worker of running) {
        worker.once('exit', () => {
          left -= 1;
          if (left === 0) resolve();
        });
        worker.kill('SIGTERM');
      }
    });
  return { workers: alive, stop };
}

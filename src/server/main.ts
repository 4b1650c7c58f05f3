import cluster from 'node:cluster';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import type { Database } from '../db/database';
import { migrate, MigrationRightsError } from '../db/migrate';
import { openDatabase } from '../db/open';
import { createApp } from './app';
import type { AppDeps } from './context';
import { runWorkers } from './cluster';
import { registerKeepFiguresJob } from './jobs/keep-figures';
import { startJobWorker } from './jobs/worker';
import { removeOrphanUploads } from './services/ledger-service';
import { queueDigestIfDue, registerDigestJob } from './services/notification-service';
import { preloadDocumentLibraries } from './preload';
import { ConfigError, loadConfig, type Config } from './env';
import { loadDemoIfEmpty } from './demo/load-demo';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Overblik cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({
    level: config.logLevel,
    base: cluster.isWorker
      ? { service: 'overblik', pid: process.pid, worker: cluster.worker?.id }
      : { service: 'overblik' },
  });

  if (cluster.isWorker) {
    // The primary has migrated and loaded the demo before forking.
    serveHttp(config, logger, await open(config));
    return;
  }
  const db = await open(config);
  let applied: string[];
  try {
    applied = await migrate(db);
  } catch (error) {
    if (!(error instanceof MigrationRightsError)) throw error;
    process.stderr.write(`Overblik cannot start: ${error.message}\n`);
    process.exit(2);
  }
  if (applied.length) logger.info({ event: 'migrated', applied });
  if (config.demo && (await loadDemoIfEmpty(db, new Date()))) logger.info({ event: 'demo_loaded' });
  if (config.webConcurrency === 1) {
    serveHttp(config, logger, db);
    return;
  }
  // Several processes (PostgreSQL only, checked in env.ts): this one only supervises them.
  await db.close();
  logger.info({ event: 'starting_workers', workers: config.webConcurrency });
  const workers = runWorkers({ count: config.webConcurrency, logger });
  const shutdown = (signal: string) => {
    logger.info({ event: 'shutdown', signal });
    void workers.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function open(config: Config): Promise<Database> {
  try {
    return await openDatabase(config);
  } catch (error) {
    const where = config.databaseUrl ? redact(config.databaseUrl) : path.resolve(config.dataDir);
    process.stderr.write(
      `Overblik cannot start: the database at ${where} cannot be opened (${(error as Error).message}).\n`,
    );
    process.exit(3);
  }
}

/** Serves the app in this process until SIGINT or SIGTERM. */
function serveHttp(config: Config, logger: Logger, db: Database): void {
  const startedAt = new Date();
  const deps: AppDeps = { db, config, logger, now: () => new Date() };
  const app = createApp(deps, { webDir: path.resolve('dist') });
  registerKeepFiguresJob(deps, { computes: db.kind === 'postgresql' });
  // Jobs left queued by a server that stopped are picked up at start, new ones the moment they
  // are queued (NOTIFY), retries and jobs of a stopped worker within seconds (a timer). With
  // several processes each looks: a job is claimed by one of them (FOR UPDATE SKIP LOCKED).
  const worker = startJobWorker(db, {
    onError: (error) => logger.error({ event: 'job_failed', err: error }),
    // Uploads a crash cut off. PGlite has one process, so at its start every upload still
    // receiving is an orphan; on PostgreSQL another process may be receiving it.
    sweep: async (atStart) => {
      const removed = await removeOrphanUploads(
        db,
        atStart && db.kind === 'pglite' ? { atStartOf: startedAt } : {},
      );
      if (removed.uploads || removed.chunks) logger.info({ event: 'orphans_removed', ...removed });
    },
  });
  scheduleDigest(config, logger, db);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({
      event: 'listening',
      port: info.port,
      database: db.kind,
      url: `http://localhost:${info.port}`,
    });
    setTimeout(() => {
      preloadDocumentLibraries().catch((error: unknown) =>
        logger.error({ event: 'preload_failed', err: error }),
      );
      // the first statement should not wait for its worker to start
      deps.statementWorkers?.warm();
    }, 1000).unref();
  });

  const shutdown = (signal: string) => {
    logger.info({ event: 'shutdown', signal });
    worker.stop();
    server.close(() => {
      void Promise.resolve(deps.statementWorkers?.close())
        .then(() => db.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/**
 * The daily notification digest: every process looks once a minute whether the day's digest
 * time has passed; the first to claim the day queues one job on the database queue, which one
 * process then runs (reminders of committee deadlines, and the e-mails when SMTP_URL is set).
 */
function scheduleDigest(config: Config, logger: Logger, db: Database): void {
  const settings = {
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    digestTime: config.digestTime,
    now: () => new Date(),
  };
  registerDigestJob(settings);
  const onError = (error: unknown) => logger.error({ event: 'digest_failed', err: error });
  const look = () => {
    queueDigestIfDue(db, settings, onError)
      .then((jobId) => {
        if (jobId) logger.info({ event: 'digest_queued', jobId });
      })
      .catch(onError);
  };
  setTimeout(look, 5_000).unref();
  setInterval(look, 60_000).unref();
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

await main();

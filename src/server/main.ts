import path from 'node:path';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open';
import { createApp } from './app';
import { drainJobs } from './jobs/worker';
import { ConfigError, loadConfig } from './env';
import { isEmpty, loadDemo } from './demo/load-demo';

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
  const logger = pino({ level: config.logLevel, base: { service: 'overblik' } });

  let db;
  try {
    db = await openDatabase(config);
  } catch (error) {
    const where = config.databaseUrl ? redact(config.databaseUrl) : path.resolve(config.dataDir);
    process.stderr.write(
      `Overblik cannot start: the database at ${where} cannot be opened (${(error as Error).message}).\n`,
    );
    process.exit(3);
  }
  const applied = await migrate(db);
  if (applied.length) logger.info({ event: 'migrated', applied });
  if (config.demo && (await isEmpty(db))) {
    logger.info({ event: 'demo_loading' });
    await loadDemo(db);
    logger.info({ event: 'demo_loaded' });
  }

  const app = createApp(
    { db, config, logger, now: () => new Date() },
    { webDir: path.resolve('dist') },
  );
  // Jobs left queued by a server that stopped are picked up at start; new ones start when queued.
  void drainJobs(db, (error) => logger.error({ event: 'job_failed', err: error }));

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({
      event: 'listening',
      port: info.port,
      database: db.kind,
      url: `http://localhost:${info.port}`,
    });
  });

  const shutdown = (signal: string) => {
    logger.info({ event: 'shutdown', signal });
    server.close(() => {
      void db.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

await main();

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { isConnectionLost } from '../db/database';
import type { AppDeps, AppEnv } from './context';
import { AppError, toProblem } from './errors';
import { HEAVY_READ_PATHS, heavyReadSlots, limitConcurrency } from './middleware/heavy-reads';
import { requestContext, sessionAuth } from './middleware/request-context';
import { createRouter, withSharedProblemAnswers } from './openapi';
import { statementWorkersFor } from './workers/statement-pool';
import { actionPlanRoutes } from './routes/action-plans';
import { apiDocsRoutes } from './routes/api-docs';
import { budgetRoutes } from './routes/budgets';
import { followUpRoutes } from './routes/follow-up';
import { forecastRoutes } from './routes/forecast';
import { jobRoutes } from './routes/jobs';
import { ledgerRoutes } from './routes/ledger';
import { healthRoutes } from './routes/health';
import { metaRoutes } from './routes/meta';
import { organisationRoutes } from './routes/organisation';
import { sessionRoutes } from './routes/session';
import { caseRoutes } from './routes/cases';
import { commitmentRoutes } from './routes/commitments';
import { statusReportRoutes } from './routes/reports';
import { userRoutes } from './routes/users';
import { auditRoutes } from './routes/audit';
import { oidcRoutes } from './routes/oidc';
import { meetingRoutes } from './routes/meetings';
import { notificationRoutes } from './routes/notifications';
import { reviewRoutes } from './routes/reviews';
import { approvalRoutes } from './routes/approvals';
import { providerRoutes } from './routes/providers';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AppOptions {
  /** Folder of the built web app; served with a fallback to index.html for client routes. */
  webDir?: string;
}

/** Builds the whole HTTP application without listening, so tests can call it in-process. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  // one set of slots per process's deps: HEAVY_READS counts per process
  const slots = (deps.heavyReads ??= heavyReadSlots(deps.config.heavyReads));
  // and one pool of statement workers (PostgreSQL), started at the first statement
  if (deps.statementWorkers === undefined) deps.statementWorkers = statementWorkersFor(deps);
  const app = createRouter();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: deps.config.trustProxy
        ? 'max-age=31536000; includeSubDomains'
        : false,
      referrerPolicy: 'same-origin',
    }),
  );
  app.use('*', requestContext(deps));
  const limitBody = bodyLimit({
    maxSize: 50 * 1024 * 1024,
    onError: () => {
      throw new AppError('payload_too_large');
    },
  });
  // Only where a body may come: the limit reads `Request.body`, which makes the Node adapter
  // build a whole WHATWG Request (with an AbortController) even for a GET.
  app.use(
    '/api/*',
    createMiddleware<AppEnv>((c, next) =>
      BODYLESS.has(c.req.method) ? next() : limitBody(c, next),
    ),
  );
  app.use('/api/*', sessionAuth());
  const heavyRead = limitConcurrency(slots);
  for (const path of HEAVY_READ_PATHS) app.on('GET', path, heavyRead);

  const api = createRouter()
    .route('/', healthRoutes)
    .route('/', metaRoutes)
    .route('/', sessionRoutes)
    .route('/', organisationRoutes)
    .route('/', actionPlanRoutes)
    .route('/', userRoutes)
    .route('/', auditRoutes)
    .route('/', oidcRoutes)
    .route('/', budgetRoutes)
    .route('/', ledgerRoutes)
    .route('/', jobRoutes)
    .route('/', forecastRoutes)
    .route('/', followUpRoutes)
    .route('/', caseRoutes)
    .route('/', providerRoutes)
    .route('/', commitmentRoutes)
    .route('/', statusReportRoutes)
    .route('/', meetingRoutes)
    .route('/', notificationRoutes)
    .route('/', reviewRoutes)
    .route('/', approvalRoutes);

  app.route('/api', api);
  // generated once, on first request, with the error answers every operation shares
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get('/api/openapi.json', (c) =>
    c.json(
      (document ??= withSharedProblemAnswers(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'Overblik API',
            version: '1',
            description:
              'Økonomistyring på det specialiserede børneområde. Beløb er kroner med højst to decimaler; fejl er application/problem+json med en stabil `code` og en dansk `detail`: 400 `malformed_json` (ikke gyldig JSON), 415 `unsupported_media_type` (forkert Content-Type), 422 `validation_failed` med `issues` pr. felt (også CPR-numre og kontroltegn i tekst), 422 `value_not_storable`/`unknown_reference` (tal, datoer og henvisninger, databasen ikke kan tage).',
          },
        }),
      )),
    ),
  );
  app.route('/api', apiDocsRoutes);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api')) throw new AppError('route_not_found', { path: c.req.path });
    return c.text('Not found', 404);
  });

  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? 'unknown';
    const dataError = dataErrorCode(error);
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error instanceof HTTPException && error.status === 400) {
      appError = new AppError('malformed_json');
    } else if (error instanceof HTTPException && error.status === 415) {
      appError = new AppError('unsupported_media_type');
    } else if (dataError) {
      deps.logger.warn({ event: 'input_not_storable', requestId, path: c.req.path, err: error });
      appError = new AppError(dataError);
    } else if (isConnectionLost(error)) {
      deps.logger.error({ event: 'database_unavailable', requestId, err: error });
      appError = new AppError('database_unavailable');
    } else {
      deps.logger.error({ event: 'unexpected_error', requestId, path: c.req.path, err: error });
      appError = new AppError('internal', { requestId });
    }
    return c.body(
      JSON.stringify(toProblem(appError, requestId, c.req.path)),
      appError.status as 400,
      {
        'Content-Type': 'application/problem+json; charset=utf-8',
        // The database is away (a restart, a failover): the same request may succeed soon.
        ...(appError.status === 503 ? { 'Retry-After': '5' } : {}),
      },
    );
  });

  if (options.webDir && existsSync(path.join(options.webDir, 'index.html'))) {
    const webDir = options.webDir;
    const indexHtml = readFile(path.join(webDir, 'index.html'), 'utf8');
    // Built files carry a hash of their content in their names: a browser may keep them for
    // good (not the page an unknown name falls through to). Each is sent as the Brotli or gzip
    // copy the build wrote beside it, when accepted.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200 && !c.res.headers.get('Content-Type')?.startsWith('text/html'))
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use(
      '/assets/*',
      serveStatic({ root: path.relative(process.cwd(), webDir), precompressed: true }),
    );
    app.use('/favicon.svg', serveStatic({ root: path.relative(process.cwd(), webDir) }));
    app.get('*', async (c) => {
      if (c.req.path.startsWith('/api'))
        throw new AppError('route_not_found', { path: c.req.path });
      return c.html(await indexHtml);
    });
  }
  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * Input the schemas let through but the database cannot take is the user's error, not ours: a
 * reference to a row that does not exist (foreign key), a date or number out of the column's
 * range, a NUL character in text. The transaction has rolled back, so nothing was saved.
 */
function dataErrorCode(error: unknown): 'unknown_reference' | 'value_not_storable' | null {
  const code = (error as { code?: unknown })?.code;
  if (code === '23503') return 'unknown_reference';
  return typeof code === 'string' &&
    ['22P02', '22007', '22008', '22003', '22021', '22P05', '22026', '22001'].includes(code)
    ? 'value_not_storable'
    : null;
}

import { createRoute, z } from '@hono/zod-openapi';
import { LedgerMappingSchema } from '../../shared/schemas/budget';
import { AppError } from '../errors';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  closeLedgerMonths,
  getBookedPeriod,
  reopenLedgerMonth,
} from '../services/booked-period-service';
import {
  getLedgerImport,
  getLedgerImports,
  getLedgerSources,
  getPostings,
  saveLedgerSource,
  uploadLedgerFile,
} from '../services/ledger-service';
import {
  BookedPeriodSchema,
  LedgerImportSchema,
  PostingsSchema,
} from '../../shared/schemas/ledger';
import { FreeText } from '../../shared/schemas/text';
import { translate } from '../../shared/i18n/translate';

const sources = createRoute({
  method: 'get',
  path: '/ledger/sources',
  tags: ['Ledger'],
  summary: 'Source systems and their saved column mappings',
  responses: {
    200: jsonAnswer(
      'Kilder',
      z.array(z.object({ name: z.string(), mapping: LedgerMappingSchema, version: z.number() })),
    ),
    ...problemResponses(401, 403),
  },
});

const saveSource = createRoute({
  method: 'put',
  path: '/ledger/sources/{name}',
  tags: ['Ledger'],
  summary: 'Save the column mapping of a source system',
  request: {
    params: z.object({ name: FreeText.min(1).max(100) }),
    body: jsonBody(LedgerMappingSchema),
  },
  responses: {
    200: jsonAnswer('Gemt', z.object({ name: z.string(), mapping: LedgerMappingSchema })),
    ...problemResponses(401, 403, 422),
  },
});

const upload = createRoute({
  method: 'post',
  path: '/ledger/imports',
  tags: ['Ledger'],
  summary:
    'Upload a ledger file (CSV as the financial system writes it, or .xlsx) as the raw request body; the import runs as background work (GET /api/jobs/{id})',
  request: {
    query: z.object({
      source: FreeText.min(1).max(100),
      year: z.coerce.number().int().min(2000).max(2100),
      fileName: FreeText.max(300).default('posteringer.csv'),
      encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
    }),
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    202: jsonAnswer(
      'Modtaget; importen kører i baggrunden',
      z.object({
        importId: z.string(),
        jobId: z.string().nullable(),
        status: z.enum(['queued', 'duplicate']),
        duplicateOf: z.string().nullable(),
      }),
    ),
    ...problemResponses(401, 403, 413, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/ledger/imports',
  tags: ['Ledger'],
  summary: 'The latest ledger imports with their reports',
  responses: {
    200: jsonAnswer('Importer', z.array(LedgerImportSchema)),
    ...problemResponses(401, 403),
  },
});

const one = createRoute({
  method: 'get',
  path: '/ledger/imports/{id}',
  tags: ['Ledger'],
  summary: 'One ledger import and its report of every bad line',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonAnswer('Import', LedgerImportSchema), ...problemResponses(401, 403, 404) },
});

const postings = createRoute({
  method: 'get',
  path: '/ledger/postings',
  tags: ['Ledger'],
  summary: 'Postings of a unit and year (drill-down), optionally one function and month',
  request: {
    query: z.object({
      unitId: z.uuid(),
      year: z.coerce.number().int().min(2000).max(2100),
      accountFunction: z.string().optional(),
      month: z.coerce.number().int().min(1).max(12).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: jsonAnswer('Posteringer', PostingsSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, translate('budget.issues.invalidMonth'));

const bookedPeriod = createRoute({
  method: 'get',
  path: '/ledger/booked-period',
  tags: ['Ledger'],
  summary: 'Through which date the ledger postings are complete (bogført periode), per source',
  responses: {
    200: jsonAnswer('Bogført periode', BookedPeriodSchema),
    ...problemResponses(401, 403),
  },
});

const closeMonths = createRoute({
  method: 'post',
  path: '/ledger/sources/{name}/closed-months',
  tags: ['Ledger'],
  summary:
    'Close a source\'s months through the given month ("Luk måned"): every month after the last closed one',
  request: {
    params: z.object({ name: FreeText.min(1).max(100) }),
    body: jsonBody(z.object({ month: Month })),
  },
  responses: {
    200: jsonAnswer(
      'Lukket',
      z.object({ source: z.string(), closed: z.array(z.string()), bookedThrough: z.string() }),
    ),
    ...problemResponses(401, 403, 404, 422),
  },
});

const reopenMonth = createRoute({
  method: 'delete',
  path: '/ledger/sources/{name}/closed-months/{month}',
  tags: ['Ledger'],
  summary: "Reopen a source's latest closed month",
  request: { params: z.object({ name: FreeText.min(1).max(100), month: Month }) },
  responses: {
    200: jsonAnswer(
      'Genåbnet',
      z.object({
        source: z.string(),
        reopened: z.string(),
        bookedThrough: z.string().nullable(),
      }),
    ),
    ...problemResponses(401, 403, 404, 422),
  },
});

export const ledgerRoutes = createRouter()
  .openapi(bookedPeriod, async (c) =>
    c.json(await getBookedPeriod(c.get('deps'), requireActor(c)), 200),
  )
  .openapi(closeMonths, async (c) =>
    c.json(
      await closeLedgerMonths(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').name,
        c.req.valid('json').month,
        c.get('requestId'),
      ),
      200,
    ),
  )
  .openapi(reopenMonth, async (c) => {
    const { name, month } = c.req.valid('param');
    return c.json(
      await reopenLedgerMonth(c.get('deps'), requireActor(c), name, month, c.get('requestId')),
      200,
    );
  })
  .openapi(sources, async (c) =>
    c.json(await getLedgerSources(c.get('deps'), requireActor(c)), 200),
  )
  .openapi(saveSource, async (c) => {
    const actor = requireActor(c);
    const saved = await saveLedgerSource(
      c.get('deps'),
      actor,
      c.req.valid('param').name,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(saved, 200);
  })
  .openapi(upload, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const body = c.req.raw.body;
    if (!body)
      throw new AppError('validation_failed', {}, [
        { path: '(fil)', code: 'empty', message: translate('budget.issues.noFile') },
      ]);
    const result = await uploadLedgerFile(deps, actor, { ...q, body }, c.get('requestId'), (err) =>
      deps.logger.error({ event: 'job_failed', err }),
    );
    return c.json(result, 202);
  })
  .openapi(list, async (c) => c.json(await getLedgerImports(c.get('deps'), requireActor(c)), 200))
  .openapi(one, async (c) =>
    c.json(await getLedgerImport(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(postings, async (c) =>
    c.json(await getPostings(c.get('deps'), requireActor(c), c.req.valid('query')), 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import {
  CATEGORY_GROUP_NAMES,
  CommitmentsSchema,
  FamiliesSchema,
  MovementSchema,
  ReimbursementSchema,
  STATEMENT_DIMENSIONS,
  StatementSchema,
} from '../../shared/schemas/cases';
import { AppError, mustBeOneOf } from '../errors';
import { requireActor } from '../middleware/require-actor';
import { MEDIA_TYPES, type MadeFile } from '../../reports/files';
import {
  createRouter,
  fileAnswer,
  fileContent,
  jsonAnswer,
  jsonBody,
  problemResponses,
} from '../openapi';
import {
  familiesWorkbook,
  movementWorkbook,
  reimbursementWorkbook,
  statementWorkbook,
} from '../presenters/case-statement-xlsx';
import { listThresholds, saveThresholds } from '../services/commitments/rates';
import {
  commitments,
  families,
  movement,
  reimbursement,
  statement,
} from '../services/commitments/statements';
import { IsoDateText } from '../../shared/schemas/dates';
import { FreeText } from '../../shared/schemas/text';
import { translate } from '../../shared/i18n/translate';
import { ThresholdsSchema } from '../../shared/schemas/rates';

const date = IsoDateText;
const year = z.coerce
  .number({ error: translate('validation.year') })
  .int(translate('validation.year'))
  .min(2000, translate('validation.yearFrom', { min: 2000 }))
  .max(2100, translate('validation.yearThrough', { max: 2100 }));
const unit = FreeText.max(200).optional().openapi({ description: "The unit's name" });

const get = createRoute({
  method: 'get',
  path: '/commitments',
  tags: ['Commitments'],
  summary:
    'Committed cost (disponering) of a year as of a date: expected and granted, by month, in kroner',
  request: {
    query: z.object({
      year,
      asOf: date.optional().openapi({ description: 'Default today' }),
      unit,
      case: FreeText.max(200).optional().openapi({ description: "The case's ref" }),
    }),
  },
  responses: {
    200: jsonAnswer('Disponering', CommitmentsSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const byQuery = z.object({
  year,
  asOf: date.optional(),
  unit,
  by: z.enum(STATEMENT_DIMENSIONS).default('category'),
  group: z
    .enum(CATEGORY_GROUP_NAMES)
    .optional()
    .openapi({ description: 'Only this category group, e.g. forebyggende' }),
  kind: z
    .enum(['ekstern', 'intern'], { error: mustBeOneOf(['ekstern', 'intern']) })
    .optional()
    .openapi({ description: 'Only external or only internal providers' }),
  provider: FreeText.max(200)
    .optional()
    .openapi({ description: "Only this provider (the register's name)" }),
});

const getStatement = createRoute({
  method: 'get',
  path: '/commitments/statement',
  tags: ['Commitments'],
  summary:
    'A commitment statement split by month, unit, account function, category, provider kind, provider or age band, optionally limited to a kind of provider or one provider',
  request: { query: byQuery },
  responses: {
    200: jsonAnswer('Disponeringsopgørelse', StatementSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const getStatementXlsx = createRoute({
  method: 'get',
  path: '/commitments/statement.xlsx',
  tags: ['Commitments'],
  summary: 'The same statement as an Excel workbook',
  request: { query: byQuery },
  responses: {
    200: {
      description: 'Excel',
      content: fileContent('xlsx'),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

const getMovement = createRoute({
  method: 'get',
  path: '/commitments/movement',
  tags: ['Commitments'],
  summary: "Movement in a year's committed cost between two dates: new, ended and changed",
  request: { query: z.object({ year, from: date, to: date, unit }) },
  responses: {
    200: jsonAnswer('Bevægelser', MovementSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const getFamilies = createRoute({
  method: 'get',
  path: '/commitments/families',
  tags: ['Commitments'],
  summary: 'Families with more than one intervention on a date, per age band',
  request: { query: z.object({ date, unit }) },
  responses: {
    200: jsonAnswer('Familier med mere end én foranstaltning', FamiliesSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const getReimbursement = createRoute({
  method: 'get',
  path: '/commitments/reimbursement',
  tags: ['Commitments'],
  summary: 'Reimbursement of very expensive cases (refusion): households above the first threshold',
  request: { query: z.object({ year, asOf: date.optional(), unit }) },
  responses: {
    200: jsonAnswer('Refusion', ReimbursementSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

/** An Excel workbook to hand out. */
const xlsx = (body: ArrayBuffer | Uint8Array, filename: string): MadeFile => ({
  body: new Uint8Array(body),
  contentType: MEDIA_TYPES.xlsx,
  filename,
});
const xlsxRoute = (path: string, summary: string, query: z.ZodObject) =>
  createRoute({
    method: 'get',
    path,
    tags: ['Commitments'],
    summary,
    request: { query },
    responses: {
      200: { description: 'Excel', content: fileContent('xlsx') },
      ...problemResponses(401, 403, 404, 422),
    },
  });
const movementQuery = z.object({ year, from: date, to: date, unit });
const familiesQuery = z.object({ date, unit });
const reimbursementQuery = z.object({ year, asOf: date.optional(), unit });
const getMovementXlsx = xlsxRoute('/commitments/movement.xlsx', 'Movement as Excel', movementQuery);
const getFamiliesXlsx = xlsxRoute(
  '/commitments/families.xlsx',
  'Families as Excel, one row per household (readers of the cases only)',
  familiesQuery,
);
const getReimbursementXlsx = xlsxRoute(
  '/commitments/reimbursement.xlsx',
  'Reimbursement as Excel, one row per household (readers of the cases only)',
  reimbursementQuery,
);

const getThresholds = createRoute({
  method: 'get',
  path: '/commitments/reimbursement-thresholds',
  tags: ['Commitments'],
  summary: 'The dated thresholds for reimbursement of very expensive cases, with their source',
  responses: {
    200: jsonAnswer('Tærskler', z.array(ThresholdsSchema)),
    ...problemResponses(401, 403),
  },
});

const putThresholds = createRoute({
  method: 'put',
  path: '/commitments/reimbursement-thresholds',
  tags: ['Commitments'],
  summary: 'Enter the regulated thresholds valid from a date (administrators)',
  request: {
    body: jsonBody(ThresholdsSchema),
  },
  responses: {
    200: jsonAnswer('Gemt', ThresholdsSchema),
    ...problemResponses(401, 403, 409, 422),
  },
});

export const commitmentRoutes = createRouter()
  .openapi(get, async (c) => {
    const q = c.req.valid('query');
    return c.json(await commitments(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(getStatement, async (c) => {
    const q = c.req.valid('query');
    return c.json(await statement(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(getStatementXlsx, async (c) => {
    const q = c.req.valid('query');
    const s = await statement(c.get('deps'), requireActor(c), q, c.get('requestId'));
    const body = await statementWorkbook(s);
    return fileAnswer(c, xlsx(body, `disponering-${s.year}-${s.asOf}-${s.by}.xlsx`));
  })
  .openapi(getMovement, async (c) => {
    const q = c.req.valid('query');
    return c.json(await movement(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(getFamilies, async (c) => {
    const q = c.req.valid('query');
    return c.json(await families(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(getReimbursement, async (c) => {
    const q = c.req.valid('query');
    return c.json(await reimbursement(c.get('deps'), requireActor(c), q, c.get('requestId')), 200);
  })
  .openapi(getThresholds, async (c) => {
    return c.json(await listThresholds(c.get('deps'), requireActor(c)), 200);
  })
  .openapi(putThresholds, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await saveThresholds(c.get('deps'), requireActor(c), body, c.get('requestId')),
      200,
    );
  })
  .openapi(getMovementXlsx, async (c) => {
    const m = await movement(
      c.get('deps'),
      requireActor(c),
      movementQuery.parse(c.req.query()),
      c.get('requestId'),
    );
    return fileAnswer(
      c,
      xlsx(await movementWorkbook(m), `bevaegelser-${m.year}-${m.from}-${m.to}.xlsx`),
    );
  })
  .openapi(getFamiliesXlsx, async (c) => {
    const f = await families(
      c.get('deps'),
      requireActor(c),
      familiesQuery.parse(c.req.query()),
      c.get('requestId'),
    );
    // one row per household: nothing to give a reader of the totals only
    if (!f.caseLevel) throw new AppError('case_level_forbidden');
    return fileAnswer(c, xlsx(await familiesWorkbook(f), `familier-${f.date}.xlsx`));
  })
  .openapi(getReimbursementXlsx, async (c) => {
    const r = await reimbursement(
      c.get('deps'),
      requireActor(c),
      reimbursementQuery.parse(c.req.query()),
      c.get('requestId'),
    );
    if (!r.caseLevel) throw new AppError('case_level_forbidden');
    return fileAnswer(c, xlsx(await reimbursementWorkbook(r), `refusion-${r.year}.xlsx`));
  });

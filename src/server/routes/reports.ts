import { createRoute, z } from '@hono/zod-openapi';
import { parseIsoDate, type IsoDate } from '../../domain/months';
import { AGE_BANDS, COST_GROUPS, PROVIDERS } from '../../domain/status-report/report';
import type { ReportContent } from '../../db/repositories/status-reports';
import { requireActor } from '../middleware/require-actor';
import { MEDIA_TYPES } from '../../reports/files';
import {
  createRouter,
  fileAnswer,
  fileContent,
  jsonAnswer,
  jsonBody,
  problemResponses,
} from '../openapi';
import {
  createStatusReport,
  finaliseStatusReport,
  getStatusReport,
  listStatusReports,
  updateStatusReport,
} from '../services/status-report-service';
import { FreeText } from '../../shared/schemas/text';
import { StatusReportListSchema, StatusReportSchema } from '../../shared/schemas/status-report';
import { mustBeOneOf } from '../errors';
import { translate } from '../../shared/i18n/translate';

const text = (max: number) => FreeText.max(max, translate('validation.maxChars', { max }));

const FocusArea = z.object({
  title: text(500).min(1, translate('validation.mustFill')),
  action: text(10_000),
  judgement: text(10_000),
  cost: z
    .object({
      group: z.enum(COST_GROUPS, { error: translate('validation.unknownGroup') }),
      provider: z.enum(PROVIDERS, { error: mustBeOneOf(['ekstern', 'intern']) }).nullable(),
    })
    .nullable(),
  families: z
    .object({ band: z.enum(AGE_BANDS, { error: translate('validation.unknownAgeBand') }) })
    .nullable(),
});

const Content = z.object({
  title: text(300).min(1, translate('validation.mustFill')),
  year: z
    .number({ error: translate('validation.year') })
    .int(translate('validation.year'))
    .min(2001, translate('validation.yearFrom', { min: 2001 }))
    .max(2100, translate('validation.yearThrough', { max: 2100 })),
  asOf: z.string().refine((s) => parseIsoDate(s) !== null, translate('validation.invalid_date')),
  intro: text(20_000).default(''),
  closing: text(20_000).default(''),
  focusAreas: z.array(FocusArea).max(20, translate('reports.problems.maxFocusAreas', { max: 20 })),
});
const Update = Content.extend({ version: z.number().int().min(1) });
const Version = z.object({ version: z.number().int().min(1) });

const Report = StatusReportSchema;
const id = z.object({ id: z.string() });

const list = createRoute({
  method: 'get',
  path: '/status-reports',
  tags: ['Status reports'],
  summary: 'Status reports to the political committee',
  responses: {
    200: jsonAnswer('Statusrapporter', StatusReportListSchema),
    ...problemResponses(401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/status-reports',
  tags: ['Status reports'],
  summary: 'Create a draft status report (audited)',
  request: { body: jsonBody(Content) },
  responses: {
    201: jsonAnswer('Oprettet', Report),
    ...problemResponses(401, 403, 422),
  },
});
const get = createRoute({
  method: 'get',
  path: '/status-reports/{id}',
  tags: ['Status reports'],
  summary: 'One status report with its figures',
  request: { params: id },
  responses: { 200: jsonAnswer('Statusrapport', Report), ...problemResponses(401, 403, 404) },
});
const put = createRoute({
  method: 'put',
  path: '/status-reports/{id}',
  tags: ['Status reports'],
  summary: "Save a draft's texts (409 on a stale version or a final report; audited)",
  request: { params: id, body: jsonBody(Update) },
  responses: { 200: jsonAnswer('Gemt', Report), ...problemResponses(401, 403, 404, 409, 422) },
});
const finalise = createRoute({
  method: 'post',
  path: '/status-reports/{id}/finalise',
  tags: ['Status reports'],
  summary: 'Mark final: the figures are frozen as they are now (audited)',
  request: { params: id, body: jsonBody(Version) },
  responses: { 200: jsonAnswer('Endelig', Report), ...problemResponses(401, 403, 404, 409) },
});
const exportRoute = createRoute({
  method: 'get',
  path: '/status-reports/{id}/export',
  tags: ['Status reports'],
  summary: 'The report as a Word document laid out like the committee paper',
  request: {
    params: id,
    query: z.object({ format: z.enum(['docx'], { error: mustBeOneOf(['docx']) }).default('docx') }),
  },
  responses: {
    200: { description: 'Word', content: fileContent('docx') },
    ...problemResponses(401, 403, 404, 422),
  },
});

const contentOf = (b: z.infer<typeof Content>): ReportContent => ({
  title: b.title,
  year: b.year,
  asOf: b.asOf as IsoDate,
  intro: b.intro,
  closing: b.closing,
  focusAreas: b.focusAreas,
});

export const statusReportRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json({ items: await listStatusReports(c.get('deps'), requireActor(c)) }, 200),
  )
  .openapi(create, async (c) => {
    const b = c.req.valid('json');
    const report = await createStatusReport(
      c.get('deps'),
      requireActor(c),
      contentOf(b),
      c.get('requestId'),
    );
    return c.json(report, 201);
  })
  .openapi(get, async (c) =>
    c.json(await getStatusReport(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(put, async (c) => {
    const b = c.req.valid('json');
    const report = await updateStatusReport(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      { version: b.version, content: contentOf(b) },
      c.get('requestId'),
    );
    return c.json(report, 200);
  })
  .openapi(finalise, async (c) => {
    const report = await finaliseStatusReport(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json').version,
      c.get('requestId'),
    );
    return c.json(report, 200);
  })
  .openapi(exportRoute, async (c) => {
    const report = await getStatusReport(c.get('deps'), requireActor(c), c.req.valid('param').id);
    const { renderStatusReportDocx } = await import('../../reports/status-report-docx');
    const file = await renderStatusReportDocx(report);
    const filename = `statusrapport-${report.year}-${report.asOf}.docx`;
    return fileAnswer(c, { body: new Uint8Array(file), contentType: MEDIA_TYPES.docx, filename });
  });

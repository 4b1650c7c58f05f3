import PDFDocument from 'pdfkit';
import {
  areaLabel,
  effectTable,
  headerLines,
  overspendBlock,
  subtitle,
  t,
  type ActionPlanReportInput,
} from './action-plan-view';

type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 40;

/**
 * A Danish A4 PDF document (pdfkit, standard fonts) and the promise of its bytes, which
 * resolves once `doc.end()` is called.
 */
export function openPdf(
  title: string,
  layout: 'portrait' | 'landscape' = 'portrait',
): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: MARGIN,
    info: { Title: title, Creator: 'Overblik' },
    lang: 'da-DK',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** Draws one table row of wrapped cells; starts a new page when the row does not fit. */
export function drawRow(
  doc: Doc,
  cells: string[],
  widths: number[],
  options: { bold?: boolean; fill?: string; align?: ('left' | 'right')[]; fontSize?: number },
): void {
  const fontSize = options.fontSize ?? 8;
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
  const pad = 3;
  const heights = cells.map((c, i) =>
    doc.heightOfString(c || ' ', { width: (widths[i] ?? 50) - 2 * pad }),
  );
  const height = Math.max(...heights) + 2 * pad;
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  cells.forEach((c, i) => {
    const w = widths[i] ?? 50;
    if (options.fill) doc.rect(x, y, w, height).fill(options.fill);
    doc.rect(x, y, w, height).lineWidth(0.5).strokeColor('#808080').stroke();
    doc
      .fillColor('#000000')
      .text(c, x + pad, y + pad, { width: w - 2 * pad, align: options.align?.[i] ?? 'left' });
    x += w;
  });
  doc.x = MARGIN;
  doc.y = y + height;
}

/**
 * HANDLEPLAN as PDF (pdfkit, standard fonts): the same content and order as the Word document,
 * with the monthly effect table and the expected-overspend block on a landscape page.
 */
export async function renderActionPlanPdf(input: ActionPlanReportInput): Promise<Buffer> {
  const { plan } = input;
  const { doc, done } = openPdf(plan.title);

  const h = headerLines(plan);
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(18).text(h.title);
  doc.font('Helvetica').fontSize(9).text(subtitle(input.threshold)).moveDown();
  const hw = [width * 0.27, width * 0.35, width * 0.13, width * 0.25];
  drawRow(doc, [`${h.center[0]}:`, h.center[1], `${t('fields.responsible')}:`, h.center[2]], hw, {
    fontSize: 9,
  });
  drawRow(doc, [`${h.unit[0]}:`, h.unit[1], `${t('fields.responsible')}:`, h.unit[2]], hw, {
    fontSize: 9,
  });
  drawRow(doc, [`${h.startedOn[0]}:`, h.startedOn[1], '', ''], hw, { fontSize: 9 });
  drawRow(doc, [`${h.updatedOn[0]}:`, h.updatedOn[1], '', ''], hw, { fontSize: 9 });
  doc.moveDown();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(`${t('fields.cause')}:`);
  doc.font('Helvetica').fontSize(9);
  if (plan.cause) doc.text(plan.cause);
  if (plan.causes.length) doc.list(plan.causes, { bulletRadius: 1.5, textIndent: 10 });
  doc.moveDown();
  const aw = [width * 0.22, width * 0.26, width * 0.3, width * 0.22];
  drawRow(doc, [t('table.area'), t('table.goal'), t('table.action'), t('table.consequences')], aw, {
    bold: true,
    fill: '#D9E2F3',
  });
  for (const area of plan.areas) {
    drawRow(
      doc,
      [areaLabel(area), area.goal ?? '', area.action ?? '', area.consequences ?? ''],
      aw,
      {},
    );
  }

  doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
  const lw = doc.page.width - 2 * MARGIN;
  const table = effectTable(plan);
  doc.font('Helvetica-Bold').fontSize(12).text(table.title).moveDown(0.5);
  const first = 30;
  const total = 62;
  const month = (lw - first - total) / 12;
  const ew = [first, ...Array.from({ length: 12 }, () => month), total];
  const right = ['left' as const, ...Array.from({ length: 13 }, () => 'right' as const)];
  drawRow(doc, table.headers, ew, { bold: true, fill: '#D9E2F3', align: right });
  for (const row of table.rows)
    drawRow(doc, [row.label, ...row.cells, row.total], ew, { align: right });
  drawRow(doc, [table.totalRow.label, ...table.totalRow.cells, table.totalRow.total], ew, {
    bold: true,
    fill: '#D9E2F3',
    align: right,
  });
  doc.moveDown();
  const block = overspendBlock(plan);
  doc.font('Helvetica-Bold').fontSize(11).text(block.title).moveDown(0.3);
  const ow = [300, 120];
  drawRow(doc, [block.per, ''], ow, { bold: true, fontSize: 9 });
  for (const [label, value] of block.lines)
    drawRow(doc, [label, value], ow, { fontSize: 9, align: ['left', 'right'] });
  if (input.issues.length) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(10).text(t('issues.title'));
    doc
      .font('Helvetica')
      .fontSize(9)
      .list(
        input.issues.map((i) => i.message),
        { bulletRadius: 1.5, textIndent: 10 },
      );
  }
  doc.end();
  return done;
}

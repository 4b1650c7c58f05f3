import { drawRow, MARGIN, openPdf } from './action-plan-pdf';
import {
  changeText,
  figureHeadings,
  figuresOf,
  kronerText,
  roundExportView,
  t,
  type RoundExportInput,
  type RoundExportView,
} from './follow-up-round-view';

type Doc = ReturnType<typeof openPdf>['doc'];

const HEAD = '#D9E2F3';
const BUDGET_COLOUR = '#8EA9DB';
const FORECAST_COLOUR = '#1F3864';

/** Budget and net forecast of each unit as horizontal bars on one scale, values beside them. */
function drawChart(doc: Doc, view: RoundExportView, width: number): void {
  const label = 190;
  const valueWidth = 80;
  const bar = 9;
  const max = Math.max(1, ...view.units.flatMap((u) => [u.total.budget, u.total.net]));
  const scale = (width - label - valueWidth) / max;
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(t('chartTitle'));
  doc.moveDown(0.3);
  const legendY = doc.y;
  doc.rect(MARGIN, legendY, 10, 8).fill(BUDGET_COLOUR);
  doc.fillColor('#000000').font('Helvetica').fontSize(8);
  doc.text(t('chartBudget'), MARGIN + 14, legendY, { lineBreak: false });
  doc.rect(MARGIN + 90, legendY, 10, 8).fill(FORECAST_COLOUR);
  doc.fillColor('#000000').text(t('chartForecast'), MARGIN + 104, legendY, { lineBreak: false });
  let y = legendY + 16;
  for (const u of view.units) {
    if (y + 2 * bar + 8 > doc.page.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
    doc.fillColor('#000000').font('Helvetica').fontSize(8);
    doc.text(u.name, MARGIN, y + 4, { width: label - 6, lineBreak: false, ellipsis: true });
    (
      [
        [u.total.budget, BUDGET_COLOUR],
        [u.total.net, FORECAST_COLOUR],
      ] as const
    ).forEach(([value, colour], i) => {
      const top = y + i * (bar + 1);
      const length = Math.max(0, value) * scale;
      doc.rect(MARGIN + label, top, length, bar).fill(colour);
      doc
        .fillColor('#000000')
        .fontSize(7)
        .text(kronerText(value), MARGIN + label + length + 3, top + 1, { lineBreak: false });
    });
    y += 2 * bar + 8;
  }
  doc.x = MARGIN;
  doc.y = y + 4;
}

/**
 * The follow-up round as PDF (landscape A4, standard fonts): the same content and order as the
 * Word document, with a bar chart of budget against net forecast for each unit after the
 * overview table.
 */
export async function renderRoundPdf(input: RoundExportInput): Promise<Buffer> {
  const view = roundExportView(input);
  const { doc, done } = openPdf(view.title, 'landscape');
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(18).text(view.title);
  doc.font('Helvetica').fontSize(9);
  for (const s of view.subtitle) doc.text(s);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(12).text(t('summaryTitle')).moveDown(0.3);
  const figure = (width * 0.6) / 6;
  const sw = [width * 0.22, ...Array<number>(6).fill(figure), width * 0.11, width * 0.07];
  const sAlign = ['left' as const, ...Array<'right'>(7).fill('right'), 'left' as const];
  drawRow(doc, [t('unit'), ...figureHeadings(), t('change'), t('planRequired')], sw, {
    bold: true,
    fill: HEAD,
    align: sAlign,
  });
  for (const u of view.units)
    drawRow(
      doc,
      [
        u.name,
        ...figuresOf(u.total).map(kronerText),
        changeText(u.change),
        u.planRequired ? t('yes') : t('no'),
      ],
      sw,
      { align: sAlign },
    );
  drawRow(doc, [t('grandTotal'), ...figuresOf(view.total).map(kronerText), '', ''], sw, {
    bold: true,
    fill: HEAD,
    align: sAlign,
  });
  doc.moveDown();
  drawChart(doc, view, width);

  const uw = [width * 0.2, ...Array<number>(6).fill((width * 0.56) / 6), width * 0.24];
  const uAlign = ['left' as const, ...Array<'right'>(6).fill('right'), 'left' as const];
  for (const u of view.units) {
    doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(t('unitHeading', { name: u.name }))
      .moveDown(0.3);
    drawRow(doc, [t('function'), ...figureHeadings(), t('comment')], uw, {
      bold: true,
      fill: HEAD,
      align: uAlign,
    });
    for (const r of u.rows)
      drawRow(doc, [r.label, ...figuresOf(r).map(kronerText), r.comment], uw, { align: uAlign });
    drawRow(doc, [t('total'), ...figuresOf(u.total).map(kronerText), ''], uw, {
      bold: true,
      fill: HEAD,
      align: uAlign,
    });
    doc.moveDown();
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${t('plans')}:`);
    doc.font('Helvetica').fontSize(9);
    if (u.plans.length > 0) doc.list(u.plans, { bulletRadius: 1.5, textIndent: 10 });
    else doc.text(t('noPlans'));
  }
  doc.end();
  return done;
}

import { Document, Packer, Paragraph, Table, TableLayoutType, TableRow, WidthType } from 'docx';
import { cell, DOCUMENT_STYLES, heading, landscapePage, text } from './docx-parts';
import {
  changeText,
  figureHeadings,
  figuresOf,
  kronerText,
  roundExportView,
  t,
  type RoundExportInput,
  type RoundExportUnit,
  type RoundExportView,
} from './follow-up-round-view';

// Landscape A4 with 0,5" side margins leaves 15.398 twips.
const LABEL = 3400;
const FIGURE = 1550;
const LAST = 2600;

function table(widths: number[], head: string[], rows: { cells: string[]; total?: boolean }[]) {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h, i) =>
          cell(h, { head: true, right: i > 0 && i <= 6, width: widths[i], size: 16 }),
        ),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((v, i) =>
              cell(v, {
                right: i > 0 && i <= 6,
                bold: r.total,
                head: r.total,
                width: widths[i],
                size: 16,
              }),
            ),
          }),
      ),
    ],
  });
}

function summaryTable(view: RoundExportView): Table {
  const widths = [LABEL, ...Array<number>(6).fill(FIGURE), 1300, 1200];
  return table(
    widths,
    [t('unit'), ...figureHeadings(), t('change'), t('planRequired')],
    [
      ...view.units.map((u) => ({
        cells: [
          u.name,
          ...figuresOf(u.total).map(kronerText),
          changeText(u.change),
          u.planRequired ? t('yes') : t('no'),
        ],
      })),
      {
        cells: [t('grandTotal'), ...figuresOf(view.total).map(kronerText), '', ''],
        total: true,
      },
    ],
  );
}

function unitTable(unit: RoundExportUnit): Table {
  const widths = [2600, ...Array<number>(6).fill(1400), LAST + 200];
  return table(
    widths,
    [t('function'), ...figureHeadings(), t('comment')],
    [
      ...unit.rows.map((r) => ({ cells: [r.label, ...figuresOf(r).map(kronerText), r.comment] })),
      { cells: [t('total'), ...figuresOf(unit.total).map(kronerText), ''], total: true },
    ],
  );
}

/**
 * The follow-up round as the committee document, in Word: the title with the date it is made
 * up to and the booked period, the overview by unit (budget, actuals, forecast gross and net of
 * refusion, expected overspend, the change since the round before, whether an action plan is
 * required), then per unit its account functions with the responsible person's comments and
 * the status of its action plans. Whole kroner, every total the sum of the figures above it.
 */
export async function renderRoundDocx(input: RoundExportInput): Promise<Buffer> {
  const view = roundExportView(input);
  const doc = new Document({
    creator: 'Overblik',
    title: view.title,
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: landscapePage(),
        children: [
          new Paragraph({ children: [text(view.title, { bold: true, size: 36 })] }),
          ...view.subtitle.map(
            (s) => new Paragraph({ spacing: { after: 60 }, children: [text(s, { size: 18 })] }),
          ),
          heading(t('summaryTitle')),
          summaryTable(view),
          ...view.units.flatMap((u) => [
            heading(t('unitHeading', { name: u.name }), 22),
            unitTable(u),
            new Paragraph({
              spacing: { before: 120 },
              keepNext: true,
              children: [text(`${t('plans')}:`, { bold: true })],
            }),
            ...(u.plans.length > 0
              ? u.plans.map((p) => new Paragraph({ bullet: { level: 0 }, children: [text(p)] }))
              : [new Paragraph({ children: [text(t('noPlans'))] })]),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

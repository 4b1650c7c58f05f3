import { Document, Packer, Paragraph, Table, TableLayoutType, TableRow, WidthType } from 'docx';
import {
  areaLabel,
  effectTable,
  headerLines,
  overspendBlock,
  subtitle,
  t,
  type ActionPlanReportInput,
} from './action-plan-view';
import { cell, DOCUMENT_STYLES, heading, landscapePage, text } from './docx-parts';

/** The header block as the template has it: label, value, "Ansvarlig:", value. */
function headerTable(input: ActionPlanReportInput): Table {
  const h = headerLines(input.plan);
  const row = (label: string, value: string, responsible?: string) =>
    new TableRow({
      children: [
        cell(label, { bold: true, width: 2600 }),
        cell(value, { width: 3400 }),
        cell(responsible === undefined ? '' : t('fields.responsible') + ':', {
          bold: true,
          width: 1300,
        }),
        cell(responsible ?? '', { width: 2300 }),
      ],
    });
  return new Table({
    width: { size: 9600, type: WidthType.DXA },
    rows: [
      row(`${h.center[0]}:`, h.center[1], h.center[2]),
      row(`${h.unit[0]}:`, h.unit[1], h.unit[2]),
      row(`${h.startedOn[0]}:`, h.startedOn[1]),
      row(`${h.updatedOn[0]}:`, h.updatedOn[1]),
    ],
  });
}

function areasTable(input: ActionPlanReportInput): Table {
  const widths = [2200, 2500, 2700, 2200];
  return new Table({
    width: { size: 9600, type: WidthType.DXA },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          t('table.area'),
          t('table.goal'),
          t('table.action'),
          t('table.consequences'),
        ].map((h, i) => cell(h, { head: true, width: widths[i] ?? 2000 })),
      }),
      ...input.plan.areas.map(
        (area) =>
          new TableRow({
            cantSplit: false,
            children: [
              cell(areaLabel(area), { bold: true, width: widths[0] ?? 2000 }),
              cell(area.goal ?? '', { width: widths[1] ?? 2000 }),
              cell(area.action ?? '', { width: widths[2] ?? 2000 }),
              cell(area.consequences ?? '', { width: widths[3] ?? 2000 }),
            ],
          }),
      ),
    ],
  });
}

function effectTableDocx(input: ActionPlanReportInput): Table {
  const table = effectTable(input.plan);
  // Landscape A4 with 0,5" side margins leaves 15.398 twips; 1.010.000 in bold fits one line.
  const first = 600;
  const month = 1100;
  const total = 1400;
  const widthOf = (i: number) => (i === 0 ? first : i === 13 ? total : month);
  return new Table({
    width: { size: first + 12 * month + total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: Array.from({ length: 14 }, (_, i) => widthOf(i)),
    rows: [
      new TableRow({
        tableHeader: true,
        children: table.headers.map((h, i) =>
          cell(h, { head: true, right: i > 0, width: widthOf(i), size: 16 }),
        ),
      }),
      ...table.rows.map(
        (row) =>
          new TableRow({
            children: [row.label, ...row.cells, row.total].map((v, i) =>
              cell(v, { right: i > 0, bold: i === 0 || i === 13, width: widthOf(i), size: 16 }),
            ),
          }),
      ),
      new TableRow({
        children: [table.totalRow.label, ...table.totalRow.cells, table.totalRow.total].map(
          (v, i) => cell(v, { right: i > 0, bold: true, head: true, width: widthOf(i), size: 16 }),
        ),
      }),
    ],
  });
}

function overspendTable(input: ActionPlanReportInput): Table {
  const block = overspendBlock(input.plan);
  return new Table({
    width: { size: 8000, type: WidthType.DXA },
    rows: [
      new TableRow({
        children: [cell(block.per, { bold: true, width: 6000 }), cell('', { width: 2000 })],
      }),
      ...block.lines.map(
        ([label, value]) =>
          new TableRow({
            children: [cell(label, { width: 6000 }), cell(value, { right: true, width: 2000 })],
          }),
      ),
    ],
  });
}

/**
 * HANDLEPLAN as a Word document laid out like the municipality's template: the header block,
 * the cause with its list of causes, the four-column table of intervention areas, then a
 * landscape section with the monthly effect table (with 'I alt' row and column) and the
 * FORVENTET MERFORBRUG block. Warnings (e.g. an uncovered overspend) are printed at the end.
 */
export async function renderActionPlanDocx(input: ActionPlanReportInput): Promise<Buffer> {
  const { plan } = input;
  const h = headerLines(plan);
  const warnings = input.issues.map((i) => i.message);
  const doc = new Document({
    creator: 'Overblik',
    title: plan.title,
    description: h.title,
    styles: DOCUMENT_STYLES,
    sections: [
      {
        children: [
          new Paragraph({ children: [text(h.title, { bold: true, size: 36 })] }),
          new Paragraph({
            spacing: { after: 240 },
            children: [text(subtitle(input.threshold), { size: 18 })],
          }),
          headerTable(input),
          heading(`${t('fields.cause')}:`, 22),
          ...(plan.cause ? [new Paragraph({ children: [text(plan.cause)] })] : []),
          ...plan.causes.map((c) => new Paragraph({ bullet: { level: 0 }, children: [text(c)] })),
          new Paragraph({ spacing: { after: 240 }, children: [] }),
          areasTable(input),
        ],
      },
      {
        properties: landscapePage(),
        children: [
          heading(effectTable(plan).title),
          effectTableDocx(input),
          heading(overspendBlock(plan).title),
          overspendTable(input),
          ...(warnings.length
            ? [
                heading(t('issues.title'), 22),
                ...warnings.map(
                  (w) => new Paragraph({ bullet: { level: 0 }, children: [text(w)] }),
                ),
              ]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

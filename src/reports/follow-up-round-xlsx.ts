import ExcelJS from 'exceljs';
import { ore, toKroner } from '../domain/money';
import {
  changeText,
  figureHeadings,
  roundExportView,
  t,
  type RoundExportInput,
  type RoundExportLine,
} from './follow-up-round-view';

/** Shown by a Danish Excel or LibreOffice as `1.234.567,89` (the file keeps the neutral notation). */
const WITH_ORE = '#,##0.00';
const bold = { bold: true };
const headFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const totalFill: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F2F2' },
};
const pageSetup: Partial<ExcelJS.PageSetup> = {
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  paperSize: 9,
};

/** Budget, actuals, gross, refusion, net and overspend of a line, øre. */
function exactOre(l: RoundExportLine): number[] {
  return [
    l.budgetOre,
    l.actualsOre,
    l.forecastOre + l.refusionOre,
    l.refusionOre,
    l.forecastOre,
    l.forecastOre - l.budgetOre,
  ];
}

/** The exact total of one figure column over lines, kroner with øre. */
const columnTotal = (ls: readonly RoundExportLine[], i: number) =>
  toKroner(ore(ls.reduce((s, l) => s + (exactOre(l)[i] ?? 0), 0)));

const FIGURE_COLUMNS = ['C', 'D', 'E', 'F', 'G', 'H'];

/**
 * The round as a workbook for the finance partner's further work: sheet "Linjer" holds every
 * frozen line with the exact figures (kroner with øre), each unit's total and the area's total
 * as SUM formulas; sheet "Overblik" holds the units with the change since the round before and
 * whether an action plan is required (the rounded overview of the Word and PDF documents).
 */
export async function renderRoundXlsx(input: RoundExportInput): Promise<Buffer> {
  const view = roundExportView(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Overblik';
  wb.title = view.title;

  const lines = wb.addWorksheet(t('sheetLines'), { pageSetup });
  lines.getCell('A1').value = view.title;
  lines.getCell('A1').font = { bold: true, size: 14 };
  view.subtitle.slice(0, 3).forEach((text, i) => (lines.getCell(`A${2 + i}`).value = text));
  lines.getCell('A5').value = t('sheetNote');
  const header = 7;
  lines.getRow(header).values = [t('unit'), t('function'), ...figureHeadings(), t('comment')];
  lines.getRow(header).eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
  });
  let r = header + 1;
  const unitTotalRows: number[] = [];
  const byUnit = new Map<string, RoundExportLine[]>();
  for (const l of input.lines) byUnit.set(l.unitId, [...(byUnit.get(l.unitId) ?? []), l]);
  for (const unitLines of byUnit.values()) {
    const first = r;
    for (const l of unitLines) {
      const row = lines.getRow(r);
      row.values = [
        l.unitName,
        l.functionName ? `${l.accountFunction} ${l.functionName}` : l.accountFunction,
        ...exactOre(l).map((v) => toKroner(ore(v))),
        l.comment,
      ];
      r += 1;
    }
    const total = lines.getRow(r);
    total.getCell(1).value = `${unitLines[0]?.unitName ?? ''}, ${t('total').toLowerCase()}`;
    FIGURE_COLUMNS.forEach((col, i) => {
      total.getCell(3 + i).value = {
        formula: `SUM(${col}${first}:${col}${r - 1})`,
        result: columnTotal(unitLines, i),
      };
    });
    total.eachCell((c) => {
      c.font = bold;
      c.fill = totalFill;
    });
    unitTotalRows.push(r);
    r += 2;
  }
  const grand = lines.getRow(r);
  grand.getCell(1).value = t('grandTotal');
  FIGURE_COLUMNS.forEach((col, i) => {
    grand.getCell(3 + i).value = {
      formula: unitTotalRows.map((u) => `${col}${u}`).join('+') || '0',
      result: columnTotal(input.lines, i),
    };
  });
  grand.eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
  });
  FIGURE_COLUMNS.forEach((col) => (lines.getColumn(col).numFmt = WITH_ORE));
  lines.getColumn('A').width = 36;
  lines.getColumn('B').width = 34;
  FIGURE_COLUMNS.forEach((col) => (lines.getColumn(col).width = 17));
  lines.getColumn('I').width = 60;
  lines.views = [{ state: 'frozen', ySplit: header }];

  const summary = wb.addWorksheet(t('sheetSummary'), { pageSetup });
  summary.getCell('A1').value = `${view.title}: ${t('summaryTitle').toLowerCase()}`;
  summary.getCell('A1').font = { bold: true, size: 14 };
  view.subtitle.forEach((text, i) => (summary.getCell(`A${2 + i}`).value = text));
  const sHeader = 3 + view.subtitle.length;
  summary.getRow(sHeader).values = [t('unit'), ...figureHeadings(), t('change'), t('planRequired')];
  summary.getRow(sHeader).eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
  });
  view.units.forEach((u, i) => {
    const t0 = u.total;
    summary.getRow(sHeader + 1 + i).values = [
      u.name,
      t0.budget,
      t0.actuals,
      t0.gross,
      t0.refusion,
      t0.net,
      t0.overspend,
      changeText(u.change),
      u.planRequired ? t('yes') : t('no'),
    ];
  });
  const sTotal = summary.getRow(sHeader + 1 + view.units.length);
  sTotal.getCell(1).value = t('grandTotal');
  ['B', 'C', 'D', 'E', 'F', 'G'].forEach((col, i) => {
    const field = (['budget', 'actuals', 'gross', 'refusion', 'net', 'overspend'] as const)[i];
    sTotal.getCell(2 + i).value = {
      formula: `SUM(${col}${sHeader + 1}:${col}${sHeader + view.units.length})`,
      result: field ? view.total[field] : 0,
    };
  });
  sTotal.eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
  });
  ['B', 'C', 'D', 'E', 'F', 'G'].forEach((col) => {
    summary.getColumn(col).numFmt = '#,##0';
    summary.getColumn(col).width = 17;
  });
  summary.getColumn('A').width = 40;
  summary.getColumn('H').width = 26;
  summary.getColumn('I').width = 20;
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' },
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

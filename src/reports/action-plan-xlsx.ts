import ExcelJS from 'exceljs';
import { ZERO, sumOre, toKroner } from '../domain/money';
import {
  areaLabel,
  dateText,
  effectTable,
  headerLines,
  MONTH_HEADERS,
  overspendBlock,
  subtitle,
  t,
  type ActionPlanReportInput,
} from './action-plan-view';

/**
 * Number formats are stored in the file's neutral notation: `#,##0` is shown by a Danish Excel
 * or LibreOffice as `#.##0` (7.600.000); `#,##0.00` when a figure has øre.
 */
const WHOLE = '#,##0';
const WITH_ORE = '#,##0.00';

const bold = { bold: true };
const headFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * HANDLEPLAN as a workbook: sheet "Økonomisk effekt" holds the monthly table with live
 * formulas (SUM per row in I ALT, per month in the 'I alt' row, and the grand total) and the
 * FORVENTET MERFORBRUG block; sheet "Handleplan" holds the header, causes and the four-column
 * table of intervention areas.
 */
export async function renderActionPlanXlsx(input: ActionPlanReportInput): Promise<Buffer> {
  const { plan } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Overblik';
  wb.title = plan.title;
  const hasOre =
    plan.areas.some((a) => a.monthlyEffect.some((m) => m % 100 !== 0)) ||
    Object.values(plan.expectedOverspend).some((v) => v !== null && v % 100 !== 0);
  const fmt = hasOre ? WITH_ORE : WHOLE;

  const sheet = wb.addWorksheet('Økonomisk effekt', {
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
    },
  });
  const table = effectTable(plan);
  sheet.getCell('A1').value = table.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  const headerRow = 3;
  const first = headerRow + 1;
  const last = first + plan.areas.length - 1;
  sheet.getRow(headerRow).values = ['', ...MONTH_HEADERS, t('table.total')];
  sheet.getRow(headerRow).eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
    c.border = thin;
    c.alignment = { horizontal: 'center' };
  });
  const col = (i: number) => String.fromCharCode('B'.charCodeAt(0) + i); // B..M months, N total
  plan.areas.forEach((area, index) => {
    const r = first + index;
    const row = sheet.getRow(r);
    row.getCell(1).value = area.number;
    row.getCell(1).font = bold;
    area.monthlyEffect.forEach((amount, m) => {
      row.getCell(2 + m).value = toKroner(amount);
    });
    const total = sumOre(area.monthlyEffect);
    row.getCell(14).value = { formula: `SUM(B${r}:M${r})`, result: toKroner(total) };
    row.getCell(14).font = bold;
  });
  const totalRowNumber = last + 1;
  const totalRow = sheet.getRow(totalRowNumber);
  totalRow.getCell(1).value = table.totalRow.label;
  const byMonth = Array.from({ length: 12 }, (_, m) =>
    sumOre(plan.areas.map((a) => a.monthlyEffect[m] ?? ZERO)),
  );
  for (let m = 0; m < 13; m++) {
    const letter = col(m);
    const result = toKroner(m < 12 ? (byMonth[m] ?? ZERO) : sumOre(byMonth));
    totalRow.getCell(2 + m).value =
      plan.areas.length === 0
        ? { formula: '0', result: 0 }
        : { formula: `SUM(${letter}${first}:${letter}${last})`, result };
  }
  totalRow.eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
  });
  for (let r = first; r <= totalRowNumber; r++) {
    for (let c = 1; c <= 14; c++) {
      const cellRef = sheet.getRow(r).getCell(c);
      cellRef.border = thin;
      if (c > 1) cellRef.numFmt = fmt;
    }
  }
  sheet.getColumn(1).width = 8;
  for (let c = 2; c <= 13; c++) sheet.getColumn(c).width = 12;
  sheet.getColumn(14).width = 14;

  const block = overspendBlock(plan);
  const b = totalRowNumber + 2;
  sheet.getCell(`A${b}`).value = block.title;
  sheet.getCell(`A${b}`).font = { bold: true, size: 12 };
  sheet.getCell(`A${b + 1}`).value = block.per;
  sheet.getCell(`A${b + 1}`).font = bold;
  const e = plan.expectedOverspend;
  [e.atStart, e.atLastUpdate, e.afterThisUpdate].forEach((amount, i) => {
    const r = b + 2 + i;
    sheet.getCell(`A${r}`).value = block.lines[i]?.[0] ?? '';
    const valueCell = sheet.getCell(`H${r}`);
    valueCell.value = amount === null ? null : toKroner(amount);
    valueCell.numFmt = fmt;
  });
  sheet.getCell(`A${b + 6}`).value = t('planned');
  sheet.getCell(`H${b + 6}`).value = {
    formula: `N${totalRowNumber}`,
    result: toKroner(sumOre(byMonth)),
  };
  sheet.getCell(`H${b + 6}`).numFmt = fmt;
  input.issues.forEach((issue, i) => {
    sheet.getCell(`A${b + 8 + i}`).value = issue.message;
  });

  const front = wb.addWorksheet('Handleplan', {
    pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const h = headerLines(plan);
  front.getCell('A1').value = h.title;
  front.getCell('A1').font = { bold: true, size: 16 };
  front.getCell('A2').value = subtitle(input.threshold);
  const headerRows: [string, string, string?][] = [
    [`${h.center[0]}:`, h.center[1], h.center[2]],
    [`${h.unit[0]}:`, h.unit[1], h.unit[2]],
    [`${h.startedOn[0]}:`, dateText(plan.startedOn)],
    [`${h.updatedOn[0]}:`, dateText(plan.updatedOn)],
  ];
  headerRows.forEach(([label, value, responsible], i) => {
    const row = front.getRow(4 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = bold;
    row.getCell(2).value = value;
    if (responsible !== undefined) {
      row.getCell(3).value = `${t('fields.responsible')}:`;
      row.getCell(3).font = bold;
      row.getCell(4).value = responsible;
    }
  });
  let r = 9;
  front.getCell(`A${r}`).value = `${t('fields.cause')}:`;
  front.getCell(`A${r}`).font = bold;
  r++;
  if (plan.cause) front.getCell(`A${r++}`).value = plan.cause;
  for (const cause of plan.causes) front.getCell(`A${r++}`).value = `• ${cause}`;
  r++;
  front.getRow(r).values = [
    t('table.area'),
    t('table.goal'),
    t('table.action'),
    t('table.consequences'),
  ];
  front.getRow(r).eachCell((c) => {
    c.font = bold;
    c.fill = headFill;
    c.border = thin;
  });
  for (const area of plan.areas) {
    r++;
    const row = front.getRow(r);
    row.values = [areaLabel(area), area.goal ?? '', area.action ?? '', area.consequences ?? ''];
    row.eachCell((c) => {
      c.alignment = { wrapText: true, vertical: 'top' };
      c.border = thin;
    });
    row.getCell(1).font = bold;
  }
  front.getColumn(1).width = 28;
  front.getColumn(2).width = 40;
  front.getColumn(3).width = 50;
  front.getColumn(4).width = 40;
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' },
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

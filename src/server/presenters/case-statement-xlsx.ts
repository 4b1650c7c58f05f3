import ExcelJS from 'exceljs';
import type { StatementJson } from '../../shared/schemas/cases';
import { translate } from '../../shared/i18n/translate';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const KR = '#,##0.00;-#,##0.00';

/** A commitment statement as an Excel workbook: the split, the months, and the cases behind each row. */
export async function statementWorkbook(s: StatementJson): Promise<Buffer> {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(`cases.${key}`, params);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Overblik';
  const sheet = wb.addWorksheet(t('statement.sheet'));
  sheet.addRow([t('statement.title')]).font = { bold: true, size: 14 };
  sheet.addRow([t('statement.yearAsOf', { year: s.year, asOf: s.asOf })]);
  if (s.unit) sheet.addRow([t('filters.unit'), s.unit]);
  sheet.addRow([]);
  const header = sheet.addRow([
    t(`dimensions.${s.by}`),
    t('statement.expected'),
    t('statement.granted'),
    t('statement.cases'),
  ]);
  header.font = { bold: true };
  for (const r of s.rows) {
    sheet.addRow([r.label, r.expected, r.granted, r.cases.map((c) => c.ref).join(', ')]);
  }
  const total = sheet.addRow([t('statement.total'), s.expected.total, s.granted.total]);
  total.font = { bold: true };
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 18;
  sheet.getColumn(3).width = 18;
  sheet.getColumn(4).width = 60;
  sheet.getColumn(2).numFmt = KR;
  sheet.getColumn(3).numFmt = KR;

  const months = wb.addWorksheet(t('statement.monthsSheet'));
  months.addRow([t('statement.month'), t('statement.expected'), t('statement.granted')]).font = {
    bold: true,
  };
  s.expected.byMonth.forEach((e, i) => months.addRow([MONTHS[i], e, s.granted.byMonth[i] ?? 0]));
  months.addRow([t('statement.total'), s.expected.total, s.granted.total]).font = { bold: true };
  months.getColumn(2).numFmt = KR;
  months.getColumn(3).numFmt = KR;
  months.getColumn(2).width = 18;
  months.getColumn(3).width = 18;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import type {
  FamiliesJson,
  MovementJson,
  ReimbursementJson,
  StatementJson,
} from '../../shared/schemas/cases';
import { translate } from '../../shared/i18n/translate';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const KR = '#,##0.00;-#,##0.00';

/** A commitment statement as an Excel workbook: the split, the months, and the cases behind each row. */
export async function statementWorkbook(s: StatementJson): Promise<Buffer> {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(`cases.${key}`, params);
  const { default: ExcelJS } = await import('exceljs');
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

/** One sheet with a title, a header row and rows; number columns get the kroner format. */
export async function tableWorkbook(
  title: string,
  subtitle: string,
  columns: { header: string; width: number; isAmount?: boolean }[],
  rows: (string | number)[][],
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Overblik';
  const sheet = wb.addWorksheet(title.slice(0, 31));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle]);
  sheet.addRow([]);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.width;
    if (c.isAmount) col.numFmt = KR;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Movement between two dates as a workbook: the groups, then every measure that moved. */
export function movementWorkbook(m: MovementJson): Promise<Buffer> {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(`cases.${key}`, params);
  const rows: (string | number)[][] = [
    [t('movement.committedFrom', { date: m.from }), '', '', '', '', m.committedFrom],
    ...(['correction', 'new', 'ended', 'changed'] as const).map((k) => [
      t(`movement.${k}`),
      '',
      '',
      m.groups[k].count,
      '',
      m.groups[k].amount,
    ]),
    [t('movement.committedTo', { date: m.to }), '', '', '', '', m.committedTo],
    [],
    ...m.items.map((i) => [t(`movement.${i.kind}`), i.case, i.intervention, '', i.from, i.amount]),
    ...(m.corrections.length
      ? [
          [],
          [t('movement.corrections')],
          ...m.corrections.map((c) => [
            `${c.correctedOn} · ${c.byName} · ${c.reason}`,
            c.case,
            c.intervention,
            '',
            '',
            '',
          ]),
        ]
      : []),
  ];
  return tableWorkbook(
    t('movement.title'),
    `${m.year}: ${m.from} – ${m.to}${m.unit ? ` · ${m.unit}` : ''}`,
    [
      { header: t('movement.kind'), width: 30 },
      { header: t('movement.case'), width: 14 },
      { header: t('movement.intervention'), width: 16 },
      { header: t('movement.count'), width: 10 },
      { header: t('movement.from'), width: 16, isAmount: true },
      { header: t('movement.amount'), width: 16, isAmount: true },
    ],
    rows,
  );
}

/** Families with more than one intervention as a workbook, one row per household. */
export function familiesWorkbook(f: FamiliesJson): Promise<Buffer> {
  const t = (key: string) => translate(`cases.${key}`);
  const rows = f.bands.flatMap((b) =>
    b.households.map((h) => [
      t(`ageBands.${b.band}`),
      h.household,
      h.interventions,
      h.cases.map((c) => c.ref).join(', '),
    ]),
  );
  return tableWorkbook(
    t('families.title'),
    `${f.date}${f.unit ? ` · ${f.unit}` : ''}`,
    [
      { header: t('families.band'), width: 22 },
      { header: t('families.household'), width: 16 },
      { header: t('families.interventions'), width: 16 },
      { header: t('statement.cases'), width: 40 },
    ],
    rows,
  );
}

/** Reimbursement: households above the first threshold, month by month. */
export function reimbursementWorkbook(r: ReimbursementJson): Promise<Buffer> {
  const t = (key: string) => translate(`cases.${key}`);
  const rows = r.households.map((h) => [
    h.household,
    h.cases.map((c) => c.ref).join(', '),
    h.gross,
    h.net,
    h.reimbursement,
  ]);
  rows.push([t('statement.total'), '', '', '', r.expectedReimbursement]);
  return tableWorkbook(
    t('reimbursement.title'),
    `${r.year} · ${r.asOf}${r.thresholds ? ` · ${r.thresholds.source}` : ''}`,
    [
      { header: t('reimbursement.household'), width: 18 },
      { header: t('statement.cases'), width: 30 },
      { header: t('reimbursement.gross'), width: 16, isAmount: true },
      { header: t('reimbursement.net'), width: 16, isAmount: true },
      { header: t('reimbursement.refund'), width: 18, isAmount: true },
    ],
    rows,
  );
}

/**
 * Excel (.xlsx) exports from a case system: the first worksheet, first row the column
 * headings, turned into the same header and text rows as a CSV file so one column mapping,
 * preview and import serve both. Dates become `YYYY-MM-DD`; numbers keep a point as the
 * decimal mark (the CSV conversion reads both).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (v.result !== undefined) return cellText(v.result);
    if (Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (typeof v.text === 'string') return v.text.trim();
  }
  return '';
}

/** Reads the first worksheet of an .xlsx file; rows without any value are left out. */
export async function parseXlsx(
  data: ArrayBuffer,
): Promise<{ header: string[]; rows: string[][] }> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const width = sheet.columnCount;
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = Array.from({ length: width }, (_, k) => cellText(row.getCell(k + 1).value));
    if (cells.some((c) => c !== '')) lines.push(cells);
  });
  const [header = [], ...rows] = lines;
  let used = header.length;
  while (used > 0 && header[used - 1] === '') used -= 1;
  return { header: header.slice(0, used), rows: rows.map((r) => r.slice(0, used)) };
}

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_PLAN_2018 } from '../../src/server/demo/action-plans';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { docxText, pdfText } from '../documents';

// The reference document's monthly table, as printed there (blank cells are zero).
const I_ALT = [
  '',
  '',
  '',
  '20.000',
  '475.000',
  '705.000',
  '1.010.000',
  '1.080.000',
  '1.080.000',
  '1.080.000',
  '1.100.000',
  '1.050.000',
  '7.600.000',
];
const ROW_TOTALS = ['5.000.000', '300.000', '300.000', '700.000', '400.000', '100.000', '800.000'];

let ctx: TestContext;
let client: TestClient;
let planId: string;

async function download(format: string): Promise<Response> {
  const response = await client.get(`/api/action-plans/${planId}/export?format=${format}`);
  expect(response.status).toBe(200);
  return response;
}

beforeAll(async () => {
  ctx = await createTestApp();
  await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  const unit = await createUnit(ctx.db, 'Anden enhed');
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unit] });
  const [row] = await ctx.db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [
    'Myndighed, det specialiserede børneområde',
  ]);
  await ctx.db.query(
    'INSERT INTO user_units (user_id, unit_id) SELECT id, $1 FROM users WHERE username = $2',
    [row?.id, 'okonomi'],
  );
  client = new TestClient(ctx);
  await client.login('okonomi');
  const created = await client.post('/api/action-plans', REFERENCE_PLAN_2018);
  expect(created.status).toBe(201);
  planId = ((await created.json()) as { id: string }).id;
});
afterAll(() => ctx.close());

describe('Word export of HANDLEPLAN 2018', () => {
  it('is laid out like the template, with the monthly table in a landscape section', async () => {
    const response = await download('docx');
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    expect(response.headers.get('content-disposition')).toContain(
      'handleplan-2018-myndighed-det-specialiserede-boerneomraade.docx',
    );
    const { xml, paragraphs } = await docxText(await response.arrayBuffer());
    const text = paragraphs.join('\n');
    expect(paragraphs[0]).toBe('HANDLEPLAN 2018');
    expect(text).toContain('Udarbejdes ved forventet merforbrug på over 100.000 kr.');
    for (const label of [
      'Center:',
      'Virksomhed / område:',
      'Opstart af handleplan:',
      'Opdateret:',
      'Årsag til merforbrug:',
    ])
      expect(paragraphs).toContain(label);
    expect(paragraphs).toContain('01.04.2018');
    expect(paragraphs).toContain('15.05.2018');
    expect(paragraphs).toContain('Manglende indtægter i Slagelse Familie Center');
    expect(xml).toContain('<w:numPr>'); // the causes are a bullet list
    const headerIndex = paragraphs.indexOf('INDSATSOMRÅDE');
    expect(paragraphs.slice(headerIndex, headerIndex + 4)).toEqual([
      'INDSATSOMRÅDE',
      'KONKRETE MÅL',
      'HANDLING OG INDSATS',
      'KONSEKVENSER',
    ]);
    expect(paragraphs).toContain('1 Følgeudgifter af anbringelser');
    expect(paragraphs).toContain('7 Indsatser på handicapområdet');
    expect(text).toContain('ØKONOMISK EFFEKT FORDELT PR. MÅNED I 2018');
    const monthHeader = paragraphs.indexOf('JAN');
    expect(paragraphs.slice(monthHeader, monthHeader + 13)).toEqual([
      'JAN',
      'FEB',
      'MAR',
      'APR',
      'MAJ',
      'JUN',
      'JUL',
      'AUG',
      'SEP',
      'OKT',
      'NOV',
      'DEC',
      'I ALT',
    ]);
    const iAlt = paragraphs.lastIndexOf('I alt');
    expect(paragraphs.slice(iAlt + 1, iAlt + 14)).toEqual(I_ALT);
    for (const total of ROW_TOTALS) expect(paragraphs).toContain(total);
    expect(text).toContain('FORVENTET MERFORBRUG');
    expect(text).toContain('PR. 31.12.2018');
    const atStart = paragraphs.indexOf('Forventet merforbrug ved opstart af handleplan:');
    expect(paragraphs[atStart + 1]).toBe('7.600.000');
    expect(paragraphs[paragraphs.indexOf('Forventet merforbrug ved sidste opdatering:') + 1]).toBe(
      '0',
    );
    expect(paragraphs[paragraphs.indexOf('Forventet merforbrug efter denne opdatering:') + 1]).toBe(
      '0',
    );
    // two sections: portrait first, landscape for the monthly table
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[1]).toContain('w:orient="landscape"');
    expect(text).not.toContain('Opmærksomhedspunkter');
  });
});

describe('Excel export of HANDLEPLAN 2018', () => {
  it('holds the monthly table as live SUM formulas with Danish thousands format', async () => {
    const response = await download('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await response.arrayBuffer());
    const sheet = wb.getWorksheet('Økonomisk effekt');
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.getCell('A1').value).toBe('ØKONOMISK EFFEKT FORDELT PR. MÅNED I 2018');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '',
      'JAN',
      'FEB',
      'MAR',
      'APR',
      'MAJ',
      'JUN',
      'JUL',
      'AUG',
      'SEP',
      'OKT',
      'NOV',
      'DEC',
      'I ALT',
    ]);
    expect(sheet.getCell('A4').value).toBe(1);
    expect(sheet.getCell('F4').value).toBe(300_000);
    expect(sheet.getCell('N4').value).toEqual({ formula: 'SUM(B4:M4)', result: 5_000_000 });
    expect(sheet.getCell('N10').value).toEqual({ formula: 'SUM(B10:M10)', result: 800_000 });
    expect(sheet.getCell('A11').value).toBe('I alt');
    expect(sheet.getCell('E11').value).toEqual({ formula: 'SUM(E4:E10)', result: 20_000 });
    expect(sheet.getCell('F11').value).toEqual({ formula: 'SUM(F4:F10)', result: 475_000 });
    expect(sheet.getCell('M11').value).toEqual({ formula: 'SUM(M4:M10)', result: 1_050_000 });
    expect(sheet.getCell('N11').value).toEqual({ formula: 'SUM(N4:N10)', result: 7_600_000 });
    expect(sheet.getCell('F4').numFmt).toBe('#,##0');
    expect(sheet.getCell('N11').numFmt).toBe('#,##0');
    const labels: Record<string, unknown> = {};
    sheet.eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === 'string') labels[label] = row.getCell(8).value;
    });
    expect(labels['Forventet merforbrug ved opstart af handleplan:']).toBe(7_600_000);
    expect(labels['Forventet merforbrug ved sidste opdatering:']).toBe(0);
    expect(labels['Forventet merforbrug efter denne opdatering:']).toBe(0);
    const front = wb.getWorksheet('Handleplan');
    expect(front?.getCell('A1').value).toBe('HANDLEPLAN 2018');
  });
});

describe('PDF export of HANDLEPLAN 2018', () => {
  it('prints the header, the areas, the monthly table with totals and the overspend block', async () => {
    const response = await download('pdf');
    const buffer = Buffer.from(await response.arrayBuffer());
    expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(buffer);
    for (const expected of [
      'HANDLEPLAN 2018',
      'INDSATSOMRÅDE',
      'ØKONOMISK EFFEKT FORDELT PR. MÅNED I 2018',
      'I alt',
      '475.000',
      '1.010.000',
      '7.600.000',
      'FORVENTET MERFORBRUG',
      'Forventet merforbrug ved opstart af handleplan:',
    ])
      expect(text).toContain(expected);
  });
});

describe('exports print warnings', () => {
  it('names an uncovered overspend in Word and PDF', async () => {
    const doc = JSON.parse(JSON.stringify(REFERENCE_PLAN_2018)) as typeof REFERENCE_PLAN_2018;
    doc.expectedOverspend = { atStart: 8_000_000, atLastUpdate: 0, afterThisUpdate: 400_000 };
    const created = (await (await client.post('/api/action-plans', doc)).json()) as { id: string };
    const docx = await client.get(`/api/action-plans/${created.id}/export?format=docx`);
    const { paragraphs } = await docxText(await docx.arrayBuffer());
    expect(paragraphs).toContain('Opmærksomhedspunkter');
    expect(paragraphs.join('\n')).toContain(
      'Den planlagte effekt på 7.600.000 kr. er mindre end det forventede merforbrug ved opstart på 8.000.000 kr.',
    );
  });

  it('refuses an unknown format in Danish', async () => {
    const response = await client.get(`/api/action-plans/${planId}/export?format=odt`);
    expect(response.status).toBe(422);
    expect(
      ((await response.json()) as { issues: { message: string }[] }).issues[0]?.message,
    ).toContain('docx, xlsx, pdf eller json');
  });
});

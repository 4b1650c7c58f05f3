import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guessMapping, parseCsv, toCasesDocument } from './csv-import';
import { cellText, parseXlsx } from './xlsx-import';

const HEADER = [
  'Sag',
  'Husstand',
  'Enhed',
  'Person',
  'Fødselsdato',
  'Indsats',
  'Status',
  'Besluttet',
  'Kategori',
  'Leverandør',
  'Ekstern',
  'Funktion',
  'Startdato',
  'Slutdato',
  'Hyppighed',
  'Dag i måneden',
  'Beløb',
];

async function workbook(rows: unknown[][]): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Indsatser');
  sheet.addRow(HEADER);
  rows.forEach((r) => sheet.addRow(r));
  wb.addWorksheet('Andet').addRow(['ignoreret']);
  const buffer = await wb.xlsx.writeBuffer();
  return buffer;
}

describe('Excel import from a case system', () => {
  it('reads the first sheet into the same document as the equivalent CSV', async () => {
    const xlsx = await parseXlsx(
      await workbook([
        [
          'S-1',
          'H-1',
          'Myndighed',
          'P-1',
          new Date(Date.UTC(2006, 2, 14)),
          'A-1',
          'Bevilget',
          new Date(Date.UTC(2019, 10, 20)),
          'familiebehandling',
          'Familiecentret',
          'nej',
          '5.28.21',
          new Date(Date.UTC(2019, 11, 1)),
          null,
          'Månedligt',
          31,
          1234.5,
        ],
        [],
        [
          'S-2',
          'H-2',
          'Myndighed',
          'P-2',
          null,
          'B-1',
          'Forventet',
          '01.01.2020',
          'aflastning',
          'X',
          'ja',
          '5.28.21',
          '01.03.2020',
          '31.03.2020',
          'Dagligt',
          null,
          -250.25,
        ],
      ]),
    );
    expect(xlsx.header).toEqual(HEADER);
    expect(xlsx.rows).toHaveLength(2);
    const csv = parseCsv(
      [
        HEADER.join(';'),
        'S-1;H-1;Myndighed;P-1;14.03.2006;A-1;Bevilget;20.11.2019;familiebehandling;Familiecentret;nej;5.28.21;01.12.2019;;Månedligt;31;1.234,50',
        'S-2;H-2;Myndighed;P-2;;B-1;Forventet;01.01.2020;aflastning;X;ja;5.28.21;01.03.2020;31.03.2020;Dagligt;;-250,25',
      ].join('\n'),
    );
    const mapping = guessMapping(xlsx.header);
    expect(toCasesDocument(xlsx.rows, xlsx.header, mapping).document).toEqual(
      toCasesDocument(csv.rows, csv.header, guessMapping(csv.header)).document,
    );
  });

  it.each([
    [null, ''],
    [new Date(Date.UTC(2020, 4, 31)), '2020-05-31'],
    [12.5, '12.5'],
    [' tekst ', 'tekst'],
    [{ formula: 'A1*2', result: 42 }, '42'],
    [{ richText: [{ text: 'Fami' }, { text: 'lie' }] }, 'Familie'],
    [{ text: 'link', hyperlink: 'https://example.org' }, 'link'],
  ])('cell %j reads as %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { guessMapping, lineOf, parseCsv, toCasesDocument } from './csv-import';

const CSV = `\uFEFFSag;Husstand;Enhed;Person;Fødselsdato;Indsats;Status;Besluttet;Kategori;Leverandør;Ekstern;Funktion;Startdato;Slutdato;Hyppighed;Dag i måneden;Beløb
S-1;H-1;Myndighed;P-1;14.03.2006;A-1;Bevilget;20.11.2019;familiebehandling;"Familie; Center";nej;5.28.21;01.12.2019;15.12.2019;Dagligt;;500
S-1;H-1;Myndighed;P-1;14.03.2006;A-2;Forventet;25.11.2019;familiebehandling;Ekstern ApS;ja;5.28.21;2019-12-02;;Månedligt;31;1.234,50
S-2;H-2;Myndighed;P-2;;B-1;Bevilget;01.01.2020;aflastning;X;nej;5.28.21;01.03.2020;;Engang;;-250,25
`;

describe('CSV import from a case system', () => {
  it('parses semicolon CSV with quotes, guesses the mapping and builds a cases document', () => {
    const { header, rows } = parseCsv(CSV);
    expect(rows).toHaveLength(3);
    const mapping = guessMapping(header);
    expect(mapping.caseRef).toBe('Sag');
    expect(mapping.amount).toBe('Beløb');
    const { document, lines } = toCasesDocument(rows, header, mapping);
    const cases = document.cases as {
      ref: string;
      person: unknown;
      interventions: Record<string, unknown>[];
    }[];
    expect(cases.map((c) => c.ref)).toEqual(['S-1', 'S-2']);
    expect(cases[0]?.person).toEqual({ ref: 'P-1', birthDate: '2006-03-14' });
    expect(cases[0]?.interventions[0]).toMatchObject({
      ref: 'A-1',
      status: 'granted',
      decidedOn: '2019-11-20',
      provider: { name: 'Familie; Center', external: false },
      startDate: '2019-12-01',
      endDate: '2019-12-15',
      payment: { type: 'running', frequency: 'daily', amount: 500 },
    });
    expect(cases[0]?.interventions[1]).toMatchObject({
      status: 'expected',
      provider: { external: true },
      endDate: null,
      payment: { type: 'running', frequency: 'monthly', dayOfMonth: 31, amount: 1234.5 },
    });
    expect(cases[1]?.interventions[0]?.payment).toEqual({
      type: 'one-time',
      date: '2020-03-01',
      amount: -250.25,
    });
    expect(lineOf('cases.1.interventions.0.payment.amount', lines)).toBe(4);
    expect(lineOf('cases.0.unit', lines)).toBe(2);
  });
});

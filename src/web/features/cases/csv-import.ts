import { parseKronerText, toKroner } from '../../../domain/money';
import { parseDateText } from '../../../domain/months';
import { CATEGORY_CODES, type CategoryCode } from '../../../domain/cases/types';

/**
 * CSV exports from a case system (one row per intervention) turned into the cases format
 * `overblik/cases@1`, through a column mapping the user chooses and saves. Pure: no I/O.
 */
export const CSV_FIELDS = [
  'caseRef',
  'household',
  'unit',
  'personRef',
  'birthDate',
  'interventionRef',
  'kind',
  'status',
  'modifies',
  'decidedOn',
  'category',
  'paragraph',
  'providerName',
  'providerExternal',
  'accountFunction',
  'startDate',
  'endDate',
  'frequency',
  'dayOfMonth',
  'amount',
  'units',
  'rate',
  'followOn',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type CsvMapping = Partial<Record<CsvField, string>>;

export const REQUIRED_FIELDS: CsvField[] = [
  'caseRef',
  'household',
  'unit',
  'personRef',
  'interventionRef',
  'status',
  'decidedOn',
  'category',
  'providerName',
  'accountFunction',
  'startDate',
  'frequency',
];

/** Parses CSV text (`;` or `,` separated, `"` quoted, a BOM ignored) into a header and rows. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const separator =
    (firstLine.match(/;/g) ?? []).length >= (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < clean.length; i += 1) {
    const ch = clean[i];
    if (quoted) {
      if (ch === '"' && clean[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && clean[i + 1] === '\n') i += 1;
      record.push(field);
      if (record.some((f) => f !== '')) records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  record.push(field);
  if (record.some((f) => f !== '')) records.push(record);
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows };
}

const SYNONYMS: Record<CsvField, string[]> = {
  caseRef: ['sag', 'sagsnr', 'sagsnummer', 'case', 'caseref'],
  household: ['husstand', 'familie', 'household'],
  unit: ['enhed', 'afdeling', 'unit'],
  personRef: ['person', 'personref', 'barn'],
  birthDate: ['fødselsdato', 'født', 'birthdate'],
  interventionRef: ['indsats', 'indsatsnr', 'foranstaltning', 'intervention', 'interventionref'],
  kind: ['art', 'type indsats', 'kind'],
  status: ['status'],
  modifies: ['justerer', 'modifies'],
  decidedOn: ['besluttet', 'afgørelsesdato', 'decidedon'],
  category: ['kategori', 'category'],
  paragraph: ['paragraf', 'paragraph'],
  providerName: ['leverandør', 'provider', 'providername'],
  providerExternal: ['ekstern', 'external', 'providerexternal'],
  accountFunction: ['funktion', 'kontonr', 'accountfunction'],
  startDate: ['startdato', 'start', 'startdate'],
  endDate: ['slutdato', 'forventet slut', 'slut', 'enddate'],
  frequency: ['hyppighed', 'frekvens', 'frequency'],
  dayOfMonth: ['dag i måneden', 'betalingsdag', 'dayofmonth'],
  amount: ['beløb', 'pris', 'amount'],
  units: ['enheder', 'antal', 'units'],
  rate: ['takst', 'rate'],
  followOn: ['følgeudgift', 'followon'],
};

/** Guesses a mapping from the header names (Danish or the format's own field names). */
export function guessMapping(header: readonly string[]): CsvMapping {
  const mapping: CsvMapping = {};
  for (const field of CSV_FIELDS) {
    const hit = header.find((h) => SYNONYMS[field].includes(h.trim().toLowerCase()));
    if (hit) mapping[field] = hit;
  }
  return mapping;
}

/** A date as the file writes it (`DD.MM.YYYY`, `D-M-YYYY`, ISO …) → `YYYY-MM-DD`; other text is passed on as it is. */
export function toIsoDate(text: string): string {
  const date = parseDateText(text);
  return date.ok ? date.value : text.trim();
}

const STATUS: Record<string, string> = {
  bevilget: 'granted',
  granted: 'granted',
  forventet: 'expected',
  expected: 'expected',
  kladde: 'draft',
  draft: 'draft',
};
const FREQUENCY: Record<string, string> = {
  dagligt: 'daily',
  daglig: 'daily',
  daily: 'daily',
  ugentligt: 'weekly',
  ugentlig: 'weekly',
  weekly: 'weekly',
  '14-dage': 'biweekly',
  'hver 14. dag': 'biweekly',
  biweekly: 'biweekly',
  månedligt: 'monthly',
  månedlig: 'monthly',
  monthly: 'monthly',
  engang: 'one-time',
  engangsbeløb: 'one-time',
  'one-time': 'one-time',
};

const yes = (v: string) =>
  ['ja', 'j', 'true', '1', 'x', 'ekstern', 'yes'].includes(v.trim().toLowerCase());

/** A number from Danish or plain text (`1.234,50`), or the text itself so the server names it. */
function toNumber(text: string): number | string {
  const r = parseKronerText(text);
  if (r.ok) return toKroner(r.value);
  const plain = Number(text.replace(',', '.'));
  return Number.isFinite(plain) && text.trim() !== '' ? plain : text;
}

/** A category value folded for comparison: lower case, æ ø å spelled out, spaces as `-`. */
function foldCategory(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s_]+/g, '-');
}

/**
 * The catalogue's category a value from a case system names: its code or its Danish name
 * (`names`: code → name), whatever the case and however æ, ø and å are spelled; null when it
 * names none (the user then chooses one).
 */
export function matchCategory(
  value: string,
  names: Readonly<Record<string, string>>,
): CategoryCode | null {
  const folded = foldCategory(value);
  if (folded === '') return null;
  return (
    CATEGORY_CODES.find((code) => code === folded || foldCategory(names[code] ?? '') === folded) ??
    null
  );
}

/** The distinct values of the mapped category column, in order of first use. */
export function categoryValues(
  rows: readonly string[][],
  header: readonly string[],
  mapping: CsvMapping,
): string[] {
  const column = mapping.category === undefined ? -1 : header.indexOf(mapping.category);
  if (column < 0) return [];
  return [...new Set(rows.map((row) => (row[column] ?? '').trim()))];
}

export interface ConvertedDocument {
  document: Record<string, unknown>;
  /** path prefix `cases.N.interventions.M` → the CSV line (1 = header) it came from */
  lines: Map<string, number>;
}

/**
 * Turns mapped CSV rows into a cases document, one case per case ref in order of first use.
 * `categories` gives the catalogue code for each category value of the file (a value without
 * one is passed on as it is, and the server refuses it: a case never gets a new category).
 */
export function toCasesDocument(
  rows: readonly string[][],
  header: readonly string[],
  mapping: CsvMapping,
  categories: Readonly<Record<string, string>> = {},
): ConvertedDocument {
  const col = (field: CsvField) => {
    const name = mapping[field];
    return name === undefined ? -1 : header.indexOf(name);
  };
  const index = Object.fromEntries(CSV_FIELDS.map((f) => [f, col(f)])) as Record<CsvField, number>;
  const cases: Record<string, unknown>[] = [];
  const caseIndex = new Map<string, number>();
  const lines = new Map<string, number>();
  const categoryCode = (value: string) =>
    Object.hasOwn(categories, value) ? (categories[value] ?? value) : value;
  rows.forEach((row, r) => {
    const get = (f: CsvField) => (index[f] >= 0 ? (row[index[f]] ?? '').trim() : '');
    const opt = (f: CsvField) => get(f) || null;
    const caseRef = get('caseRef');
    let ci = caseIndex.get(caseRef);
    if (ci === undefined) {
      ci = cases.length;
      caseIndex.set(caseRef, ci);
      cases.push({
        ref: caseRef,
        household: get('household'),
        unit: get('unit'),
        person: {
          ref: get('personRef'),
          birthDate: opt('birthDate') && toIsoDate(get('birthDate')),
        },
        interventions: [],
      });
    }
    const frequencyText = get('frequency').toLowerCase();
    const frequency = FREQUENCY[frequencyText] ?? frequencyText;
    const startDate = toIsoDate(get('startDate'));
    const amountOrRate = get('rate')
      ? { units: toNumber(get('units')), rate: get('rate') }
      : { amount: toNumber(get('amount')) };
    const payment =
      frequency === 'one-time'
        ? { type: 'one-time', date: startDate, ...amountOrRate }
        : {
            type: 'running',
            frequency,
            ...(frequency === 'monthly' ? { dayOfMonth: toNumber(get('dayOfMonth') || '1') } : {}),
            ...amountOrRate,
          };
    const target = cases[ci] as { interventions: unknown[] };
    lines.set(`cases.${ci}.interventions.${target.interventions.length}`, r + 2);
    lines.set(`cases.${ci}`, lines.get(`cases.${ci}`) ?? r + 2);
    target.interventions.push({
      ref: get('interventionRef'),
      kind: ['supplerende', 'supplementary'].includes(get('kind').toLowerCase())
        ? 'supplementary'
        : 'main',
      status: STATUS[get('status').toLowerCase()] ?? get('status'),
      modifies: opt('modifies'),
      decidedOn: toIsoDate(get('decidedOn')),
      category: categoryCode(get('category')),
      paragraph: get('paragraph'),
      provider: { name: get('providerName'), external: yes(get('providerExternal')) },
      accountFunction: get('accountFunction'),
      startDate,
      endDate: opt('endDate') && toIsoDate(get('endDate')),
      followOn: yes(get('followOn')),
      payment,
    });
  });
  return { document: { format: 'overblik/cases@1', cases }, lines };
}

/** The CSV line an issue's path points into, or null. */
export function lineOf(path: string, lines: ReadonlyMap<string, number>): number | null {
  const m = /^(cases\.\d+)(\.interventions\.\d+)?/.exec(path);
  if (!m) return null;
  return lines.get(`${m[1]}${m[2] ?? ''}`) ?? lines.get(m[1] ?? '') ?? null;
}

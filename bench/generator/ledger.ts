import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import type { Queryable } from '../../src/db/database';
import { upsertLedgerSource } from '../../src/db/repositories/ledger';
import { Random } from '../../src/server/demo/generator/random';

export interface LedgerFileOptions {
  path: string;
  lines: number;
  year: number;
  /** Unit codes (omkostningssted) the postings are spread over. */
  unitCodes: string[];
  seed?: number;
  encoding?: 'windows-1252' | 'utf-8';
}

const FUNCTIONS = ['5.28.20', '5.28.21', '5.28.22', '5.28.23', '5.28.24', '5.28.25'];
const TEXTS = [
  'Familiebehandling',
  'Plejefamilievederlag',
  'Døgnophold, opholdssted',
  'Aflastning',
  'Støttekontaktperson',
  'Særligt dagtilbud',
];

function danishAmount(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const kroner = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${kroner},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Writes a ledger file as KMD Opus exports it: semicolon-separated, Danish dates and
 * amounts (`1.234,50`), Windows-1252 by default, CRLF line ends, one header row.
 * Returns the sum of all amounts in øre (to check an import against).
 */
export async function writeLedgerFile(options: LedgerFileOptions): Promise<{ sumOre: number }> {
  const random = new Random(options.seed ?? 7);
  const out = createWriteStream(options.path);
  const encode = (s: string) => iconv.encode(s, options.encoding ?? 'windows-1252');
  out.write(encode('Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst\r\n'));
  let sum = 0;
  let buffer = '';
  for (let i = 0; i < options.lines; i++) {
    const month = 1 + (i % 12);
    const day = 1 + Math.floor(random.next() * 28);
    const fn = FUNCTIONS[Math.floor(random.next() * FUNCTIONS.length)] ?? '5.28.21';
    const unit = options.unitCodes[i % options.unitCodes.length] ?? '';
    const amount = Math.round((random.next() - 0.05) * 5_000_000);
    sum += amount;
    const text = TEXTS[Math.floor(random.next() * TEXTS.length)] ?? '';
    buffer += `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${options.year};${fn}.00${1 + (i % 9)}.1;${unit};${danishAmount(amount)};${text} ${i}\r\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(encode(buffer))) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(encode(buffer));
  out.end();
  await once(out, 'finish');
  return { sumOre: sum };
}

/**
 * Saves the source 'KMD Opus' that reads the files `writeLedgerFile` writes: its columns, and
 * the unit codes (`Omkostningssted`) to the units they stand for.
 */
export async function saveBenchLedgerSource(
  db: Queryable,
  unitCodes: Record<string, string>,
  at: Date,
): Promise<void> {
  await upsertLedgerSource(
    db,
    'KMD Opus',
    {
      date: 'Bogføringsdato',
      account: 'Kontostreng',
      unit: 'Omkostningssted',
      amount: 'Beløb',
      text: 'Posteringstekst',
      unitCodes,
    },
    at,
  );
}

import { parseKronerText } from '../money';
import { containsCprNumber } from '../personal-data';
import { normaliseTrailingMinus, parseAccountString, parsePostingDate } from './account-string';

/** Where the mapped columns are in a file's header row (0-based indexes). */
export interface ColumnIndexes {
  date: number;
  account: number;
  unit: number;
  amount: number;
  text: number | null;
}

/** What a line is checked against: the import year, known functions, unit lookup, closed months. */
export interface LedgerLineContext {
  year: number;
  knownFunctions: ReadonlySet<string>;
  /** Unit code or name (lower-cased) → unit id. */
  units: ReadonlyMap<string, string>;
  /** Months 1–12 of the year already closed by a follow-up round (0 = none). */
  closedThroughMonth: number;
}

export interface ValidPosting {
  postedOn: string;
  unitId: string;
  accountFunction: string;
  group: string;
  dranst: string;
  accountString: string;
  amountOre: number;
  text: string;
  isLate: boolean;
}

export interface LineIssue {
  line: number;
  column: string;
  code: string;
  message: string;
}

/**
 * Finds the mapped columns in a header row (case and surrounding spaces ignored). Returns the
 * indexes, or the names of the columns the file lacks.
 */
export function locateColumns(
  header: readonly string[],
  mapping: {
    date: string;
    account: string;
    unit: string;
    amount: string;
    text?: string | undefined;
  },
): { ok: true; columns: ColumnIndexes } | { ok: false; missing: string[] } {
  const norm = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const find = (name: string) => norm.indexOf(name.trim().toLowerCase());
  const idx = {
    date: find(mapping.date),
    account: find(mapping.account),
    unit: find(mapping.unit),
    amount: find(mapping.amount),
  };
  const missing = (Object.keys(idx) as (keyof typeof idx)[])
    .filter((k) => idx[k] < 0)
    .map((k) => mapping[k]);
  const text = mapping.text ? find(mapping.text) : -1;
  if (mapping.text && text < 0) missing.push(mapping.text);
  if (missing.length) return { ok: false, missing };
  return { ok: true, columns: { ...idx, text: text < 0 ? null : text } };
}

/** Text that a wrong decoding leaves behind: U+FFFD, or UTF-8 bytes read as Windows-1252 ("Ã¸"). */
export function looksMisdecoded(text: string): boolean {
  return text.includes('\uFFFD') || /Ã[\u0080-\u00BF\u2018-\u203A\u0152-\u0178]/.test(text);
}

/**
 * Checks one line of a ledger file and turns it into a posting. Every problem on the line is
 * reported (line number as in the file, Danish message): a wrong encoding, missing cells, a
 * date that is not real or outside the import year, an unknown account string or function,
 * an unknown unit, an amount that is not Danish kroner with at most two decimals, a CPR-shaped
 * number in any cell (`findCprNumbers`; the line's text is then not repeated in the report).
 */
export function validateLedgerLine(
  cells: readonly string[],
  line: number,
  columns: ColumnIndexes,
  ctx: LedgerLineContext,
): { ok: true; posting: ValidPosting } | { ok: false; issues: LineIssue[] } {
  // No closure per line: a million lines made a million of them (and their garbage).
  const issues: LineIssue[] = [];
  let misdecoded = false;
  for (let i = 0; i < cells.length && !misdecoded; i++) misdecoded = looksMisdecoded(cells[i]!);
  if (misdecoded) {
    addIssue(
      issues,
      line,
      '*',
      'encoding',
      'tegnene kan ikke læses i den valgte tegnkodning (fx æ, ø, å). Vælg den rigtige tegnkodning (UTF-8 eller Windows-1252) og prøv igen.',
    );
  }
  const needed = Math.max(
    columns.date,
    columns.account,
    columns.unit,
    columns.amount,
    columns.text ?? 0,
  );
  if (cells.length <= needed) {
    addIssue(
      issues,
      line,
      '*',
      'missing_cells',
      `linjen har ${cells.length} kolonner, men skal have mindst ${needed + 1}.`,
    );
    return { ok: false, issues };
  }
  // a CPR number in any cell refuses the line without repeating what the line says
  let cpr = -1;
  for (let i = 0; i < cells.length && cpr < 0; i++) if (containsCprNumber(cells[i]!)) cpr = i;
  if (cpr >= 0) {
    addIssue(
      issues,
      line,
      cpr === columns.text ? 'text' : '*',
      'cpr_number',
      `kolonne ${cpr + 1} ligner et CPR-nummer. Fjern CPR-numre fra filen i økonomisystemets udtræk, og indlæs den igen; Overblik gemmer aldrig CPR-numre.`,
    );
    return { ok: false, issues };
  }
  const rawDate = cells[columns.date] ?? '';
  const rawAccount = cells[columns.account] ?? '';
  const rawUnit = (cells[columns.unit] ?? '').trim();
  const rawAmount = cells[columns.amount] ?? '';
  const date = parsePostingDate(rawDate);
  if (!date) {
    addIssue(issues, line, 'date', 'invalid_date', `"${rawDate}" er ikke en gyldig dato.`);
  } else if (Number(date.slice(0, 4)) !== ctx.year) {
    addIssue(
      issues,
      line,
      'date',
      'outside_year',
      `datoen ${rawDate} ligger uden for regnskabsåret ${ctx.year}.`,
    );
  }
  const account = parseAccountString(rawAccount);
  if (!account) {
    addIssue(
      issues,
      line,
      'account',
      'unknown_account',
      `kontostrengen "${rawAccount}" kan ikke læses.`,
    );
  } else if (!ctx.knownFunctions.has(account.accountFunction)) {
    addIssue(
      issues,
      line,
      'account',
      'unknown_account',
      `kontostrengen "${rawAccount}" har en ukendt funktion ${account.accountFunction}.`,
    );
  }
  const unitId = ctx.units.get(rawUnit.toLowerCase());
  if (!unitId) addIssue(issues, line, 'unit', 'unknown_unit', `enheden "${rawUnit}" er ukendt.`);
  const amount = parseKronerText(normaliseTrailingMinus(rawAmount));
  if (!amount.ok) {
    addIssue(
      issues,
      line,
      'amount',
      'invalid_amount',
      `beløbet "${rawAmount}" er ikke et beløb i kroner (fx 1.234,50 eller -300.000).`,
    );
  }
  if (issues.length || !date || !account || !unitId || !amount.ok) return { ok: false, issues };
  return {
    ok: true,
    posting: {
      postedOn: date,
      unitId,
      accountFunction: account.accountFunction,
      group: account.group,
      dranst: account.dranst,
      accountString: rawAccount.trim(),
      amountOre: amount.value,
      text: columns.text === null ? '' : (cells[columns.text] ?? '').trim(),
      isLate: Number(date.slice(5, 7)) <= ctx.closedThroughMonth,
    },
  };
}

function addIssue(
  issues: LineIssue[],
  line: number,
  column: string,
  code: string,
  message: string,
): void {
  issues.push({ line, column, code, message: `Linje ${line}: ${message}` });
}

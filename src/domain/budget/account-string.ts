/**
 * An account string (kontostreng) from the financial system, split into the parts the
 * product uses: the function in the municipal chart of accounts (`5.28.21`), the grouping
 * (gruppering) and the kind of spending (dranst: 1 = drift, 2 = statsrefusion, ...).
 */
export interface AccountParts {
  accountFunction: string;
  group: string;
  dranst: string;
}

/**
 * Parses `5.28.21.002.1`, `528210021`, `52821-002-1`, `5.28.21 002 1` and `5.28.21`.
 * The function is the first five digits (main account 5, main function 28, function xx);
 * the next three digits are the grouping and the next one the dranst, when present.
 * Returns null when the text has letters or fewer than five digits.
 */
export function parseAccountString(text: string): AccountParts | null {
  const trimmed = text.trim();
  if (!/^[\d.\-\s]+$/.test(trimmed)) return null;
  const parts = trimmed.split(/[.\-\s]+/).filter((p) => p !== '');
  let digits: string;
  let group: string;
  let dranst: string;
  if (
    parts.length >= 3 &&
    parts[0]?.length === 1 &&
    parts[1]?.length === 2 &&
    parts[2]?.length === 2
  ) {
    digits = `${parts[0]}${parts[1]}${parts[2]}`;
    group = parts[3] ?? '';
    dranst = parts[4] ?? '';
  } else if (parts.length >= 1 && parts[0]?.length === 5) {
    digits = parts[0];
    group = parts[1] ?? '';
    dranst = parts[2] ?? '';
  } else if (parts.length === 1 && parts[0] && parts[0].length >= 5) {
    const all = parts[0];
    digits = all.slice(0, 5);
    group = all.slice(5, 8);
    dranst = all.slice(8, 9);
    if (all.length > 9) return null;
  } else {
    return null;
  }
  if (!/^\d{5}$/.test(digits)) return null;
  return {
    accountFunction: `${digits[0]}.${digits.slice(1, 3)}.${digits.slice(3, 5)}`,
    group,
    dranst,
  };
}

/**
 * Parses a posting date as financial systems write it: `15.05.2018`, `15-05-2018`,
 * `15/05/2018`, `2018-05-15` or `20180515`. Returns `YYYY-MM-DD` or null when it is
 * not a real calendar date.
 */
export function parsePostingDate(text: string): string | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if (isDanishDate(s)) {
    // dd.mm.yyyy, as ledger exports write every line: read without a regular expression
    d = digitsAt(s, 0, 2);
    m = digitsAt(s, 3, 5);
    y = digitsAt(s, 6, 10);
  } else if ((match = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (m < 1 || m > 12 || d < 1) return null;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `dd.mm.yyyy` with digits only (what the first pattern of `parsePostingDate` also reads). */
function isDanishDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(2) !== 46 || s.charCodeAt(5) !== 46) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 2 || i === 5) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The number the digits `s[from..to)` write (checked to be digits by the caller). */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Moves a trailing minus to the front, as some systems write credits (`1.234,50-`).
 * Returns the text unchanged otherwise.
 */
export function normaliseTrailingMinus(text: string): string {
  const s = text.trim();
  return /^[\d.,]+-$/.test(s) ? `-${s.slice(0, -1)}` : s;
}

/**
 * Personal data that must never be typed into Overblik: CPR numbers, and names where a
 * reference is expected. Overblik knows cases and persons by the case system's references only
 * (docs/security.md, "Personal data"); these checks keep free text and imports that way.
 */

/**
 * A CPR number as it is written: six digits of a birth date (DDMMYY), then four digits, with a
 * dash, a space or nothing between, and no digit right before or after (so a longer number
 * such as an EAN or an account string is not taken for one).
 */
const CPR_SHAPE = /(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?!\d)/gu;

const MODULUS_11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/** A CPR-shaped number found in a text. */
export interface CprFinding {
  /** where it starts in the text (UTF-16 index) */
  index: number;
  /** the birth date it names, `YYYY-MM-DD` (the century from the seventh digit, CPR's rule) */
  birthDate: string;
  /**
   * whether the ten digits pass the modulus 11 check. A signal only: since 2007 numbers are
   * issued that fail it, so a number is refused whatever this says.
   */
  passesModulus11: boolean;
}

/**
 * The century of a CPR number's birth year from its seventh digit and its two-digit year (the
 * CPR office's table): 0–3 → 1900s; 4 and 9 → 2000s up to 36, else 1900s; 5–8 → 2000s up to
 * 57, else 1800s.
 */
function birthYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Whether ten digits pass CPR's modulus 11 check (weights 4 3 2 7 6 5 4 3 2 1). */
export function passesModulus11(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) sum += Number(digits[i]) * (MODULUS_11_WEIGHTS[i] ?? 0);
  return sum % 11 === 0;
}

/**
 * Every CPR-shaped number in `text`: DDMMYY-SSSS, DDMMYY SSSS or DDMMYYSSSS whose first six
 * digits are a real date (29 February only in a leap year of the century the seventh digit
 * gives). The modulus 11 check is reported, not required: numbers issued since 2007 may fail
 * it, and Danish guidance is not to rely on it, so any such number counts.
 */
export function findCprNumbers(text: string): CprFinding[] {
  const found: CprFinding[] = [];
  for (const m of text.matchAll(CPR_SHAPE)) {
    const [, dd, mm, yy, serial] = m;
    if (!dd || !mm || !yy || !serial) continue;
    const year = birthYear(Number(yy), Number(serial[0]));
    if (!isRealDate(year, Number(mm), Number(dd))) continue;
    found.push({
      index: m.index,
      birthDate: `${year}-${mm}-${dd}`,
      passesModulus11: passesModulus11(`${dd}${mm}${yy}${serial}`),
    });
  }
  return found;
}

/** Six digits in a row: what every CPR-shaped number starts with (a cheap first look). */
const SIX_DIGITS = /\d{6}/;

/** Whether `text` holds a CPR-shaped number (`findCprNumbers`). */
export function containsCprNumber(text: string): boolean {
  // Most cells of a large import hold no six digits in a row: no match to iterate for them.
  return SIX_DIGITS.test(text) && findCprNumbers(text).length > 0;
}

/**
 * Two or more capitalised words in a row ("Emma Sofie Jensen", "Ole Hansen"): what a person's
 * name looks like where a reference ("S-1001", "P-17", "H-4") is expected. A hint, not proof:
 * it warns and never refuses.
 */
const NAME_LIKE =
  /(?<!\p{L})\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)+(?!\p{L})/u;

/** Whether a reference looks like a person's name (`NAME_LIKE`). */
export function looksLikeName(reference: string): boolean {
  return NAME_LIKE.test(reference);
}

/** Whether `text` holds a control character no text field keeps: NUL, escape and the like
 * (U+0000–U+001F and U+007F, but tab, line feed and carriage return are text). */
export function containsControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

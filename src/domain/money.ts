/**
 * Money is an integer number of øre behind a branded type. Every conversion from and to
 * kroner goes through this file, so no floating point ever touches an amount.
 */
export type Ore = number & { readonly __brand: 'Ore' };

/** The largest amount the product accepts: 10^13 kr (in øre 10^15, still exact in a double). */
export const MAX_ABS_KRONER = 10_000_000_000_000;
/** The same limit in øre. */
export const MAX_ABS_ORE = MAX_ABS_KRONER * 100;

export const ZERO = 0 as Ore;

/** Wraps an integer øre value; throws on a non-integer or an out-of-range value (a programming error). */
export function ore(value: number): Ore {
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_ABS_ORE) {
    throw new RangeError(`Not an amount in øre: ${value}`);
  }
  return value as Ore;
}

export function addOre(...amounts: readonly Ore[]): Ore {
  let sum = 0;
  for (const a of amounts) sum += a;
  return ore(sum);
}

export function sumOre(amounts: Iterable<Ore>): Ore {
  let sum = 0;
  for (const a of amounts) sum += a;
  return ore(sum);
}

export function subtractOre(a: Ore, b: Ore): Ore {
  return ore(a - b);
}

/**
 * Divides an amount among shares by integer weights (negative weights count as 0), exactly:
 * each share gets the floor of its part of |amount| and the øre left over go one each to the
 * largest remainders (ties to the earlier share); the sign is applied last. The shares always
 * sum to `amount`. Computed in integers, so it stays exact for any amounts and weights.
 * Throws when no weight is positive (there is nothing to divide by).
 */
export function allocateByWeights(amount: number, weights: readonly number[]): Ore[] {
  const w = weights.map((x) => BigInt(Math.max(0, Math.trunc(x))));
  const total = w.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new RangeError('allocation without a positive weight');
  const sign = amount < 0 ? -1 : 1;
  const abs = BigInt(Math.abs(amount));
  const floors = w.map((x) => (abs * x) / total);
  const remainders = w.map((x, i) => ({ i, r: abs * x - (floors[i] ?? 0n) * total }));
  let rest = abs - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (rest <= 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    rest -= 1n;
  }
  return floors.map((x) => ore(x === 0n ? 0 : sign * Number(x)));
}

/** Whole kroner, half away from zero (0, not −0, for less than half a krone). */
export function roundToWholeKroner(amount: Ore): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) / 100) || 0;
}

/**
 * Whole kroner for parts shown beside their rounded total, so the row adds up on screen: each
 * part is rounded half away from zero, and the kroner the parts then miss or exceed go one each
 * to the parts whose rounding moved them furthest the other way (ties to the earlier part).
 * `total` is the parts' exact sum, or, for the parts of a figure that is itself one row of a
 * column adding up, that figure as shown (whole kroner, within a krone of the exact sum).
 */
export function wholeKronerAddingUp(parts: readonly Ore[], total: Ore): number[] {
  const rounded = parts.map(roundToWholeKroner);
  let missing = roundToWholeKroner(total) - rounded.reduce((a, b) => a + b, 0);
  const step = Math.sign(missing);
  const order = parts
    .map((p, i) => ({ i, gap: (p - (rounded[i] ?? 0) * 100) * step }))
    .sort((a, b) => (a.gap === b.gap ? a.i - b.i : b.gap - a.gap));
  for (const { i } of order) {
    if (missing === 0) break;
    rounded[i] = (rounded[i] ?? 0) + step;
    missing -= step;
  }
  return rounded;
}

export type KronerParseResult =
  | { ok: true; value: Ore }
  | { ok: false; reason: 'not-a-number' | 'too-many-decimals' | 'too-large' };

/**
 * Converts a JSON number in kroner (at most two decimals) to øre exactly.
 * The decimal text of the number decides, so 0.1 + 0.2 style artefacts cannot sneak in.
 */
export function kronerFromJsonNumber(value: unknown): KronerParseResult {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return { ok: false, reason: 'not-a-number' };
  if (Math.abs(value) > MAX_ABS_KRONER) return { ok: false, reason: 'too-large' };
  return parsePlainDecimal(String(value));
}

/**
 * Kroner as the API sends them (a JSON number, at most two decimals) to øre, rounded to the
 * nearest øre so a binary artefact such as 0.1 + 0.2 lands on the øre meant. For figures the
 * API has already checked; input a person typed goes through `kronerFromJsonNumber`.
 */
export function oreFromKroner(kroner: number): Ore {
  return ore(Math.round(kroner * 100));
}

/** Converts øre to a JSON number in kroner (exact for every value we accept). */
export function toKroner(amount: Ore): number {
  return amount / 100;
}

/**
 * Parses kroner typed or pasted by a person: Danish (`1.234.567,50`, `-300.000`) or plain
 * (`1234567.50`, `1234567`). Spaces and a trailing "kr." are ignored. At most two decimals.
 */
export function parseKronerText(text: string): KronerParseResult {
  let s = text.trim().replace(/\s|\u00a0/g, '');
  s = s.replace(/kr\.?$/i, '');
  s = s.replace(/^\u2212/, '-');
  if (s === '' || s === '-') return { ok: false, reason: 'not-a-number' };
  const hasComma = s.includes(',');
  const dots = (s.match(/\./g) ?? []).length;
  if (hasComma) {
    // Danish: dots group thousands, the comma is the decimal mark.
    if (!/^-?\d{1,3}(\.\d{3})*(,\d*)?$/.test(s) && !/^-?\d+(,\d*)?$/.test(s)) {
      return { ok: false, reason: 'not-a-number' };
    }
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (dots > 1 || /^-?\d{1,3}\.\d{3}$/.test(s)) {
    // `300.000` is three hundred thousand in Danish, never three hundred.
    if (!/^-?\d{1,3}(\.\d{3})+$/.test(s)) return { ok: false, reason: 'not-a-number' };
    s = s.replace(/\./g, '');
  }
  return parsePlainDecimal(s);
}

function parsePlainDecimal(s: string): KronerParseResult {
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) {
    // Exponent notation from JSON (1e21 and the like) is never a valid amount here.
    return { ok: false, reason: /e/i.test(s) ? 'too-large' : 'not-a-number' };
  }
  const [, sign, whole = '0', frac = ''] = m;
  if (frac.length > 2) return { ok: false, reason: 'too-many-decimals' };
  if (whole.replace(/^0+/, '').length > 14) return { ok: false, reason: 'too-large' };
  const value = Number(whole) * 100 + Number(frac.padEnd(2, '0') || '0');
  if (value > MAX_ABS_ORE) return { ok: false, reason: 'too-large' };
  return { ok: true, value: ore(sign ? -value : value) };
}

const wholeKroner = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const withOre = new Intl.NumberFormat('da-DK', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Formats as the reference documents do: `7.600.000`, with `,50` only when there are øre. */
export function formatKroner(amount: Ore): string {
  return amount % 100 === 0 ? wholeKroner.format(amount / 100) : withOre.format(amount / 100);
}

/** `7,6 mio. kr.`: one decimal, Danish, for headlines and charts. */
export function formatMillions(amount: Ore): string {
  const millions = new Intl.NumberFormat('da-DK', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${millions.format(amount / 100_000_000)} mio. kr.`;
}

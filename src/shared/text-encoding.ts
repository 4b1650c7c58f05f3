/**
 * The text encodings Danish exports arrive in, and the one rule that tells them apart: used by
 * the ledger import on the server and by the case import in the browser. Pure: bytes in, no I/O.
 */
export type DeclaredEncoding = 'auto' | 'utf-8' | 'windows-1252';
export type DetectedEncoding = 'utf-8' | 'windows-1252' | 'utf-16';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the encoding of a file from its start (`first`): a UTF-16 BOM or NUL bytes say UTF-16;
 * a declared encoding is taken as it is; a UTF-8 BOM or valid UTF-8 say UTF-8; anything else
 * is Windows-1252 (ANSI, as Danish Excel and KMD Opus write CSV).
 */
export function detectEncoding(
  first: Uint8Array,
  declared: DeclaredEncoding = 'auto',
): DetectedEncoding {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16';
  if (first.subarray(0, 4096).includes(0)) return 'utf-16';
  if (declared !== 'auto') return declared;
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf-8';
  // A multi-byte character may be cut at the piece's end: ignore up to three trailing bytes.
  for (let cut = 0; cut <= 3 && cut < first.length; cut++) {
    if (isUtf8(first.subarray(0, first.length - cut))) return 'utf-8';
  }
  return 'windows-1252';
}

/**
 * The characters Windows-1252 has at bytes 0x80–0x9F, where it differs from Latin-1 (the five
 * bytes it leaves undefined become U+FFFD, so the text reads as misdecoded). Written out, since Node's
 * `TextDecoder('windows-1252')` decodes as Latin-1.
 */
export const WINDOWS_1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

const C1 = /[\u0080-\u009f]/g;

/** Latin-1 text (one character per byte) as Windows-1252: only 0x80–0x9F need another character. */
export function latin1AsWindows1252(latin1: string): string {
  C1.lastIndex = 0;
  return C1.test(latin1)
    ? latin1.replace(C1, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c)
    : latin1;
}

/**
 * A whole small file as text in the encoding `detectEncoding` picks (a BOM dropped); UTF-16
 * by its byte order mark (little-endian without one, as Excel's "Unicode text" writes it).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes);
  let text: string;
  if (encoding === 'windows-1252') {
    text = latin1AsWindows1252(new TextDecoder('latin1').decode(bytes));
  } else {
    const be = bytes[0] === 0xfe && bytes[1] === 0xff;
    text = new TextDecoder(encoding === 'utf-16' ? (be ? 'utf-16be' : 'utf-16le') : 'utf-8').decode(
      bytes,
    );
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

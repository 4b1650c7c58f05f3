/** Files the product hands out: their names and media types. */

/** Text as a file-name part: `Ungeteam og efterværn` → `ungeteam-og-eftervaern`, at most 60 characters. */
export function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** The media type of each kind of file the product hands out: one home for the long names. */
export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;
export type FileKind = keyof typeof MEDIA_TYPES;

/** A made file, ready to hand out. */
export interface MadeFile {
  body: Uint8Array | string;
  contentType: string;
  filename: string;
}

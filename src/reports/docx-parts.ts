import {
  AlignmentType,
  BorderStyle,
  PageOrientation,
  Paragraph,
  ShadingType,
  TableCell,
  TextRun,
  WidthType,
  type ISectionPropertiesOptions,
} from 'docx';

/** The parts every Word document of the product is built from: one look for all of them. */

export const FONT = 'Calibri';
const HEAD_FILL = 'D9E2F3';
const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: border, bottom: border, left: border, right: border };

/** The document default: Calibri 10 pt. */
export const DOCUMENT_STYLES = { default: { document: { run: { font: FONT, size: 20 } } } };

/** Landscape A4 with 0,5" side margins, which leaves 15.398 twips for a table. */
export function landscapePage(topAndBottom = 1000): ISectionPropertiesOptions {
  return {
    page: {
      size: { orientation: PageOrientation.LANDSCAPE },
      margin: { left: 720, right: 720, top: topAndBottom, bottom: topAndBottom },
    },
  };
}

/** A run of text; size in half-points (20 = 10 pt). */
export function text(value: string, options: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({
    text: value,
    bold: options.bold ?? false,
    size: options.size ?? 20,
    font: FONT,
  });
}

/** A heading paragraph, kept on the page of what follows it. */
export function heading(value: string, size = 24): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    keepNext: true,
    children: [text(value, { bold: true, size })],
  });
}

/**
 * A bordered table cell: text (one paragraph per line) or paragraphs made by the caller;
 * `head` shades it as a header, `roomy` gives block text more padding.
 */
export function cell(
  value: string | Paragraph[],
  options: {
    bold?: boolean;
    head?: boolean;
    right?: boolean;
    width?: number;
    size?: number;
    roomy?: boolean;
  } = {},
): TableCell {
  return new TableCell({
    borders,
    margins: options.roomy
      ? { left: 80, right: 80, top: 40, bottom: 40 }
      : { left: 60, right: 60, top: 20, bottom: 20 },
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    ...(options.head
      ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEAD_FILL } }
      : {}),
    children:
      typeof value === 'string'
        ? value.split('\n').map(
            (line) =>
              new Paragraph({
                alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [
                  text(line, { bold: options.bold || options.head, size: options.size ?? 18 }),
                ],
              }),
          )
        : value,
  });
}

import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';

/** Every text shown in a docx: the w:t runs of word/document.xml, one paragraph per line. */
export async function docxText(
  buffer: ArrayBuffer,
): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  );
  return { xml, paragraphs };
}

/** The text a PDF draws with pdfkit's standard fonts: inflate each stream and decode its hex strings. */
export function pdfText(buffer: Buffer): string {
  const out: string[] = [];
  const raw = buffer.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const content = inflateSync(buffer.subarray(start, end)).toString('latin1');
      for (const line of content.split('\n')) {
        const strings = [...line.matchAll(/<([0-9a-fA-F]+)>/g)].map((h) =>
          Buffer.from(h[1] ?? '', 'hex').toString('latin1'),
        );
        if (strings.length) out.push(strings.join(''));
      }
    } catch {
      // not a deflated content stream (fonts, images)
    }
  }
  return out.join('\n');
}

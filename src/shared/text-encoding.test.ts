import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, WINDOWS_1252_HIGH } from './text-encoding';

describe('the encoding of a Danish export', () => {
  const text = 'Fødselsdato;Efterværn;Familiecentret – Øst;€ 1.234,50';

  it('reads Windows-1252 as Danish Excel saves CSV, including the bytes 0x80–0x9F', () => {
    expect(decodeText(iconv.encode(text, 'windows-1252'))).toEqual({
      text,
      encoding: 'windows-1252',
    });
    expect(WINDOWS_1252_HIGH).toBe(
      iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252'),
    );
  });

  it('reads UTF-8 with or without a BOM, and UTF-16 from Excel’s "Unicode text"', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf16le'))).toEqual({
      text,
      encoding: 'utf-16',
    });
  });

  it('takes a declared encoding, and a UTF-8 character cut at the end of the piece read', () => {
    const utf8 = Buffer.from('ø', 'utf8');
    expect(detectEncoding(utf8, 'windows-1252')).toBe('windows-1252');
    expect(detectEncoding(Buffer.concat([Buffer.from('Sag;'), utf8.subarray(0, 1)]))).toBe('utf-8');
  });
});

import { describe, expect, it } from 'vitest';
import {
  applyBlock,
  parsePastedBlock,
  rowDifference,
  rowTotal,
  spreadRow,
  type GridRow,
} from './grid-model';

const row = (number: number, target: string, cells: string[]): GridRow => ({
  key: String(number),
  number,
  target,
  cells: [...cells, ...Array.from({ length: 12 - cells.length }, () => '')],
});

describe('the monthly grid', () => {
  it.each([
    [
      '10.000\t20.000\n5000\t1.234,50\n',
      [
        ['10.000', '20.000'],
        ['5000', '1.234,50'],
      ],
    ],
    [
      '1\t2\r\n3\t4',
      [
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    ['300.000', [['300.000']]],
  ])('reads a pasted block %j', (text, expected) => {
    expect(parsePastedBlock(text)).toEqual(expected);
  });

  it('writes a block from the focused cell and clips it at the edges', () => {
    const rows = [row(1, '', []), row(2, '', [])];
    const result = applyBlock(rows, [['1', '2', '3'], ['4'], ['lost']], 1, 10);
    expect(result[0]?.cells[10]).toBe('');
    expect(result[1]?.cells.slice(10)).toEqual(['1', '2']);
  });

  it('totals Danish and plain amounts and shows the difference to the target', () => {
    const r = row(1, '100.000', ['10.000', '1.234,50', '5000']);
    expect(rowTotal(r)).toBe(1_623_450);
    expect(rowDifference(r)).toBe(1_623_450 - 10_000_000);
  });

  it('spreads the rest over the months after the last filled one', () => {
    const r = spreadRow(row(1, '100.000', ['', '', '', '', '', '', '', '30.000']));
    expect(r.cells).toEqual([
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '30.000',
      '17.500',
      '17.500',
      '17.500',
      '17.500',
    ]);
    expect(rowDifference(r)).toBe(0);
  });
});

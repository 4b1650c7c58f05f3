import { firstOpenMonth, spreadRemainder } from '../../../domain/action-plan';
import {
  formatKroner,
  ore,
  oreFromKroner,
  parseKronerText,
  sumOre,
  type Ore,
} from '../../../domain/money';

/** One row of the editable monthly table: the texts as typed, and the target as typed. */
export interface GridRow {
  key: string;
  number: number;
  target: string;
  cells: string[];
}

export type Parsed = { ok: true; value: Ore } | { ok: false };

/** A cell's text as an amount; an empty cell is zero. */
export function parseCell(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: ore(0) };
  const result = parseKronerText(text);
  return result.ok ? { ok: true, value: result.value } : { ok: false };
}

/** Target text as an amount, or null when empty (a draft may lack it). */
export function parseTarget(text: string): Parsed | null {
  return text.trim() === '' ? null : parseCell(text);
}

/** Amount as it is shown in a cell: `300.000`, blank for zero. */
export function cellText(amount: number): string {
  return amount === 0 ? '' : formatKroner(oreFromKroner(amount));
}

export const rowAmounts = (row: GridRow): Ore[] =>
  row.cells.map((c) => {
    const p = parseCell(c);
    return p.ok ? p.value : ore(0);
  });

export function rowTotal(row: GridRow): Ore {
  return sumOre(rowAmounts(row));
}

/** Months minus target, or null without a valid target. */
export function rowDifference(row: GridRow): Ore | null {
  const target = parseTarget(row.target);
  if (!target?.ok) return null;
  return ore(rowTotal(row) - target.value);
}

/** The row with what is missing spread evenly over the months after the last filled one. */
export function spreadRow(row: GridRow): GridRow {
  const target = parseTarget(row.target);
  if (!target?.ok) return row;
  const amounts = rowAmounts(row);
  const spread = spreadRemainder(amounts, target.value, firstOpenMonth(amounts));
  return { ...row, cells: spread.map((v) => (v === 0 ? '' : formatKroner(v))) };
}

/**
 * A block pasted from Excel or LibreOffice: rows by line breaks, cells by tabs (a trailing
 * line break dropped). Returns the texts as they are; each is parsed like typing.
 */
export function parsePastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

/** Writes a pasted block into the rows from (row, col), clipped at the table's edges. */
export function applyBlock(
  rows: GridRow[],
  block: string[][],
  row: number,
  col: number,
): GridRow[] {
  return rows.map((r, i) => {
    const line = block[i - row];
    if (i < row || !line) return r;
    const cells = [...r.cells];
    line.forEach((text, j) => {
      if (col + j < cells.length) cells[col + j] = text.trim();
    });
    return { ...r, cells };
  });
}

import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKroner, ore, sumOre } from '../../../domain/money';
import {
  applyBlock,
  parseCell,
  parsePastedBlock,
  rowAmounts,
  rowDifference,
  rowTotal,
  spreadRow,
  type GridRow,
} from './grid-model';

const MONTHS = 12;

/**
 * The monthly effect table as a spreadsheet: arrow keys move between cells (left/right when the
 * caret is at the edge of the text), Enter moves down, Danish or plain numbers are typed, and a
 * tab-separated block pasted from a spreadsheet fills the cells from the focused one. Row,
 * column and grand totals follow every keystroke; a row whose months do not add up to its
 * target shows the difference and a button that spreads the rest evenly.
 */
export function EffectGrid({
  rows,
  onChange,
  label,
  showTargets = true,
}: {
  rows: GridRow[];
  onChange: (rows: GridRow[]) => void;
  label: string;
  showTargets?: boolean;
}) {
  const { t } = useTranslation();
  const table = useRef<HTMLTableElement>(null);
  const [status, setStatus] = useState('');
  const monthShort = (m: number) => t(`actionPlans.months.${m}`);
  const monthName = (m: number) => t(`actionPlans.monthNames.${m}`);

  const focusCell = (r: number, c: number) => {
    const target = table.current?.querySelector<HTMLInputElement>(
      `input[data-row="${r}"][data-col="${c}"]`,
    );
    if (target) {
      target.focus();
      target.select();
    }
  };

  const setCell = (r: number, c: number, text: string) =>
    onChange(
      rows.map((row, i) =>
        i === r ? { ...row, cells: row.cells.map((v, j) => (j === c ? text : v)) } : row,
      ),
    );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    let next: [number, number] | null = null;
    if (e.key === 'ArrowUp') next = [r - 1, c];
    else if (e.key === 'ArrowDown' || e.key === 'Enter') next = [r + 1, c];
    else if (e.key === 'ArrowLeft' && (atStart || allSelected)) next = [r, c - 1];
    else if (e.key === 'ArrowRight' && (atEnd || allSelected)) next = [r, c + 1];
    if (!next) return;
    const [nr, nc] = next;
    if (nr < 0 || nr >= rows.length || nc < 0 || nc >= MONTHS) return;
    e.preventDefault();
    focusCell(nr, nc);
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const block = parsePastedBlock(text);
    onChange(applyBlock(rows, block, r, c));
    setStatus(
      t('actionPlans.grid.pasted', {
        rows: block.length,
        cols: Math.max(...block.map((b) => b.length)),
      }),
    );
  };

  const byMonth = Array.from({ length: MONTHS }, (_, m) =>
    sumOre(rows.map((row) => rowAmounts(row)[m] ?? ore(0))),
  );
  const grand = sumOre(rows.map(rowTotal));

  return (
    <div className="ap-grid-wrap">
      <table className="table ap-grid" ref={table}>
        <caption className="ap-caption">
          {label}
          <span className="ap-sr"> {t('actionPlans.grid.label')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <abbr title={t('actionPlans.fields.areaTitle')}>nr.</abbr>
            </th>
            {Array.from({ length: MONTHS }, (_, m) => (
              <th scope="col" key={m} className="num">
                <abbr title={monthName(m)}>{monthShort(m)}</abbr>
              </th>
            ))}
            <th scope="col" className="num">
              {t('actionPlans.table.total')}
            </th>
            {showTargets && (
              <>
                <th scope="col" className="num">
                  {t('actionPlans.table.target')}
                </th>
                <th scope="col">{t('actionPlans.table.difference')}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const difference = showTargets ? rowDifference(row) : null;
            const isOff = difference !== null && difference !== 0;
            return (
              <tr key={row.key} className={isOff ? 'ap-row-off' : undefined}>
                <th scope="row">{row.number}</th>
                {row.cells.map((text, c) => {
                  const invalid = !parseCell(text).ok;
                  return (
                    <td key={c} className="num">
                      <input
                        className="ap-cell"
                        inputMode="decimal"
                        aria-label={t('actionPlans.grid.cell', {
                          number: row.number,
                          month: monthName(c),
                        })}
                        aria-invalid={invalid || undefined}
                        data-row={r}
                        data-col={c}
                        value={text}
                        onChange={(e) => setCell(r, c, e.target.value)}
                        onKeyDown={(e) => onKeyDown(e, r, c)}
                        onPaste={(e) => onPaste(e, r, c)}
                        onFocus={(e) => e.target.select()}
                        onBlur={() => {
                          const parsed = parseCell(text);
                          const shown =
                            parsed.ok && text.trim() !== '' ? formatKroner(parsed.value) : text;
                          if (shown !== text) setCell(r, c, shown);
                        }}
                      />
                    </td>
                  );
                })}
                <td className="num ap-total" data-testid={`row-total-${row.number}`}>
                  {formatKroner(rowTotal(row))}
                </td>
                {showTargets && (
                  <>
                    <td className="num">{row.target}</td>
                    <td>
                      {isOff && difference !== null && (
                        <div className="ap-diff">
                          <span>
                            {difference < 0
                              ? t('actionPlans.grid.mismatch', {
                                  difference: formatKroner(ore(0 - difference)),
                                })
                              : t('actionPlans.grid.excess', {
                                  difference: formatKroner(difference),
                                })}
                          </span>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={t('actionPlans.actions.spreadArea', { number: row.number })}
                            onClick={() =>
                              onChange(rows.map((x, i) => (i === r ? spreadRow(x) : x)))
                            }
                          >
                            {t('actionPlans.actions.spread')}
                          </button>
                        </div>
                      )}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('actionPlans.table.totalRow')}</th>
            {byMonth.map((v, m) => (
              <td key={m} className="num ap-total" data-testid={`month-total-${m}`}>
                {v === 0 ? '' : formatKroner(v)}
              </td>
            ))}
            <td className="num ap-total" data-testid="grand-total">
              {formatKroner(grand)}
            </td>
            {showTargets && <td colSpan={2} />}
          </tr>
        </tfoot>
      </table>
      <p className="ap-sr" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

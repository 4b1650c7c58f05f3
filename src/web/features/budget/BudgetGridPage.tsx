import { useState, type ClipboardEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { parseKronerText, toKroner } from '../../../domain/money';
import { danishDate, kr, today } from '../../format';
import type { Budget, BudgetLine } from '../../../shared/schemas/budget';
import { ScrollRegion } from '../../components/ScrollRegion';
import {
  AmountField,
  DateField,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/forms';

type Cell = 'original' | 'transfer';
type Draft = Record<string, Partial<Record<Cell, string>>>;

const danish = (n: number) => kr(n);

/** /budget/budgetter — the budget grid: edit or paste from Excel, import rows, correct with a reason. */
export function BudgetGridPage() {
  const { t } = useTranslation();
  const mayWrite = useCan('budget.write');
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const { data, error, reload } = useApi<Budget>(`/budgets/${year}`);
  const org = useApi<{ units: { id: string; name: string }[] }>('/organisation');
  const [draft, setDraft] = useState<Draft>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [paste, setPaste] = useState('');
  const [correcting, setCorrecting] = useState<BudgetLine | null>(null);
  const [newLine, setNewLine] = useState({ unitId: '', accountFunction: '5.28.21' });

  const lines = data?.lines ?? [];
  const setCell = (id: string, cell: Cell, value: string) =>
    setDraft((d) => ({ ...d, [id]: { ...d[id], [cell]: value } }));
  /** What a cell shows: the user's edit, else the stored amount in Danish format. */
  const cellValue = (l: BudgetLine, cell: Cell) => draft[l.id]?.[cell] ?? danish(l[cell]);

  /** A block pasted from Excel fills this cell and the ones below (and to the right on tabs). */
  const onPaste = (rowIndex: number, cell: Cell) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const rows = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    rows.forEach((row, i) => {
      const target = lines[rowIndex + i];
      if (!target) return;
      const cells = row.split('\t');
      setCell(target.id, cell, cells[0] ?? '');
      if (cell === 'original' && cells[1] !== undefined) setCell(target.id, 'transfer', cells[1]);
    });
  };

  const save = async () => {
    setFailure(null);
    setMessage('');
    const body = [];
    for (const l of lines) {
      if (!draft[l.id]) continue;
      const o = parseKronerText(cellValue(l, 'original'));
      const transferText = cellValue(l, 'transfer');
      const tr = parseKronerText(transferText === '' ? '0' : transferText);
      if (!o.ok || !tr.ok) {
        setFailure(
          new Error(`${l.unitName} ${l.accountFunction}: ${t('budget.budgets.invalidAmount')}`),
        );
        return;
      }
      if (toKroner(o.value) !== l.original || toKroner(tr.value) !== l.transfer) {
        body.push({
          unitId: l.unitId,
          accountFunction: l.accountFunction,
          original: toKroner(o.value),
          transfer: toKroner(tr.value),
          version: l.version,
        });
      }
    }
    if (body.length === 0) return;
    try {
      await api(`/budgets/${year}`, { method: 'PUT', body: { lines: body } });
      setDraft({});
      setMessage(t('budget.budgets.saved'));
      reload();
    } catch (err) {
      setFailure(err);
    }
  };

  const addLine = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      await api(`/budgets/${year}`, {
        method: 'PUT',
        body: { lines: [{ ...newLine, original: 0, transfer: 0 }] },
      });
      reload();
    } catch (err) {
      setFailure(err);
    }
  };

  const importRows = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setMessage('');
    try {
      await api(`/budgets/${year}/import`, { method: 'POST', body: { text: paste } });
      setPaste('');
      setMessage(t('budget.budgets.saved'));
      reload();
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <>
      <h1 id="budget-grid-title">
        {t('budget.budgets.title')} {year}
      </h1>
      <form className="budget-filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('budget.filters.legend')}</legend>
          <TextField
            label={t('budget.filters.year')}
            type="number"
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
          />
        </fieldset>
      </form>
      <ErrorMessage error={error ?? failure} />
      {message && <p role="status">{message}</p>}
      {data && lines.length === 0 && <p>{t('budget.budgets.none')}</p>}
      {lines.length > 0 && (
        <ScrollRegion labelledBy="budget-grid-title">
          <table className="table budget-grid">
            <thead>
              <tr>
                <th scope="col">{t('budget.cols.unit')}</th>
                <th scope="col">{t('budget.cols.function')}</th>
                <th scope="col" className="num">
                  {t('budget.budgets.original')}
                </th>
                <th scope="col" className="num">
                  {t('budget.budgets.transfer')}
                </th>
                <th scope="col" className="num">
                  {t('budget.budgets.corrections')}
                </th>
                <th scope="col" className="num">
                  {t('budget.budgets.corrected')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('budget.budgets.correct')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => {
                const name = `${l.unitName} ${l.accountFunction}`;
                return (
                  <tr key={l.id}>
                    <th scope="row">{l.unitName}</th>
                    <td>
                      {l.accountFunction}{' '}
                      {data?.accountFunctions.find((f) => f.code === l.accountFunction)?.name}
                    </td>
                    {(['original', 'transfer'] as const).map((cell) => (
                      <td key={cell} className="num">
                        {mayWrite ? (
                          <input
                            aria-label={`${t(`budget.budgets.${cell}`)} – ${name}`}
                            inputMode="decimal"
                            value={cellValue(l, cell)}
                            onChange={(e) => setCell(l.id, cell, e.target.value)}
                            onPaste={onPaste(i, cell)}
                          />
                        ) : (
                          cellValue(l, cell)
                        )}
                      </td>
                    ))}
                    <td className="num">
                      {kr(l.corrections.reduce((s, c) => s + c.amount, 0))}
                      {l.corrections.length > 0 && (
                        <ul className="muted">
                          {l.corrections.map((c) => (
                            <li key={c.id}>
                              {danishDate(c.date)}: {kr(c.amount)} – {c.reason}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="num">{kr(l.corrected)}</td>
                    <td>
                      {mayWrite && (
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => setCorrecting(l)}
                        >
                          {t('budget.budgets.correct')}
                          <span className="sr-only"> {name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {mayWrite && lines.length > 0 && (
        <p>
          <button type="button" className="button-primary" onClick={() => void save()}>
            {t('budget.budgets.save')}
          </button>
        </p>
      )}
      {correcting && (
        <CorrectionForm
          line={correcting}
          onDone={() => {
            setCorrecting(null);
            reload();
          }}
        />
      )}
      {mayWrite && (
        <>
          <form className="budget-form" onSubmit={(e) => void addLine(e)}>
            <fieldset>
              <legend>{t('budget.budgets.newLine')}</legend>
              <SelectField
                label={t('budget.cols.unit')}
                value={newLine.unitId}
                onChange={(e) => setNewLine({ ...newLine, unitId: e.target.value })}
              >
                <option value="" />
                {org.data?.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('budget.cols.function')}
                value={newLine.accountFunction}
                onChange={(e) => setNewLine({ ...newLine, accountFunction: e.target.value })}
              >
                {data?.accountFunctions.map((f) => (
                  <option key={f.code} value={f.code}>
                    {f.code} {f.name}
                  </option>
                ))}
              </SelectField>
              <button type="submit" className="button-secondary" disabled={!newLine.unitId}>
                {t('budget.budgets.add')}
              </button>
            </fieldset>
          </form>
          <form className="budget-form" onSubmit={(e) => void importRows(e)}>
            <fieldset>
              <legend>{t('budget.budgets.pasteTitle')}</legend>
              <p className="muted budget-wide">{t('budget.budgets.pasteHelp')}</p>
              <TextAreaField
                label={t('budget.budgets.pasteLabel')}
                frameClassName="budget-wide"
                rows={6}
                value={paste}
                onChange={(e) => setPaste(e.target.value)}
              />
              <button type="submit" className="button-primary" disabled={paste.trim() === ''}>
                {t('budget.budgets.import')}
              </button>
            </fieldset>
          </form>
        </>
      )}
    </>
  );
}

function CorrectionForm({ line, onDone }: { line: BudgetLine; onDone: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const parsed = parseKronerText(amount);
    if (!parsed.ok) {
      setFailure(new Error(t('budget.budgets.invalidAmount')));
      return;
    }
    try {
      await api(`/budget-lines/${line.id}/corrections`, {
        method: 'POST',
        body: { date, amount: toKroner(parsed.value), reason, version: line.version },
      });
      onDone();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <form className="budget-form" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>
          {t('budget.budgets.correctTitle', { line: `${line.unitName} ${line.accountFunction}` })}
        </legend>
        <DateField label={t('budget.budgets.date')} value={date} onValue={setDate} />
        <AmountField label={t('budget.budgets.amount')} value={amount} onValue={setAmount} />
        <TextField
          label={t('budget.budgets.reason')}
          frameClassName="budget-wide"
          value={reason}
          onValue={setReason}
        />
        <button type="submit" className="button-primary">
          {t('budget.budgets.saveCorrection')}
        </button>
      </fieldset>
      <ErrorMessage error={failure} />
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { kr, query, today } from '../../format';
import { SelectField, TextField } from '../../components/forms';
import type { Backtest, BacktestAccuracy } from '../../../shared/schemas/forecast';
import { BACKTEST_METHODS } from '../../../domain/forecast/backtest';

const METHODS = BACKTEST_METHODS;

function AccuracyTable({ caption, acc }: { caption: string; acc: BacktestAccuracy }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('budget.backtest.methodCol')}</th>
          <th scope="col" className="num">
            {t('budget.backtest.mae')}
          </th>
          <th scope="col" className="num">
            {t('budget.backtest.maePercent')}
          </th>
        </tr>
      </thead>
      <tbody>
        {METHODS.map((m) => (
          <tr key={m}>
            <th scope="row">
              {t(`budget.backtest.methods.${m}`)}{' '}
              {acc.best === m && <strong>({t('budget.backtest.best')})</strong>}
            </th>
            <td className="num">{kr(acc.methods[m].mae)}</td>
            <td className="num">
              {acc.methods[m].maePercent === null
                ? '–'
                : `${String(acc.methods[m].maePercent).replace('.', ',')} %`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /budget/traefsikkerhed — the backtest: forecasts at earlier follow-ups against final accounts. */
export function BacktestPage() {
  const { t } = useTranslation();
  const initial = {
    beforeYear: today().slice(0, 4),
    backtestYears: '8',
    months: '3,5,8,10',
    method: 'mean',
    years: '3',
    factorPercent: '100',
  };
  const [form, setForm] = useState(initial);
  const [shown, setShown] = useState(initial);
  const { data, error } = useApi<Backtest>(`/forecast/backtest?${query(shown)}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(form);
  };
  const field = (key: keyof typeof form, label: string) => (
    <TextField
      label={label}
      value={form[key]}
      onValue={(value) => setForm({ ...form, [key]: value })}
    />
  );
  const beats = data
    ? data.overall.methods.forecast.mae < data.overall.methods.runRate.mae &&
      data.overall.methods.forecast.mae < data.overall.methods.commitmentsOnly.mae
    : false;
  return (
    <>
      <h1>{t('budget.backtest.title')}</h1>
      <p>{t('budget.backtest.intro')}</p>
      <form className="budget-filters" onSubmit={submit}>
        <fieldset>
          <legend>{t('budget.filters.legend')}</legend>
          {field('beforeYear', t('budget.backtest.beforeYear'))}
          {field('months', t('budget.backtest.months'))}
          <SelectField
            label={t('budget.filters.method')}
            value={form.method}
            onChange={(e) => setForm({ ...form, method: e.target.value })}
          >
            {['mean', 'median', 'ratio', 'none'].map((m) => (
              <option key={m} value={m}>
                {t(`budget.methods.${m}`)}
              </option>
            ))}
          </SelectField>
          {field('years', t('budget.filters.years'))}
          {field('factorPercent', t('budget.filters.factor'))}
          <button type="submit" className="button-primary">
            {t('budget.filters.show')}
          </button>
        </fieldset>
      </form>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {data && (
        <>
          <p>{t('budget.backtest.years', { years: data.years.join(', ') })}</p>
          <p role="status">
            <strong>{beats ? t('budget.backtest.beats') : t('budget.backtest.notBeats')}</strong>{' '}
            {t('budget.backtest.verdict')}
          </p>
          <AccuracyTable caption={t('budget.backtest.overall')} acc={data.overall} />
          <h2>{t('budget.backtest.perUnit')}</h2>
          {data.units.map((u) => (
            <AccuracyTable key={u.unitId} caption={u.unitName} acc={u} />
          ))}
        </>
      )}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseKronerText, toKroner } from '../../../domain/money';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useApi } from '../../use-api';
import { danishDate, kr } from '../../format';

interface Rate {
  code: string;
  name: string;
  source: string | null;
  periods: { from: string; to: string | null; amount: number }[];
  version: number;
}
interface Thresholds {
  validFrom: string;
  t25: number;
  t50: number;
  t75: number;
  source: string;
  version: number;
}

/** Kroner typed the Danish way as a JSON number; text that is no amount is sent as typed. */
function kroner(text: string): number | string {
  const r = parseKronerText(text);
  return r.ok ? toKroner(r.value) : text;
}

const amountText = (n: number) => String(n).replace('.', ',');

/** /sager/takster — dated rates (e.g. KL's foster-family fee units) and reimbursement thresholds. */
export function RatesPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const mayRates = may(user, 'case.import');
  const mayThresholds = may(user, 'settings.write');
  return (
    <>
      <h1>{t('cases.rates.title')}</h1>
      <p>{t('cases.rates.intro')}</p>
      <RatesSection editable={mayRates} />
      <ThresholdsSection editable={mayThresholds} />
    </>
  );
}

function RatesSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<Rate[]>('/cases/rates');
  const empty = {
    code: '',
    name: '',
    source: '',
    periods: [{ from: '', to: '', amount: '' }],
    version: null as number | null,
  };
  const [form, setForm] = useState(empty);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const edit = (r: Rate) =>
    setForm({
      code: r.code,
      name: r.name,
      source: r.source ?? '',
      periods: r.periods.map((p) => ({
        from: p.from,
        to: p.to ?? '',
        amount: amountText(p.amount),
      })),
      version: r.version,
    });
  const setPeriod = (k: number, field: 'from' | 'to' | 'amount') => (v: string) =>
    setForm((f) => ({
      ...f,
      periods: f.periods.map((p, i) => (i === k ? { ...p, [field]: v } : p)),
    }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(null);
    setMessage('');
    try {
      await api(`/cases/rates/${encodeURIComponent(form.code.trim())}`, {
        method: 'PUT',
        body: {
          name: form.name,
          source: form.source || null,
          periods: form.periods.map((p) => ({
            from: p.from,
            to: p.to || null,
            amount: kroner(p.amount),
          })),
          ...(form.version === null ? {} : { version: form.version }),
        },
      });
      setMessage(t('cases.rates.saved', { code: form.code.trim() }));
      setForm(empty);
      reload();
    } catch (err) {
      setSaveError(err);
    }
  };
  return (
    <section aria-labelledby="rates-title">
      <h2 id="rates-title">{t('cases.rates.rates')}</h2>
      <ErrorMessage error={error} />
      {data && data.length === 0 && <p>{t('cases.rates.none')}</p>}
      {data && data.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('cases.rates.code')}</th>
              <th scope="col">{t('cases.rates.name')}</th>
              <th scope="col">{t('cases.rates.periods')}</th>
              <th scope="col">{t('cases.rates.source')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('cases.rates.edit')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.code}</th>
                <td>{r.name}</td>
                <td>
                  <ul className="plain">
                    {r.periods.map((p) => (
                      <li key={p.from}>
                        {danishDate(p.from)}–{p.to ? danishDate(p.to) : t('cases.rates.open')}:{' '}
                        {kr(p.amount)} kr.
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{r.source}</td>
                {editable && (
                  <td>
                    <button type="button" className="button-secondary" onClick={() => edit(r)}>
                      {t('cases.rates.edit')}
                      <span className="visually-hidden"> {r.code}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form
          className="intervention-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('cases.rates.enterRate')}
        >
          <h3>{t('cases.rates.enterRate')}</h3>
          <ErrorMessage error={saveError} />
          {message && (
            <p role="status" className="alert alert-ok">
              {message}
            </p>
          )}
          {form.version !== null && (
            <p className="field-hint">{t('cases.rates.editingRate', { code: form.code })}</p>
          )}
          <fieldset>
            <legend>{t('cases.rates.rate')}</legend>
            <TextField
              label={t('cases.rates.code')}
              value={form.code}
              readOnly={form.version !== null}
              required
              onValue={(v) => setForm((f) => ({ ...f, code: v }))}
            />
            <TextField
              label={t('cases.rates.name')}
              value={form.name}
              required
              onValue={(v) => setForm((f) => ({ ...f, name: v }))}
            />
            <TextField
              label={t('cases.rates.source')}
              value={form.source}
              onValue={(v) => setForm((f) => ({ ...f, source: v }))}
            />
          </fieldset>
          {form.periods.map((p, k) => (
            <fieldset key={k}>
              <legend>{t('cases.rates.period', { n: k + 1 })}</legend>
              <TextField
                label={t('cases.rates.from')}
                type="date"
                value={p.from}
                required
                onValue={setPeriod(k, 'from')}
              />
              <TextField
                label={t('cases.rates.to')}
                type="date"
                value={p.to}
                onValue={setPeriod(k, 'to')}
              />
              <TextField
                label={t('cases.rates.amount')}
                value={p.amount}
                required
                onValue={setPeriod(k, 'amount')}
              />
            </fieldset>
          ))}
          <div className="actions">
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                setForm((f) => ({
                  ...f,
                  periods: [...f.periods, { from: '', to: '', amount: '' }],
                }))
              }
            >
              {t('cases.rates.addPeriod')}
            </button>
            <button type="submit" className="button-primary">
              {t('cases.rates.saveRate')}
            </button>
            {form.version !== null && (
              <button type="button" className="button-secondary" onClick={() => setForm(empty)}>
                {t('cases.rates.cancelEdit')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

function ThresholdsSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<Thresholds[]>('/commitments/reimbursement-thresholds');
  const empty = {
    validFrom: '',
    t25: '',
    t50: '',
    t75: '',
    source: '',
    version: null as number | null,
  };
  const [form, setForm] = useState(empty);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const edit = (r: Thresholds) =>
    setForm({
      validFrom: r.validFrom,
      t25: amountText(r.t25),
      t50: amountText(r.t50),
      t75: amountText(r.t75),
      source: r.source,
      version: r.version,
    });
  const set = (k: Exclude<keyof typeof form, 'version'>) => (v: string) =>
    setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(null);
    setMessage('');
    try {
      await api('/commitments/reimbursement-thresholds', {
        method: 'PUT',
        body: {
          validFrom: form.validFrom,
          t25: kroner(form.t25),
          t50: kroner(form.t50),
          t75: kroner(form.t75),
          source: form.source,
          ...(form.version === null ? {} : { version: form.version }),
        },
      });
      setMessage(t('cases.rates.thresholdsSaved', { date: danishDate(form.validFrom) }));
      setForm(empty);
      reload();
    } catch (err) {
      setSaveError(err);
    }
  };
  return (
    <section aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">{t('cases.rates.thresholds')}</h2>
      <ErrorMessage error={error} />
      {data && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('cases.rates.validFrom')}</th>
              <th scope="col" className="num">
                25 %
              </th>
              <th scope="col" className="num">
                50 %
              </th>
              <th scope="col" className="num">
                75 %
              </th>
              <th scope="col">{t('cases.rates.source')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('cases.rates.edit')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.validFrom}>
                <th scope="row">{danishDate(r.validFrom)}</th>
                <td className="num">{kr(r.t25)}</td>
                <td className="num">{kr(r.t50)}</td>
                <td className="num">{kr(r.t75)}</td>
                <td>{r.source}</td>
                {editable && (
                  <td>
                    <button type="button" className="button-secondary" onClick={() => edit(r)}>
                      {t('cases.rates.edit')}
                      <span className="visually-hidden"> {danishDate(r.validFrom)}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form
          className="intervention-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('cases.rates.enterThresholds')}
        >
          <h3>{t('cases.rates.enterThresholds')}</h3>
          <ErrorMessage error={saveError} />
          {message && (
            <p role="status" className="alert alert-ok">
              {message}
            </p>
          )}
          {form.version !== null && (
            <p className="field-hint">
              {t('cases.rates.editingThresholds', { date: danishDate(form.validFrom) })}
            </p>
          )}
          <fieldset>
            <legend>{t('cases.rates.thresholds')}</legend>
            <TextField
              label={t('cases.rates.validFrom')}
              type="date"
              value={form.validFrom}
              readOnly={form.version !== null}
              required
              onValue={set('validFrom')}
            />
            <TextField
              label={t('cases.rates.t25')}
              value={form.t25}
              required
              onValue={set('t25')}
            />
            <TextField
              label={t('cases.rates.t50')}
              value={form.t50}
              required
              onValue={set('t50')}
            />
            <TextField
              label={t('cases.rates.t75')}
              value={form.t75}
              required
              onValue={set('t75')}
            />
            <TextField
              label={t('cases.rates.source')}
              value={form.source}
              required
              onValue={set('source')}
            />
          </fieldset>
          <div className="actions">
            <button type="submit" className="button-primary">
              {t('cases.rates.saveThresholds')}
            </button>
            {form.version !== null && (
              <button type="button" className="button-secondary" onClick={() => setForm(empty)}>
                {t('cases.rates.cancelEdit')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { danishDate, kr } from '../../format';
import {
  amountForApi,
  AmountField,
  DateField,
  TextField,
  VersionedEditForm,
} from '../../components/forms';

interface Rate {
  code: string;
  name: string;
  source: string | null;
  periods: { from: string | null; to: string | null; amount: number }[];
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
  const edit = (r: Rate) =>
    setForm({
      code: r.code,
      name: r.name,
      source: r.source ?? '',
      periods: r.periods.map((p) => ({
        from: p.from ?? '',
        to: p.to ?? '',
        amount: kr(p.amount),
      })),
      version: r.version,
    });
  const setPeriod = (k: number, field: 'from' | 'to' | 'amount') => (v: string) =>
    setForm((f) => ({
      ...f,
      periods: f.periods.map((p, i) => (i === k ? { ...p, [field]: v } : p)),
    }));
  const save = async () => {
    await api(`/cases/rates/${encodeURIComponent(form.code.trim())}`, {
      method: 'PUT',
      body: {
        name: form.name,
        source: form.source || null,
        periods: form.periods.map((p) => ({
          from: p.from || null,
          to: p.to || null,
          amount: amountForApi(p.amount),
        })),
        ...(form.version === null ? {} : { version: form.version }),
      },
    });
    setForm(empty);
    reload();
    return t('cases.rates.saved', { code: form.code.trim() });
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
                      <li key={p.from ?? ''}>
                        {p.from ? danishDate(p.from) : t('cases.rates.openStart')}–
                        {p.to ? danishDate(p.to) : t('cases.rates.open')}: {kr(p.amount)} kr.
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
        <VersionedEditForm
          title={t('cases.rates.enterRate')}
          headingLevel={3}
          record={form.version === null ? null : form.code}
          note={form.version !== null && t('cases.rates.editingRate', { code: form.code })}
          submitLabel={t('cases.rates.saveRate')}
          onSave={save}
          onCancel={form.version !== null ? () => setForm(empty) : undefined}
          cancelLabel={t('cases.rates.cancelEdit')}
          onReload={reload}
          actions={
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
          }
        >
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
              <DateField
                label={t('cases.rates.from')}
                value={p.from}
                hint={t('cases.rates.fromHint')}
                onValue={setPeriod(k, 'from')}
              />
              <DateField label={t('cases.rates.to')} value={p.to} onValue={setPeriod(k, 'to')} />
              <AmountField
                label={t('cases.rates.amount')}
                value={p.amount}
                required
                onValue={setPeriod(k, 'amount')}
              />
            </fieldset>
          ))}
        </VersionedEditForm>
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
  const edit = (r: Thresholds) =>
    setForm({
      validFrom: r.validFrom,
      t25: kr(r.t25),
      t50: kr(r.t50),
      t75: kr(r.t75),
      source: r.source,
      version: r.version,
    });
  const set = (k: Exclude<keyof typeof form, 'version'>) => (v: string) =>
    setForm((f) => ({ ...f, [k]: v }));
  const save = async () => {
    await api('/commitments/reimbursement-thresholds', {
      method: 'PUT',
      body: {
        validFrom: form.validFrom,
        t25: amountForApi(form.t25),
        t50: amountForApi(form.t50),
        t75: amountForApi(form.t75),
        source: form.source,
        ...(form.version === null ? {} : { version: form.version }),
      },
    });
    setForm(empty);
    reload();
    return t('cases.rates.thresholdsSaved', { date: danishDate(form.validFrom) });
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
        <VersionedEditForm
          title={t('cases.rates.enterThresholds')}
          headingLevel={3}
          record={form.version === null ? null : form.validFrom}
          note={
            form.version !== null &&
            t('cases.rates.editingThresholds', { date: danishDate(form.validFrom) })
          }
          submitLabel={t('cases.rates.saveThresholds')}
          onSave={save}
          onCancel={form.version !== null ? () => setForm(empty) : undefined}
          cancelLabel={t('cases.rates.cancelEdit')}
          onReload={reload}
        >
          <fieldset>
            <legend>{t('cases.rates.thresholds')}</legend>
            <DateField
              label={t('cases.rates.validFrom')}
              value={form.validFrom}
              readOnly={form.version !== null}
              required
              onValue={set('validFrom')}
            />
            <AmountField
              label={t('cases.rates.t25')}
              value={form.t25}
              required
              onValue={set('t25')}
            />
            <AmountField
              label={t('cases.rates.t50')}
              value={form.t50}
              required
              onValue={set('t50')}
            />
            <AmountField
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
        </VersionedEditForm>
      )}
    </section>
  );
}

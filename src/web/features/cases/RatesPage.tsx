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
  RecordTable,
  TextField,
  useRecordForm,
  VersionedEditForm,
} from '../../components/forms';
import type { Rate, Thresholds } from '../../../shared/schemas/rates';

const rateForm = (r: Rate) => ({
  code: r.code,
  name: r.name,
  source: r.source ?? '',
  periods: r.periods.map((p) => ({ from: p.from ?? '', to: p.to ?? '', amount: kr(p.amount) })),
  version: r.version as number | null,
});

const thresholdsForm = (r: Thresholds) => ({
  validFrom: r.validFrom,
  t25: kr(r.t25),
  t50: kr(r.t50),
  t75: kr(r.t75),
  source: r.source,
  version: r.version ?? null,
});

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
  const { form, set, setForm, edit, reset, isEditing, formActions } = useRecordForm(empty, {
    latest: (f) => {
      const r = data?.find((r) => r.code === f.code);
      return r && rateForm(r);
    },
    reload,
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
    reset();
    reload();
    return t('cases.rates.saved', { code: form.code.trim() });
  };
  return (
    <section aria-labelledby="rates-title">
      <h2 id="rates-title">{t('cases.rates.rates')}</h2>
      <ErrorMessage error={error} />
      {data && data.length === 0 && <p>{t('cases.rates.none')}</p>}
      {data && data.length > 0 && (
        <RecordTable
          records={data}
          recordKey={(r) => r.code}
          columns={[
            { header: t('cases.rates.code'), cell: (r) => r.code, isRowHeader: true },
            { header: t('cases.rates.name'), cell: (r) => r.name },
            {
              header: t('cases.rates.periods'),
              cell: (r) => (
                <ul className="plain">
                  {r.periods.map((p) => (
                    <li key={p.from ?? ''}>
                      {p.from ? danishDate(p.from) : t('cases.rates.openStart')}–
                      {p.to ? danishDate(p.to) : t('cases.rates.open')}: {kr(p.amount)} kr.
                    </li>
                  ))}
                </ul>
              ),
            },
            { header: t('cases.rates.source'), cell: (r) => r.source },
          ]}
          edit={
            editable
              ? {
                  label: t('cases.rates.edit'),
                  name: (r) => r.code,
                  onEdit: (r) => edit(rateForm(r)),
                }
              : undefined
          }
        />
      )}
      {editable && (
        <VersionedEditForm
          title={t('cases.rates.enterRate')}
          headingLevel={3}
          record={isEditing ? form.code : null}
          note={isEditing && t('cases.rates.editingRate', { code: form.code })}
          submitLabel={t('cases.rates.saveRate')}
          onSave={save}
          {...formActions}
          cancelLabel={t('cases.rates.cancelEdit')}
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
              readOnly={isEditing}
              required
              onValue={set('code')}
            />
            <TextField
              label={t('cases.rates.name')}
              value={form.name}
              required
              onValue={set('name')}
            />
            <TextField
              label={t('cases.rates.source')}
              value={form.source}
              onValue={set('source')}
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
  const { form, set, edit, reset, isEditing, formActions } = useRecordForm(empty, {
    latest: (f) => {
      const r = data?.find((r) => r.validFrom === f.validFrom);
      return r && thresholdsForm(r);
    },
    reload,
  });
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
    reset();
    reload();
    return t('cases.rates.thresholdsSaved', { date: danishDate(form.validFrom) });
  };
  return (
    <section aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">{t('cases.rates.thresholds')}</h2>
      <ErrorMessage error={error} />
      {data && (
        <RecordTable
          records={data}
          recordKey={(r) => r.validFrom}
          columns={[
            {
              header: t('cases.rates.validFrom'),
              cell: (r) => danishDate(r.validFrom),
              isRowHeader: true,
            },
            { header: '25 %', cell: (r) => kr(r.t25), isNumber: true },
            { header: '50 %', cell: (r) => kr(r.t50), isNumber: true },
            { header: '75 %', cell: (r) => kr(r.t75), isNumber: true },
            { header: t('cases.rates.source'), cell: (r) => r.source },
          ]}
          edit={
            editable
              ? {
                  label: t('cases.rates.edit'),
                  name: (r) => danishDate(r.validFrom),
                  onEdit: (r) => edit(thresholdsForm(r)),
                }
              : undefined
          }
        />
      )}
      {editable && (
        <VersionedEditForm
          title={t('cases.rates.enterThresholds')}
          headingLevel={3}
          record={isEditing ? form.validFrom : null}
          note={
            isEditing && t('cases.rates.editingThresholds', { date: danishDate(form.validFrom) })
          }
          submitLabel={t('cases.rates.saveThresholds')}
          onSave={save}
          {...formActions}
          cancelLabel={t('cases.rates.cancelEdit')}
        >
          <fieldset>
            <legend>{t('cases.rates.thresholds')}</legend>
            <DateField
              label={t('cases.rates.validFrom')}
              value={form.validFrom}
              readOnly={isEditing}
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

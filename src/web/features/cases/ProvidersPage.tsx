import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useApi } from '../../use-api';
import type { ProviderJson } from '../../../shared/schemas/providers';

interface FormState {
  id: string | null;
  name: string;
  cvr: string;
  external: 'true' | 'false';
  version: number | null;
}

const EMPTY: FormState = { id: null, name: '', cvr: '', external: 'true', version: null };

/**
 * /sager/leverandoerer — the provider register: everyone who reads cases or commitments sees
 * it; those who keep the rates (`case.import`) create and change providers.
 */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const editable = may(user, 'case.import');
  const { data, error, reload } = useApi<ProviderJson[]>('/providers');
  const [form, setForm] = useState<FormState>(EMPTY);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const edit = (p: ProviderJson) => {
    setSaveError(null);
    setMessage('');
    setForm({
      id: p.id,
      name: p.name,
      cvr: p.cvr ?? '',
      external: p.external ? 'true' : 'false',
      version: p.version,
    });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(null);
    setMessage('');
    const body = { name: form.name, cvr: form.cvr || null, external: form.external === 'true' };
    try {
      const saved =
        form.id === null
          ? await api<ProviderJson>('/providers', { method: 'POST', body })
          : await api<ProviderJson>(`/providers/${form.id}`, {
              method: 'PUT',
              body: { ...body, version: form.version },
            });
      setMessage(t('providers.saved', { name: saved.name }));
      setForm(EMPTY);
      reload();
    } catch (err) {
      setSaveError(err);
    }
  };
  const kind = (external: boolean) => t(external ? 'providers.external' : 'providers.internal');
  return (
    <>
      <h1>{t('providers.title')}</h1>
      <p>{t('providers.intro')}</p>
      <ErrorMessage error={error} />
      {data && data.length === 0 && <p>{t('providers.none')}</p>}
      {data && data.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('providers.name')}</th>
              <th scope="col">{t('providers.cvr')}</th>
              <th scope="col">{t('providers.kind')}</th>
              <th scope="col">{t('providers.aliases')}</th>
              <th scope="col" className="num">
                {t('providers.interventions')}
              </th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('providers.edit')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{p.cvr ?? ''}</td>
                <td>{kind(p.external)}</td>
                <td>{p.aliases.join(', ')}</td>
                <td className="num">{p.interventions.toLocaleString('da-DK')}</td>
                {editable && (
                  <td>
                    <button type="button" className="button-secondary" onClick={() => edit(p)}>
                      {t('providers.edit')}
                      <span className="visually-hidden"> {p.name}</span>
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
          aria-label={
            form.id === null ? t('providers.create') : t('providers.editTitle', { name: form.name })
          }
        >
          <h2>
            {form.id === null
              ? t('providers.create')
              : t('providers.editTitle', {
                  name: data?.find((p) => p.id === form.id)?.name ?? form.name,
                })}
          </h2>
          <ErrorMessage error={saveError} />
          {message && (
            <p role="status" className="alert alert-ok">
              {message}
            </p>
          )}
          <TextField
            label={t('providers.name')}
            value={form.name}
            required
            onValue={(v) => setForm((f) => ({ ...f, name: v }))}
          />
          <TextField
            label={t('providers.cvr')}
            hint={t('providers.cvrHint')}
            value={form.cvr}
            inputMode="numeric"
            onValue={(v) => setForm((f) => ({ ...f, cvr: v }))}
          />
          <SelectField
            label={t('providers.kind')}
            value={form.external}
            options={[
              { value: 'true', label: t('providers.external') },
              { value: 'false', label: t('providers.internal') },
            ]}
            onValue={(v) => setForm((f) => ({ ...f, external: v === 'false' ? 'false' : 'true' }))}
          />
          <div className="actions">
            <button type="submit" className="button-primary">
              {t('providers.save')}
            </button>
            {form.id !== null && (
              <button type="button" className="button-secondary" onClick={() => setForm(EMPTY)}>
                {t('providers.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </>
  );
}

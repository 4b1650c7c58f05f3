import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { ProviderJson } from '../../../shared/schemas/providers';
import { SelectField, TextField, VersionedEditForm } from '../../components/forms';

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
  const { data, error, reload } = useApi<ProviderJson[]>('/providers', { fresh: true });
  const [form, setForm] = useState<FormState>(EMPTY);
  const edit = (p: ProviderJson) => {
    setForm({
      id: p.id,
      name: p.name,
      cvr: p.cvr ?? '',
      external: p.external ? 'true' : 'false',
      version: p.version,
    });
  };
  const save = async () => {
    const body = { name: form.name, cvr: form.cvr || null, external: form.external === 'true' };
    const saved =
      form.id === null
        ? await api<ProviderJson>('/providers', { method: 'POST', body })
        : await api<ProviderJson>(`/providers/${form.id}`, {
            method: 'PUT',
            body: { ...body, version: form.version },
          });
    setForm(EMPTY);
    reload();
    return t('providers.saved', { name: saved.name });
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
        <VersionedEditForm
          title={
            form.id === null
              ? t('providers.create')
              : t('providers.editTitle', {
                  name: data?.find((p) => p.id === form.id)?.name ?? form.name,
                })
          }
          record={form.id}
          submitLabel={t('providers.save')}
          onSave={save}
          onCancel={form.id !== null ? () => setForm(EMPTY) : undefined}
          cancelLabel={t('providers.cancel')}
          onReload={reload}
        >
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
        </VersionedEditForm>
      )}
    </>
  );
}

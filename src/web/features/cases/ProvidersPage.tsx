import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { ProviderJson } from '../../../shared/schemas/providers';
import {
  RecordTable,
  SelectField,
  TextField,
  useRecordForm,
  VersionedEditForm,
} from '../../components/forms';

interface FormState {
  id: string | null;
  name: string;
  cvr: string;
  external: 'true' | 'false';
  version: number | null;
}

const EMPTY: FormState = { id: null, name: '', cvr: '', external: 'true', version: null };

const formOf = (p: ProviderJson): FormState => ({
  id: p.id,
  name: p.name,
  cvr: p.cvr ?? '',
  external: p.external ? 'true' : 'false',
  version: p.version,
});

/**
 * /sager/leverandoerer — the provider register: everyone who reads cases or commitments sees
 * it; those who keep the rates (`case.import`) create and change providers.
 */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const editable = may(user, 'case.import');
  const { data, error, reload } = useApi<ProviderJson[]>('/providers', { fresh: true });
  const { form, set, edit, reset, isEditing, formActions } = useRecordForm(EMPTY, {
    latest: (f) => {
      const p = data?.find((p) => p.id === f.id);
      return p && formOf(p);
    },
    reload,
  });
  const save = async () => {
    const body = { name: form.name, cvr: form.cvr || null, external: form.external === 'true' };
    const saved =
      form.id === null
        ? await api<ProviderJson>('/providers', { method: 'POST', body })
        : await api<ProviderJson>(`/providers/${form.id}`, {
            method: 'PUT',
            body: { ...body, version: form.version },
          });
    reset();
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
        <RecordTable
          records={data}
          recordKey={(p) => p.id}
          columns={[
            { header: t('providers.name'), cell: (p) => p.name, isRowHeader: true },
            { header: t('providers.cvr'), cell: (p) => p.cvr ?? '' },
            { header: t('providers.kind'), cell: (p) => kind(p.external) },
            { header: t('providers.aliases'), cell: (p) => p.aliases.join(', ') },
            {
              header: t('providers.interventions'),
              cell: (p) => p.interventions.toLocaleString('da-DK'),
              isNumber: true,
            },
          ]}
          edit={
            editable
              ? {
                  label: t('providers.edit'),
                  name: (p) => p.name,
                  onEdit: (p) => edit(formOf(p)),
                }
              : undefined
          }
        />
      )}
      {editable && (
        <VersionedEditForm
          title={
            !isEditing
              ? t('providers.create')
              : t('providers.editTitle', {
                  name: data?.find((p) => p.id === form.id)?.name ?? form.name,
                })
          }
          record={form.id}
          submitLabel={t('providers.save')}
          onSave={save}
          {...formActions}
          cancelLabel={t('providers.cancel')}
        >
          <TextField label={t('providers.name')} value={form.name} required onValue={set('name')} />
          <TextField
            label={t('providers.cvr')}
            hint={t('providers.cvrHint')}
            value={form.cvr}
            inputMode="numeric"
            onValue={set('cvr')}
          />
          <SelectField
            label={t('providers.kind')}
            value={form.external}
            options={[
              { value: 'true', label: t('providers.external') },
              { value: 'false', label: t('providers.internal') },
            ]}
            onValue={(v) => set('external')(v === 'false' ? 'false' : 'true')}
          />
        </VersionedEditForm>
      )}
    </>
  );
}

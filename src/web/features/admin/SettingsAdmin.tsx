import { useTranslation } from 'react-i18next';
import { formatKroner, oreFromKroner, parseKronerText, toKroner } from '../../../domain/money';
import type { SettingsJson } from '../../../shared/schemas/organisation';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField, TextField, useRecordForm, VersionedEditForm } from '../../components/forms';
import { useApi } from '../../use-api';

/**
 * The municipality's name, the action-plan threshold (strictly greater triggers a plan) and the
 * day reviews are registered in Overblik from (empty: from the beginning).
 */
export function SettingsAdmin() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<SettingsJson>('/settings');
  if (data) return <SettingsForm settings={data} onSaved={reload} />;
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('admin.settings.heading')}</h2>
      <ErrorMessage error={error} />
    </section>
  );
}

function SettingsForm({ settings, onSaved }: { settings: SettingsJson; onSaved: () => void }) {
  const { t } = useTranslation();
  // read again after a save (or a conflict), the form takes the new version
  const { form, set } = useRecordForm({
    name: settings.municipalityName,
    threshold: formatKroner(oreFromKroner(settings.actionPlanThreshold)),
    reviewsFrom: settings.reviewsRegisteredFrom ?? '',
    version: settings.version,
  });

  const save = async () => {
    const amount = parseKronerText(form.threshold);
    if (!amount.ok) throw new Error(t('admin.settings.invalidAmount'));
    await api<SettingsJson>('/settings', {
      method: 'PUT',
      body: {
        municipalityName: form.name,
        actionPlanThreshold: toKroner(amount.value),
        reviewsRegisteredFrom: form.reviewsFrom || null,
        version: form.version,
      },
    });
    onSaved();
    return t('admin.settings.saved');
  };

  return (
    <VersionedEditForm
      className="edit-form admin-card"
      title={t('admin.settings.heading')}
      record="settings"
      noValidate
      submitLabel={t('admin.save')}
      onSave={save}
      onReload={onSaved}
    >
      <TextField
        label={t('admin.settings.municipalityName')}
        value={form.name}
        required
        onValue={set('name')}
      />
      <TextField
        label={t('admin.settings.threshold')}
        value={form.threshold}
        inputMode="decimal"
        hint={t('admin.settings.thresholdHint')}
        onValue={set('threshold')}
      />
      <DateField
        label={t('admin.settings.reviewsRegisteredFrom')}
        value={form.reviewsFrom}
        hint={t('admin.settings.reviewsRegisteredFromHint')}
        onValue={set('reviewsFrom')}
      />
    </VersionedEditForm>
  );
}

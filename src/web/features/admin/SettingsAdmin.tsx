import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKroner, ore, parseKronerText, toKroner } from '../../../domain/money';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { Status } from './fields';
import type { Settings } from './types';
import { DateField, TextField } from '../../components/forms';

/**
 * The municipality's name, the action-plan threshold (strictly greater triggers a plan) and the
 * day reviews are registered in Overblik from (empty: from the beginning).
 */
export function SettingsAdmin() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<Settings>('/settings');
  const [status, setStatus] = useState('');
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('admin.settings.heading')}</h2>
      <ErrorMessage error={error} />
      {status && <Status text={status} />}
      {data && (
        <SettingsForm
          key={data.version}
          settings={data}
          onSaved={() => {
            setStatus(t('admin.settings.saved'));
            reload();
          }}
        />
      )}
    </section>
  );
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(settings.municipalityName);
  const [threshold, setThreshold] = useState(
    formatKroner(ore(Math.round(settings.actionPlanThreshold * 100))),
  );
  const [reviewsFrom, setReviewsFrom] = useState(settings.reviewsRegisteredFrom ?? '');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const amount = parseKronerText(threshold);
    if (!amount.ok) {
      setError(new Error(t('admin.settings.invalidAmount')));
      return;
    }
    try {
      await api<Settings>('/settings', {
        method: 'PUT',
        body: {
          municipalityName: name,
          actionPlanThreshold: toKroner(amount.value),
          reviewsRegisteredFrom: reviewsFrom || null,
          version: settings.version,
        },
      });
      onSaved();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="admin-card" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label={t('admin.settings.municipalityName')}
        value={name}
        required
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label={t('admin.settings.threshold')}
        value={threshold}
        inputMode="decimal"
        hint={t('admin.settings.thresholdHint')}
        onChange={(e) => setThreshold(e.target.value)}
      />
      <DateField
        label={t('admin.settings.reviewsRegisteredFrom')}
        value={reviewsFrom}
        hint={t('admin.settings.reviewsRegisteredFromHint')}
        onValue={setReviewsFrom}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button-primary">
        {t('admin.save')}
      </button>
    </form>
  );
}

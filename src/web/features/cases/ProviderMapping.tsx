import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/forms';
import { useApi } from '../../use-api';
import type { ProviderJson } from '../../../shared/schemas/providers';

/**
 * The provider names an import's answer refused as unknown (`unknown_provider` at
 * `cases.N.interventions.M.provider.name`), each once, read from the document sent.
 */
export function unknownProviderValues(
  document: unknown,
  issues: readonly { path: string; code: string }[],
): string[] {
  const values = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unknown_provider') continue;
    const m = /^cases\.(\d+)\.interventions\.(\d+)\.provider\.name$/.exec(issue.path);
    if (!m) continue;
    const doc = document as {
      cases?: { interventions?: { provider?: { name?: unknown } }[] }[];
    };
    const name = doc.cases?.[Number(m[1])]?.interventions?.[Number(m[2])]?.provider?.name;
    if (typeof name === 'string' && name.trim() !== '') values.add(name);
  }
  return [...values];
}

/**
 * Maps each provider name an import did not know to a registered provider: the choices are
 * remembered as other spellings of those providers (so the next import knows them), then the
 * import is sent again. A name is never registered as a new provider here.
 */
export function ProviderMapping(props: { values: string[]; onMapped: () => Promise<void> }) {
  const { t } = useTranslation();
  const providers = useApi<ProviderJson[]>('/providers').data ?? [];
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (props.values.length === 0) return null;
  const complete = props.values.every((v) => choice[v]);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const value of props.values) {
        await api(`/providers/${choice[value] ?? ''}/aliases`, {
          method: 'POST',
          body: { alias: value },
        });
      }
      await props.onMapped();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="csv-mapping">
      <legend>{t('providers.unknownValues')}</legend>
      <p>{t('providers.unknownIntro')}</p>
      <ErrorMessage error={error} />
      {props.values.map((value) => (
        <SelectField
          key={value}
          label={t('providers.mapTo', { value })}
          value={choice[value] ?? ''}
          onValue={(v) => setChoice((c) => ({ ...c, [value]: v }))}
          options={[
            { value: '', label: t('providers.choose') },
            ...providers.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
      ))}
      <p>
        <button
          type="button"
          className="button-primary"
          disabled={busy || !complete}
          onClick={() => void save()}
        >
          {t('providers.mapSave')}
        </button>
      </p>
    </fieldset>
  );
}

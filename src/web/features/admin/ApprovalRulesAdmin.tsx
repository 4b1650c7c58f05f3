import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_GROUPS } from '../../../domain/cases/types';
import type { ApprovalRuleJson } from '../../../shared/schemas/approvals';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDateTime } from '../../format';
import { useApi } from '../../use-api';
import { Status } from './fields';
import { DateField, TextField } from '../../components/forms';

/** The approval rules with their switch, parameters and the day they take effect. */
export function ApprovalRulesAdmin() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<{ items: ApprovalRuleJson[] }>('/approval-rules');
  const [status, setStatus] = useState('');
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('approvals.rules.heading')}</h2>
      <p>{t('approvals.rules.intro')}</p>
      <ErrorMessage error={error} />
      {status && <Status text={status} />}
      {data?.items.map((rule) => (
        <RuleForm
          key={`${rule.id}:${rule.version}`}
          rule={rule}
          onSaved={() => {
            setStatus(t('approvals.rules.saved'));
            reload();
          }}
        />
      ))}
    </section>
  );
}

function RuleForm({ rule, onSaved }: { rule: ApprovalRuleJson; onSaved: () => void }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(rule.enabled);
  const [maxMeasures, setMaxMeasures] = useState(
    'maxMeasures' in rule.params ? String(rule.params.maxMeasures) : '1',
  );
  const [categories, setCategories] = useState<string[]>(
    'categories' in rule.params ? rule.params.categories : [],
  );
  const [effectiveFrom, setEffectiveFrom] = useState(rule.effectiveFrom);
  const [error, setError] = useState<unknown>(null);
  const titleId = `rule-${rule.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const params =
      rule.id === 'household_several'
        ? { maxMeasures: Number(maxMeasures.trim() === '' ? NaN : maxMeasures) }
        : { categories };
    try {
      await api(`/approval-rules/${rule.id}`, {
        method: 'PUT',
        body: { enabled, params, effectiveFrom, version: rule.version },
      });
      onSaved();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form
      className="admin-card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{t(`approvals.rules.names.${rule.id}`)}</h3>
      <p className="muted">{t(`approvals.rules.descriptions.${rule.id}`)}</p>
      <label className="admin-check-single">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('approvals.rules.enabled')}
      </label>
      {rule.id === 'household_several' ? (
        <TextField
          label={t('approvals.rules.maxMeasures')}
          value={maxMeasures}
          inputMode="numeric"
          onValue={setMaxMeasures}
        />
      ) : (
        <fieldset className="admin-checks admin-checks-columns">
          <legend>{t('approvals.rules.categories')}</legend>
          {Object.keys(CATEGORY_GROUPS).map((code) => (
            <label key={code}>
              <input
                type="checkbox"
                checked={categories.includes(code)}
                onChange={(e) =>
                  setCategories(
                    e.target.checked ? [...categories, code] : categories.filter((c) => c !== code),
                  )
                }
              />
              {t(`cases.categories.${code}`, { defaultValue: code })}
            </label>
          ))}
        </fieldset>
      )}
      <DateField
        label={t('approvals.rules.effectiveFrom')}
        value={effectiveFrom}
        hint={t('approvals.rules.effectiveFromHint')}
        onValue={setEffectiveFrom}
      />
      <p className="muted">
        {t('approvals.rules.updated', {
          by: rule.updatedBy,
          at: danishDateTime(rule.updatedAt),
        })}
      </p>
      <ErrorMessage error={error} />
      <button type="submit" className="button-primary">
        {t('approvals.rules.save')}
        <span className="visually-hidden"> {t(`approvals.rules.names.${rule.id}`)}</span>
      </button>
    </form>
  );
}

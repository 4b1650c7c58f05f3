import { useTranslation } from 'react-i18next';
import { CATEGORY_GROUPS } from '../../../domain/cases/types';
import type { ApprovalRuleJson } from '../../../shared/schemas/approvals';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import {
  CheckField,
  CheckGroupField,
  DateField,
  TextField,
  useRecordForm,
  VersionedEditForm,
} from '../../components/forms';
import { danishDateTime } from '../../format';
import { useApi } from '../../use-api';

/** The approval rules with their switch, parameters and the day they take effect. */
export function ApprovalRulesAdmin() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<{ items: ApprovalRuleJson[] }>('/approval-rules');
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('approvals.rules.heading')}</h2>
      <p>{t('approvals.rules.intro')}</p>
      <ErrorMessage error={error} />
      {data?.items.map((rule) => (
        <RuleForm key={rule.id} rule={rule} onSaved={reload} />
      ))}
    </section>
  );
}

function RuleForm({ rule, onSaved }: { rule: ApprovalRuleJson; onSaved: () => void }) {
  const { t } = useTranslation();
  const name = t(`approvals.rules.names.${rule.id}`);
  // read again after a save (or a conflict), the form takes the new version
  const { form, set } = useRecordForm({
    enabled: rule.enabled,
    maxMeasures: 'maxMeasures' in rule.params ? String(rule.params.maxMeasures) : '1',
    categories: 'categories' in rule.params ? rule.params.categories : [],
    effectiveFrom: rule.effectiveFrom,
    version: rule.version,
  });

  const save = async () => {
    const params =
      rule.id === 'household_several'
        ? { maxMeasures: Number(form.maxMeasures.trim() === '' ? NaN : form.maxMeasures) }
        : { categories: form.categories };
    await api(`/approval-rules/${rule.id}`, {
      method: 'PUT',
      body: {
        enabled: form.enabled,
        params,
        effectiveFrom: form.effectiveFrom,
        version: form.version,
      },
    });
    onSaved();
    return t('approvals.rules.saved');
  };

  return (
    <VersionedEditForm
      className="edit-form admin-card"
      headingLevel={3}
      title={name}
      note={t(`approvals.rules.descriptions.${rule.id}`)}
      record={rule.id}
      noValidate
      submitLabel={
        <>
          {t('approvals.rules.save')}
          <span className="visually-hidden"> {name}</span>
        </>
      }
      onSave={save}
      onReload={onSaved}
    >
      <CheckField
        label={t('approvals.rules.enabled')}
        checked={form.enabled}
        onValue={set('enabled')}
      />
      {rule.id === 'household_several' ? (
        <TextField
          label={t('approvals.rules.maxMeasures')}
          value={form.maxMeasures}
          inputMode="numeric"
          onValue={set('maxMeasures')}
        />
      ) : (
        <CheckGroupField
          legend={t('approvals.rules.categories')}
          isColumns
          options={Object.keys(CATEGORY_GROUPS).map((code) => ({
            value: code,
            label: t(`cases.categories.${code}`, { defaultValue: code }),
          }))}
          values={form.categories}
          onValues={set('categories')}
        />
      )}
      <DateField
        label={t('approvals.rules.effectiveFrom')}
        value={form.effectiveFrom}
        hint={t('approvals.rules.effectiveFromHint')}
        onValue={set('effectiveFrom')}
      />
      <p className="muted">
        {t('approvals.rules.updated', { by: rule.updatedBy, at: danishDateTime(rule.updatedAt) })}
      </p>
    </VersionedEditForm>
  );
}

import { useTranslation } from 'react-i18next';
import { useApi } from '../../use-api';
import { SelectField } from './SelectField';

/**
 * A select of the units the user may see, by name (the API's `unit` filters take the name);
 * '' for all units.
 */
export function UnitSelect({ value, onValue }: { value: string; onValue: (v: string) => void }) {
  const { t } = useTranslation();
  const units =
    useApi<{ units: { id: string; name: string }[] }>('/organisation').data?.units ?? [];
  return (
    <SelectField
      label={t('forms.unit')}
      value={value}
      onValue={onValue}
      options={[
        { value: '', label: t('forms.allUnits') },
        ...units.map((u) => ({ value: u.name, label: u.name })),
      ]}
    />
  );
}

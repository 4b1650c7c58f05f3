import { useTranslation } from 'react-i18next';
import { TextField } from './TextField';

/** A year to show figures for (2000–2100). */
export function YearField({
  label,
  value,
  onValue,
}: {
  label?: string;
  value: string;
  onValue: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label ?? t('forms.year')}
      type="number"
      min={2000}
      max={2100}
      value={value}
      onValue={onValue}
    />
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../use-api';

/** A select of the units the user may see, by name (the API's `unit` filter takes the name). */
export function UnitSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { data } = useApi<{ units: { id: string; name: string }[] }>('/organisation');
  return (
    <div className="field">
      <label htmlFor={id}>{t('cases.filters.unit')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('cases.filters.allUnits')}</option>
        {data?.units.map((u) => (
          <option key={u.id} value={u.name}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled input. */
export function Field(props: {
  label: string;
  type: 'date' | 'number' | 'search';
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...(props.type === 'number' ? { min: 2000, max: 2100 } : {})}
      />
    </div>
  );
}

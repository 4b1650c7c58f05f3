import { useId, type ReactNode } from 'react';
import { CheckField } from './CheckField';
import type { SelectOption } from './SelectField';

/**
 * Several choices of a list, one checkbox each (roles, units, categories): a fieldset named by its
 * legend, with a hint tied to it; `values` are the chosen options' values, in the order chosen.
 */
export function CheckGroupField({
  legend,
  hint,
  options,
  values,
  onValues,
  isColumns = false,
}: {
  legend: string;
  hint?: ReactNode;
  options: readonly SelectOption[];
  values: readonly string[];
  onValues: (values: string[]) => void;
  /** long lists flow into columns */
  isColumns?: boolean;
}) {
  const hintId = useId();
  return (
    <fieldset
      className={isColumns ? 'check-group check-group-columns' : 'check-group'}
      aria-describedby={hint ? hintId : undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <CheckField
          key={option.value}
          label={option.label}
          checked={values.includes(option.value)}
          onValue={(on) =>
            onValues(on ? [...values, option.value] : values.filter((v) => v !== option.value))
          }
        />
      ))}
    </fieldset>
  );
}

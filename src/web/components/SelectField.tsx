import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'>;

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled select, the choice sibling of TextField: the label is tied to it, and `hint` to it
 * with aria-describedby. `onValue` is a shorthand for reading the chosen value.
 */
export function SelectField({
  label,
  hint,
  options,
  onValue,
  onChange,
  ...select
}: {
  label: string;
  hint?: ReactNode;
  options: readonly SelectOption[];
  onValue?: (value: string) => void;
} & SelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

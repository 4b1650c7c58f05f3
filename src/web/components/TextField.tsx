import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/**
 * A labelled input, the one form field of the app: the label is tied to the input, and `hint`
 * to it with aria-describedby. `onValue` is a shorthand for reading the typed text.
 */
export function TextField({
  label,
  hint,
  onValue,
  onChange,
  ...input
}: { label: string; hint?: ReactNode; onValue?: (value: string) => void } & InputProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

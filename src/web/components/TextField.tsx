import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/**
 * A labelled input, the one text field of the app (see FieldFrame). `onValue` is a shorthand
 * for reading the typed text.
 */
export function TextField({
  label,
  hint,
  onValue,
  onChange,
  ...input
}: { label: string; hint?: ReactNode; onValue?: (value: string) => void } & InputProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      control={(ids) => (
        <input
          type="text"
          {...ids}
          onChange={(e) => {
            onChange?.(e);
            onValue?.(e.target.value);
          }}
          {...input}
        />
      )}
    />
  );
}

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
  problem,
  frameClassName,
  onValue,
  onChange,
  ...input
}: {
  label: string;
  hint?: ReactNode;
  problem?: string | undefined;
  /** a class for the field's frame (the label's and control's box) */
  frameClassName?: string;
  onValue?: (value: string) => void;
} & InputProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      problem={problem}
      className={frameClassName}
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

import type { InputHTMLAttributes } from 'react';
import { FieldFrame, type FrameProps } from './FieldFrame';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/**
 * A labelled input, the one text field of the app (see FieldFrame). `onValue` is a shorthand
 * for reading the typed text.
 */
export function TextField({
  label,
  hint,
  problem,
  describedBy,
  frameClassName,
  below,
  onValue,
  onChange,
  ...input
}: {
  onValue?: (value: string) => void;
} & FrameProps &
  InputProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      problem={problem}
      describedBy={describedBy}
      className={frameClassName}
      below={below}
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

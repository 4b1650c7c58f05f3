import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame';

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/**
 * A labelled textarea, the multi-line sibling of TextField (see FieldFrame). `onValue` is a
 * shorthand for reading the typed text.
 */
export function TextAreaField({
  label,
  hint,
  problem,
  frameClassName,
  onValue,
  onChange,
  ...textarea
}: {
  label: string;
  hint?: ReactNode;
  problem?: string | undefined;
  /** a class for the field's frame (the label's and control's box) */
  frameClassName?: string;
  onValue?: (value: string) => void;
} & TextAreaProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      problem={problem}
      className={frameClassName}
      control={(ids) => (
        <textarea
          {...ids}
          onChange={(e) => {
            onChange?.(e);
            onValue?.(e.target.value);
          }}
          {...textarea}
        />
      )}
    />
  );
}

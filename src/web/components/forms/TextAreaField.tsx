import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame, type FrameProps } from './FieldFrame';

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/**
 * A labelled textarea, the multi-line sibling of TextField (see FieldFrame). `onValue` is a
 * shorthand for reading the typed text.
 */
export function TextAreaField({
  label,
  hint,
  problem,
  describedBy,
  frameClassName,
  below,
  onValue,
  onChange,
  ...textarea
}: {
  onValue?: (value: string) => void;
} & FrameProps &
  TextAreaProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      problem={problem}
      describedBy={describedBy}
      className={frameClassName}
      below={below}
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

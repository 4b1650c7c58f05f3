import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame, onValueChange, splitFrame, type FrameProps } from './FieldFrame';

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/**
 * A labelled textarea, the multi-line sibling of TextField (see FieldFrame). `onValue` is a
 * shorthand for reading the typed text.
 */
export function TextAreaField({
  onValue,
  onChange,
  ...props
}: {
  onValue?: (value: string) => void;
} & FrameProps &
  TextAreaProps) {
  const { frame, control } = splitFrame(props);
  return (
    <FieldFrame
      {...frame}
      control={(ids) => (
        <textarea {...ids} onChange={onValueChange(onChange, onValue)} {...control} />
      )}
    />
  );
}

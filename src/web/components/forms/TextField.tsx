import type { InputHTMLAttributes } from 'react';
import { FieldFrame, onValueChange, splitFrame, type FrameProps } from './FieldFrame';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/**
 * A labelled input, the one text field of the app (see FieldFrame). `onValue` is a shorthand
 * for reading the typed text.
 */
export function TextField({
  onValue,
  onChange,
  ...props
}: {
  onValue?: (value: string) => void;
} & FrameProps &
  InputProps) {
  const { frame, control } = splitFrame(props);
  return (
    <FieldFrame
      {...frame}
      control={(ids) => (
        <input type="text" {...ids} onChange={onValueChange(onChange, onValue)} {...control} />
      )}
    />
  );
}

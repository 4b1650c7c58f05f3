import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldFrame, onValueChange, splitFrame, type FrameProps } from './FieldFrame';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'>;

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled select, the choice sibling of TextField (see FieldFrame). `onValue` is a shorthand
 * for reading the chosen value.
 */
export function SelectField({
  options = [],
  children,
  onValue,
  onChange,
  ...props
}: {
  /** the choices; or `children`, for options made otherwise (groups) */
  options?: readonly SelectOption[];
  children?: ReactNode;
  onValue?: (value: string) => void;
} & FrameProps &
  SelectProps) {
  const { frame, control } = splitFrame(props);
  return (
    <FieldFrame
      {...frame}
      control={(ids) => (
        <select {...ids} onChange={onValueChange(onChange, onValue)} {...control}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {children}
        </select>
      )}
    />
  );
}

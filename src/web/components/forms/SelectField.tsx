import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldFrame, type FrameProps } from './FieldFrame';

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
  label,
  hint,
  problem,
  describedBy,
  frameClassName,
  below,
  options = [],
  children,
  onValue,
  onChange,
  ...select
}: {
  /** the choices; or `children`, for options made otherwise (groups) */
  options?: readonly SelectOption[];
  children?: ReactNode;
  onValue?: (value: string) => void;
} & FrameProps &
  SelectProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      problem={problem}
      describedBy={describedBy}
      className={frameClassName}
      below={below}
      control={(ids) => (
        <select
          {...ids}
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
          {children}
        </select>
      )}
    />
  );
}

import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame, type FrameProps } from './FieldFrame';
import type { TextProblem } from './field-text';

export type CheckedInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'type' | 'children'
>;

/** A checked field's value as the form holds it (AmountField, DateField), with its label. */
export type CheckedValueProps = Pick<FrameProps, 'label' | 'hint' | 'problem'> & {
  value: string;
  onValue: (value: string) => void;
} & CheckedInputProps;

/**
 * A text input whose text is checked as it is typed (`check`): its problem is shown under it
 * once the user leaves the field or submits the form, and until then it holds the form back
 * through the browser's own validity (the message the same), so nothing half-typed is sent. A
 * problem from the server (`problem`) is shown as well.
 */
export function CheckedField({
  label,
  hint,
  problem,
  text,
  check,
  onText,
  onLeave,
  className,
  ...input
}: Pick<FrameProps, 'label' | 'hint' | 'problem'> & {
  text: string;
  check: (text: string) => TextProblem | null;
  onText: (text: string) => void;
  /** the field is left with `text` (e.g. to write it the Danish way) */
  onLeave?: (text: string) => void;
  className?: string;
} & CheckedInputProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const [isShown, setIsShown] = useState(false);
  const own = check(text);
  const ownMessage = own ? t(`validation.${own.key}`, own.values) : '';
  useEffect(() => {
    ref.current?.setCustomValidity(ownMessage);
  }, [ownMessage]);
  return (
    <FieldFrame
      label={label}
      hint={hint}
      problem={(isShown && ownMessage) || problem}
      className={className}
      control={(ids) => (
        <input
          ref={ref}
          type="text"
          autoComplete="off"
          {...input}
          {...ids}
          value={text}
          onChange={(e) => onText(e.target.value)}
          onBlur={(e) => {
            setIsShown(true);
            onLeave?.(e.target.value);
            input.onBlur?.(e);
          }}
          onInvalid={(e) => {
            setIsShown(true);
            input.onInvalid?.(e);
          }}
        />
      )}
    />
  );
}

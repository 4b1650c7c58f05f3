import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/**
 * A labelled textarea, the multi-line sibling of TextField: the label is tied to it, and
 * `hint` to it with aria-describedby. `onValue` is a shorthand for reading the typed text.
 */
export function TextAreaField({
  label,
  hint,
  onValue,
  onChange,
  ...textarea
}: { label: string; hint?: ReactNode; onValue?: (value: string) => void } & TextAreaProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...textarea}
      />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

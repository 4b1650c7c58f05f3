import { useId, type InputHTMLAttributes } from 'react';

type CheckProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'checked'>;

/** A labelled checkbox, the label after the box (see FieldFrame for the other fields). */
export function CheckField({
  label,
  checked,
  onValue,
  onChange,
  ...input
}: { label: string; checked: boolean; onValue?: (value: boolean) => void } & CheckProps) {
  const id = useId();
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.checked);
        }}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

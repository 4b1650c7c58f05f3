import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled text input; `hint` is tied to it with aria-describedby. */
export function TextField({
  label,
  hint,
  ...input
}: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="admin-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A polite status line for "saved" messages, read out by screen readers. */
export function Status({ text }: { text: string }) {
  return (
    <p role="status" className="admin-status">
      {text}
    </p>
  );
}

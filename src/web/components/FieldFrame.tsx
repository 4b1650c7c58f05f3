import { useId, type ReactNode } from 'react';

/**
 * The frame every form field of the app shares: a label tied to the control, and a hint tied
 * to it with aria-describedby. `control` renders the input, textarea or select with the ids.
 */
export function FieldFrame({
  label,
  hint,
  control,
}: {
  label: string;
  hint?: ReactNode;
  control: (ids: { id: string; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-describedby': hint ? `${id}-hint` : undefined })}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

import { useId, type ReactNode } from 'react';

/** The ids and states a field's control takes from its frame. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/**
 * The frame every form field of the app shares: a label tied to the control, a hint and the
 * field's own problem tied to it with aria-describedby (the problem first, so a screen reader
 * says it before the hint), and `aria-invalid` while there is a problem. `control` renders the
 * input, textarea or select with the ids.
 */
export function FieldFrame({
  label,
  hint,
  problem,
  className,
  control,
}: {
  label: string;
  hint?: ReactNode;
  /** what is wrong with the value, in the user's words */
  problem?: string | undefined;
  className?: string;
  control: (ids: ControlProps) => ReactNode;
}) {
  const id = useId();
  const describedBy = [problem ? `${id}-problem` : '', hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': problem ? true : undefined,
      })}
      {problem && (
        <p id={`${id}-problem`} className="field-problem">
          {problem}
        </p>
      )}
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

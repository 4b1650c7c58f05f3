import { useId, type ChangeEvent, type ReactNode } from 'react';

/** The ids and states a field's control takes from its frame. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/** What a field hands to its frame (see FieldFrame); `frameClassName` is the frame's class. */
export interface FrameProps {
  label: string;
  hint?: ReactNode;
  /** what is wrong with the value, in the user's words */
  problem?: string | undefined;
  /** the id of other text that describes the control (a FieldGroup's hint, a note in `below`) */
  describedBy?: string | undefined;
  /** a class for the field's frame (the label's and control's box) */
  frameClassName?: string;
  /** further content of the field, under it */
  below?: ReactNode;
}

/**
 * The frame every form field of the app shares: a label tied to the control, a hint and the
 * field's own problem tied to it with aria-describedby (the problem first, so a screen reader
 * says it before the hint), and `aria-invalid` while there is a problem. `control` renders the
 * input, textarea or select with the ids. `below` is further content of the field, under it (a
 * button, a field that goes with it); other text that describes the control, a hint the field
 * shares with others (FieldGroup) or a note in `below`, is tied to it by `describedBy`.
 */
export function FieldFrame({
  label,
  hint,
  problem,
  describedBy: others,
  className,
  control,
  below,
}: Omit<FrameProps, 'frameClassName'> & {
  className?: string;
  control: (ids: ControlProps) => ReactNode;
}) {
  const id = useId();
  const describedBy = [problem ? `${id}-problem` : '', hint ? `${id}-hint` : '', others ?? '']
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
      {below}
    </div>
  );
}

/** A field's props split into what its frame takes (see FieldFrame) and what its control takes. */
export function splitFrame<P extends FrameProps>({
  label,
  hint,
  problem,
  describedBy,
  frameClassName,
  below,
  ...control
}: P) {
  return {
    frame: { label, hint, problem, describedBy, className: frameClassName, below },
    control,
  };
}

/** A control's change handler: the caller's own `onChange`, then `onValue` with the value alone. */
export function onValueChange<E extends ChangeEvent<{ value: string }>>(
  onChange: ((event: E) => void) | undefined,
  onValue: ((value: string) => void) | undefined,
) {
  return (event: E) => {
    onChange?.(event);
    onValue?.(event.target.value);
  };
}

import { useId, type ReactNode } from 'react';

/**
 * Fields that share one hint (a kind and its value, chosen in two selects): the hint under the
 * fields, its id handed to `children` for the fields it describes (their `describedBy`).
 */
export function FieldGroup({
  hint,
  className,
  hintClassName,
  children,
}: {
  hint: ReactNode;
  /** a class for the group's box (its layout) */
  className?: string;
  /** the hint's class, in place of the fields' own hint look (`field-hint`) */
  hintClassName?: string;
  children: (hintId: string) => ReactNode;
}) {
  const hintId = useId();
  return (
    <div className={className}>
      {children(hintId)}
      <p id={hintId} className={hintClassName ?? 'field-hint'}>
        {hint}
      </p>
    </div>
  );
}

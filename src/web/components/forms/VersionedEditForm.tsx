import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorMessage } from '../ErrorMessage';

/**
 * The form that creates a record or changes one at the version it was read in (providers,
 * rates, thresholds, centres and units, users, settings): a heading naming it, the problem of
 * the last try or the message of the last save, the fields, and the actions. `onSave` sends the
 * form (with the record's version) and returns the message to show; a problem it throws is
 * shown in Danish with each field named, and nothing is cleared. When someone else changed
 * the record first (409), `onReload` offers to fetch the newest version. A record opened from
 * its list (an EditButton) takes the focus to the form's heading, so the keyboard is there.
 */
export function VersionedEditForm({
  title,
  headingLevel = 2,
  record = null,
  note,
  submitLabel,
  onSave,
  onCancel,
  cancelLabel,
  onReload,
  actions,
  noValidate,
  className = 'edit-form',
  children,
}: {
  title: string;
  headingLevel?: 2 | 3;
  /** the record being changed (its id), null for a new one */
  record?: string | number | null;
  /** a line under the heading, e.g. which record is being changed */
  note?: ReactNode;
  /** the submit button's words (a record's name may follow for screen readers) */
  submitLabel: ReactNode;
  onSave: () => Promise<string | undefined>;
  onCancel?: (() => void) | undefined;
  cancelLabel?: string;
  onReload?: () => void;
  /** more buttons beside the submit button */
  actions?: ReactNode;
  noValidate?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [shownFor, setShownFor] = useState(record);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusedFor = useRef(record);
  // opening another record for editing clears what was said of the last one; the form going
  // back to a new record (as after a save) keeps the message of the save
  if (record !== shownFor) {
    setShownFor(record);
    setError(null);
    if (record !== null) setMessage('');
  }
  useEffect(() => {
    if (record === focusedFor.current) return;
    focusedFor.current = record;
    if (record !== null) heading.current?.focus();
  }, [record]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage('');
    setIsBusy(true);
    try {
      setMessage((await onSave()) ?? '');
    } catch (err) {
      setError(err);
    } finally {
      setIsBusy(false);
    }
  };
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const isConflict = error instanceof ApiError && error.status === 409;
  return (
    <form
      className={className}
      aria-labelledby={headingId}
      onSubmit={(e) => void submit(e)}
      noValidate={noValidate}
    >
      <Heading id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </Heading>
      {note && <p className="field-hint">{note}</p>}
      <ErrorMessage error={error} />
      {isConflict && onReload && (
        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setError(null);
              onReload();
            }}
          >
            {t('forms.reload')}
          </button>
        </p>
      )}
      {message && (
        <p role="status" className="alert alert-ok">
          {message}
        </p>
      )}
      {children}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={isBusy}>
          {submitLabel}
        </button>
        {actions}
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {cancelLabel ?? t('forms.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

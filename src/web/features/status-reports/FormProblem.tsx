import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { FieldErrors } from './content';

/** Moves the keyboard to the form field named `path` (fields carry their API path as name). */
export function focusField(path: string): void {
  const field = document.getElementsByName(path)[0];
  if (field instanceof HTMLElement) field.focus();
}

/**
 * The problems of a form at its top: each field problem with the field's Danish label, as a
 * button that moves to the field; any other problem (a stale version, no right) as the API
 * states it.
 */
export function FormProblem({
  error,
  fieldErrors,
  labelOf,
}: {
  error: unknown;
  fieldErrors: FieldErrors;
  labelOf: (path: string) => string;
}) {
  const { t } = useTranslation();
  const paths = Object.keys(fieldErrors);
  if (paths.length === 0) return <ErrorMessage error={error} />;
  return (
    <div role="alert" className="alert alert-error">
      <p>{error instanceof ApiError ? error.message : t('reports.form.fix')}</p>
      <ul>
        {paths.map((path) => (
          <li key={path}>
            <button
              type="button"
              className="link-button rp-error-link"
              onClick={() => focusField(path)}
            >
              {labelOf(path)}
            </button>
            : {fieldErrors[path]}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's own problem, shown under it (passed as the field's hint). */
export function FieldProblem({ message }: { message: string | undefined }) {
  if (!message) return null;
  return <span className="rp-field-error">{message}</span>;
}

/** A field's hint with its problem, if any, in front. */
export function hintWith(hint: ReactNode, problem: string | undefined): ReactNode {
  if (!problem) return hint;
  return (
    <>
      <FieldProblem message={problem} /> {hint}
    </>
  );
}

/** The problems without the one of `path`: a field's problem goes once the user changes it. */
export function without(problems: FieldErrors, path: string): FieldErrors {
  if (!(path in problems)) return problems;
  const rest = { ...problems };
  delete rest[path];
  return rest;
}

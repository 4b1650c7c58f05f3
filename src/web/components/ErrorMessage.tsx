import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { describeFieldPath } from './forms/field-path';

/** The Danish name of a field path from the API (`describeFieldPath` over the translations). */
export function useDescribeField(): (path: string) => string {
  const { t, i18n } = useTranslation();
  const known = (key: string) => (i18n.exists(key) ? t(key) : undefined);
  const months = t('fields.months', { returnObjects: true }) as unknown;
  return (path: string) =>
    describeFieldPath(path, {
      name: (part) => known(`fields.names.${part}`),
      item: (list) => known(`fields.items.${list}`),
      month: (i) => (Array.isArray(months) ? (months[i] as string | undefined) : undefined),
    });
}

/**
 * Shows an API problem in the user's words: its Danish detail and each field issue, the field
 * named in Danish (`cases.3.ref` as "Sag 4 › Sagsreference": the place in an imported file
 * without the technical path).
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const describe = useDescribeField();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('errors.generic');
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div role="alert" className="alert alert-error">
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.code}`}>
              {issue.path !== '' && issue.path !== '(dokument)' && (
                <>
                  <strong>{describe(issue.path)}</strong>:{' '}
                </>
              )}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

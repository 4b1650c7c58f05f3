import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** Shows an API problem in the user's words: its Danish detail and each field issue. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
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
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';

/** A reference the server stored but that looks like a person's name (docs/security.md). */
export interface RefWarning {
  path: string;
  message: string;
}

/** The warnings of a case registered or imported: shown, never blocking. */
export function RefWarnings({ warnings }: { warnings: readonly RefWarning[] | undefined }) {
  const { t } = useTranslation();
  if (!warnings?.length) return null;
  return (
    <div role="status" className="alert alert-warning">
      <p>{t('cases.warnings.title')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={w.path}>
            {w.message} ({w.path})
          </li>
        ))}
      </ul>
    </div>
  );
}

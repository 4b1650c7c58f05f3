import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * Said instead of the cases behind the figures to a user who may read the totals but not the
 * cases (the answer's `caseLevel` is false).
 */
export function TotalsOnlyNote({ caseLevel }: { caseLevel: boolean }) {
  const { t } = useTranslation();
  if (caseLevel) return null;
  return (
    <p className="muted" role="note">
      {t('cases.statement.totalsOnly')}
    </p>
  );
}

/** The cases behind a figure, folded away until asked for. */
export function CaseLinks({
  cases,
  label,
  year,
}: {
  cases: { id: string; ref: string }[];
  label: string;
  /** the year the case page opens on */
  year?: number | string | undefined;
}) {
  const { t } = useTranslation();
  if (cases.length === 0) return null;
  return (
    <details className="drill">
      <summary>
        {t('cases.statement.drillDown', { count: cases.length })}
        <span className="visually-hidden"> – {label}</span>
      </summary>
      <ul className="case-links" aria-label={t('cases.statement.casesBehind', { label })}>
        {cases.map((c) => (
          <li key={c.ref}>
            {c.id ? (
              <Link to={`/sager/sag/${c.id}${year ? `?aar=${year}` : ''}`}>{c.ref}</Link>
            ) : (
              c.ref
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { oreFromKroner, wholeKronerAddingUp } from '../../../domain/money';
import { kr } from '../../format';

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

type SortKey = 'ref' | 'expected' | 'granted';

/**
 * The cases behind a figure with each case's part of it, folded away until asked for, sortable
 * by case or amount. Whole kroner (an overview) that add up to the figures shown in the row:
 * `shown` are the row's whole kroner as its table shows them.
 */
export function CaseAmounts({
  cases,
  label,
  year,
  shown,
}: {
  cases: { id: string; ref: string; expected: number; granted: number }[];
  label: string;
  year?: number | string | undefined;
  shown: { expected: number; granted: number };
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'expected',
    descending: true,
  });
  if (cases.length === 0) return null;
  const expected = wholeKronerAddingUp(
    cases.map((c) => oreFromKroner(c.expected)),
    oreFromKroner(shown.expected),
  );
  const granted = wholeKronerAddingUp(
    cases.map((c) => oreFromKroner(c.granted)),
    oreFromKroner(shown.granted),
  );
  const rows = cases.map((c, i) => ({
    ...c,
    expected: expected[i] ?? 0,
    granted: granted[i] ?? 0,
  }));
  const sign = sort.descending ? -1 : 1;
  rows.sort((a, b) =>
    sort.key === 'ref'
      ? sign * a.ref.localeCompare(b.ref, 'da')
      : sign * (a[sort.key] - b[sort.key]) || a.ref.localeCompare(b.ref, 'da'),
  );
  const header = (key: SortKey, text: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? 'num' : undefined}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="link-button"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'ref' })}
        >
          {text}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <details className="drill">
      <summary>
        {t('cases.statement.drillDown', { count: cases.length })}
        <span className="visually-hidden"> – {label}</span>
      </summary>
      <table className="table compact case-amounts">
        <caption className="visually-hidden">{t('cases.statement.casesBehind', { label })}</caption>
        <thead>
          <tr>
            {header('ref', t('cases.statement.case'), false)}
            {header('expected', t('cases.statement.expected'), true)}
            {header('granted', t('cases.statement.granted'), true)}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.ref}>
              <th scope="row">
                {c.id ? (
                  <Link to={`/sager/sag/${c.id}${year ? `?aar=${year}` : ''}`}>{c.ref}</Link>
                ) : (
                  c.ref
                )}
              </th>
              <td className="num">{kr(c.expected)}</td>
              <td className="num">{kr(c.granted)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('cases.statement.total')}</th>
            <td className="num">{kr(shown.expected)}</td>
            <td className="num">{kr(shown.granted)}</td>
          </tr>
        </tfoot>
      </table>
    </details>
  );
}

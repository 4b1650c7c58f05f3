import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DueReviewJson } from '../../../shared/schemas/reviews';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate } from '../../format';
import { useApi } from '../../use-api';
import { DueState } from '../reviews/DueState';

const SHOWN = 8;

/**
 * The cases in the user's units due or overdue for review (as on /gennemgange): the counts and
 * the first few by due date, each linked to its case.
 */
export function DueReviewsPanel() {
  const { t } = useTranslation();
  const { data, error } = useApi<{ asOf: string; items: DueReviewJson[] }>('/reviews/due');
  const items = [...(data?.items ?? [])].sort(
    (a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseRef.localeCompare(b.caseRef, 'da'),
  );
  const overdue = items.filter((i) => i.state === 'overdue').length;
  const due = items.filter((i) => i.state === 'due').length;
  const first = items.filter((i) => i.state !== 'upcoming').slice(0, SHOWN);
  return (
    <section aria-labelledby="front-reviews-title" className="front-section">
      <h2 id="front-reviews-title">{t('dashboard.reviews.title')}</h2>
      <ErrorMessage error={error} />
      {!data && !error && <p className="muted">{t('app.loading')}</p>}
      {data && first.length === 0 && <p>{t('dashboard.reviews.none')}</p>}
      {data && first.length > 0 && (
        <>
          <p>{t('dashboard.reviews.counts', { overdue, due })}</p>
          <table className="table">
            <caption>{t('dashboard.reviews.first', { count: first.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.reviews.case')}</th>
                <th scope="col">{t('dashboard.reviews.unit')}</th>
                <th scope="col">{t('dashboard.reviews.dueOn')}</th>
                <th scope="col">{t('dashboard.reviews.state')}</th>
              </tr>
            </thead>
            <tbody>
              {first.map((r) => (
                <tr key={`${r.caseId}-${r.dueOn}`}>
                  <th scope="row">
                    <Link to={`/sager/sag/${r.caseId}#gennemgange`}>{r.caseRef}</Link>
                  </th>
                  <td>{r.unit.name}</td>
                  <td>{danishDate(r.dueOn)}</td>
                  <td>
                    <DueState state={r.state} daysOverdue={r.daysOverdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        <Link to="/gennemgange">{t('dashboard.reviews.all')}</Link>
      </p>
    </section>
  );
}

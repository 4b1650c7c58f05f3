import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatusReportListItemJson } from '../../../shared/schemas/status-report';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { useBookedPeriod } from '../../booked-period';
import { danishDate } from '../../format';
import { NewReportForm } from './NewReportForm';

/** /rapporter — the status reports to the political committee, and a new one for writers. */
export function ReportListPage() {
  const { t } = useTranslation();
  const { data, error } = useApi<{ items: StatusReportListItemJson[] }>('/status-reports');
  const { user } = useAuth();
  const mayWrite = may(user, 'report.write');
  const booked = useBookedPeriod();
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('reports.loading')}</p>}
      {data && data.items.length === 0 && <p>{t('reports.none')}</p>}
      {data && data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('reports.columns.title')}</th>
              <th scope="col">{t('reports.columns.year')}</th>
              <th scope="col">{t('reports.columns.asOf')}</th>
              <th scope="col">{t('reports.columns.status')}</th>
              <th scope="col">{t('reports.columns.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/rapporter/${r.id}`}>{r.title}</Link>
                </td>
                <td>{r.year}</td>
                <td>{danishDate(r.asOf)}</td>
                <td>{t(`reports.status.${r.status}`)}</td>
                <td>
                  {danishDate(r.updatedAt)} ({r.updatedBy})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayWrite && data && booked.ready && (
        <NewReportForm reports={data.items} bookedThrough={booked.bookedThrough} />
      )}
    </>
  );
}

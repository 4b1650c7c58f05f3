import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate } from '../../format';
import { useApi } from '../../use-api';
import type { JobView } from './types';

/**
 * The ledger imports' background work, newest first, with its attempts; a job given up after
 * its attempts (dead) can be queued again here (`POST /api/jobs/{id}/retry`).
 */
export function JobHistory({
  refreshKey,
  onRetried,
}: {
  /** the jobs are loaded again whenever this changes (the list of imports, reloaded) */
  refreshKey: unknown;
  onRetried: (jobId: string) => void;
}) {
  const { t } = useTranslation();
  const jobs = useApi<{ items: JobView[] }>('/jobs?kind=ledger.import&limit=20');
  const reloadJobs = jobs.reload;
  useEffect(() => reloadJobs(), [refreshKey, reloadJobs]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const retry = async (id: string) => {
    setFailure(null);
    setBusy(id);
    try {
      await api(`/jobs/${id}/retry`, { method: 'POST' });
      onRetried(id);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
      jobs.reload();
    }
  };
  return (
    <section aria-labelledby="job-history">
      <h2 id="job-history">{t('budget.ledger.jobs.title')}</h2>
      <ErrorMessage error={jobs.error ?? failure} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('budget.ledger.jobs.started')}</th>
            <th scope="col">{t('budget.ledger.status')}</th>
            <th scope="col" className="num">
              {t('budget.ledger.jobs.attempts')}
            </th>
            <th scope="col">{t('budget.ledger.jobs.error')}</th>
            <th scope="col">{t('budget.ledger.jobs.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.data?.items.map((j) => (
            <tr key={j.id}>
              <td>
                {danishDate(j.createdAt.slice(0, 10))} {j.createdBy}
              </td>
              <td>{t(`budget.ledger.jobs.statuses.${j.status}`)}</td>
              <td className="num">{j.attempts}</td>
              <td>{j.error ?? ''}</td>
              <td>
                {j.status === 'dead' && (
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={busy === j.id}
                    onClick={() => void retry(j.id)}
                  >
                    {t('budget.ledger.jobs.retry')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

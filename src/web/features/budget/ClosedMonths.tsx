import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate } from '../../format';
import { useApi } from '../../use-api';
import { nextMonth } from '../../../domain/budget/booked-period';
import type { BookedPeriod } from '../../../shared/schemas/ledger';

/**
 * "Bogført periode" on the import page: per ledger source through which date its postings are
 * complete, "Luk måned" for the next month and reopening the latest closed month (`ledger.close`).
 */
export function ClosedMonths({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const mayClose = may(user, 'ledger.close');
  const { data, error, reload } = useApi<BookedPeriod>(`/ledger/booked-period?r=${refreshKey}`);
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const act = async (path: string, method: 'POST' | 'DELETE', body?: unknown, done?: string) => {
    setFailure(null);
    setMessage('');
    try {
      await api(path, body === undefined ? { method } : { method, body });
      setMessage(done ?? '');
      reload();
    } catch (e) {
      setFailure(e);
    }
  };
  const sources = (data?.sources ?? []).filter((s) => s.lastPostedMonth || s.lastClosedMonth);
  return (
    <section aria-labelledby="booked-period">
      <h2 id="booked-period">{t('budget.booked.title')}</h2>
      <ErrorMessage error={error ?? failure} />
      {message && <p role="status">{message}</p>}
      {data && sources.length === 0 && <p>{t('budget.booked.none')}</p>}
      {sources.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('budget.ledger.source')}</th>
              <th scope="col">{t('budget.booked.bookedThrough')}</th>
              <th scope="col">{t('budget.booked.lastClosed')}</th>
              {mayClose && <th scope="col">{t('budget.booked.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => {
              const next = s.lastClosedMonth
                ? nextMonth(s.lastClosedMonth)
                : (s.lastPostedMonth ?? s.firstPostedMonth ?? '');
              const path = `/ledger/sources/${encodeURIComponent(s.name)}/closed-months`;
              return (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td>{s.bookedThrough ? danishDate(s.bookedThrough) : '–'}</td>
                  <td>{s.lastClosedMonth ?? t('budget.booked.noneClosed')}</td>
                  {mayClose && (
                    <td className="actions">
                      <button
                        type="button"
                        onClick={() =>
                          void act(
                            path,
                            'POST',
                            { month: next },
                            t('budget.booked.closed', { month: next }),
                          )
                        }
                      >
                        {t('budget.booked.close', { month: next, source: s.name })}
                      </button>{' '}
                      {s.lastClosedMonth && (
                        <button
                          type="button"
                          onClick={() =>
                            void act(
                              `${path}/${s.lastClosedMonth}`,
                              'DELETE',
                              undefined,
                              t('budget.booked.reopened', { month: s.lastClosedMonth }),
                            )
                          }
                        >
                          {t('budget.booked.reopen', { month: s.lastClosedMonth, source: s.name })}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

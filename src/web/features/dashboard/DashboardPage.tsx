import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatKroner, ore } from '../../../domain/money';
import { useApi } from '../../use-api';
import { RequiredPlans } from '../action-plans/RequiredPlans';
import { TasksPanel } from '../tasks/TasksPanel';

interface Organisation {
  municipality: string;
  actionPlanThreshold: number;
  units: { id: string; name: string; responsible: string | null; center: { name: string } }[];
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { data, error } = useApi<Organisation>('/organisation');
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {data && (
        <>
          <p>{t('dashboard.intro', { municipality: data.municipality })}</p>
          <p className="muted">
            {t('dashboard.threshold', {
              amount: formatKroner(ore(Math.round(data.actionPlanThreshold * 100))),
            })}
          </p>
          <TasksPanel />
          <RequiredPlans year={new Date().getFullYear()} />
          <section aria-labelledby="units-title">
            <h2 id="units-title">{t('dashboard.units')}</h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.unit')}</th>
                  <th scope="col">{t('dashboard.center')}</th>
                  <th scope="col">{t('dashboard.responsible')}</th>
                </tr>
              </thead>
              <tbody>
                {data.units.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td>{u.center.name}</td>
                    <td>{u.responsible ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

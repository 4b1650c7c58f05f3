import './tasks.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { hasTasks, useTasks } from './use-tasks';

/** The front page's compact "Mine opgaver": counts with links, for users who have tasks. */
export function TasksPanel() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { tasks, error } = useTasks(user);
  if (!hasTasks(user)) return null;
  const overdue = tasks.reviews?.filter((r) => r.state === 'overdue').length ?? 0;
  const count = (list: unknown[] | null) => (list === null ? '…' : String(list.length));
  return (
    <section aria-labelledby="tasks-panel-title" className="tasks-panel">
      <h2 id="tasks-panel-title">{t('tasks.panelTitle')}</h2>
      <ErrorMessage error={error} />
      <ul className="tasks-counts">
        {may(user, 'approval.decide') && (
          <li>
            <Link to="/opgaver#tasks-approvals">
              <strong>{count(tasks.approvals)}</strong> {t('tasks.counts.approvals')}
            </Link>
          </li>
        )}
        {((tasks.ownRequests?.length ?? 0) > 0 ||
          (may(user, 'case.write') && !may(user, 'approval.decide'))) && (
          <li>
            <Link to="/opgaver#tasks-own">
              <strong>{count(tasks.ownRequests)}</strong> {t('tasks.counts.ownRequests')}
            </Link>
          </li>
        )}
        {may(user, 'meeting.read') && (
          <li>
            <Link to="/opgaver#tasks-visitations">
              <strong>{count(tasks.visitations)}</strong> {t('tasks.counts.visitations')}
            </Link>
          </li>
        )}
        {may(user, 'review.record') && (
          <li>
            <Link to="/opgaver#tasks-reviews">
              <strong>{count(tasks.reviews)}</strong> {t('tasks.counts.reviews')}
              {overdue > 0 && <> ({t('tasks.counts.overdue', { count: overdue })})</>}
            </Link>
          </li>
        )}
      </ul>
      <p>
        <Link to="/opgaver">{t('tasks.panelLink')}</Link>
      </p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate, danishDateTime } from '../../format';
import type { ApprovalJson } from '../../../shared/schemas/approvals';
import { CatchReasons } from './reasons';
import { hasTasks, useTasks, type LoadingTasks } from './use-tasks';

/** Reviews listed here at most; the Gennemgange page holds them all, with filters. */
const REVIEWS_SHOWN = 25;

/** /opgaver — what waits for the user: approvals, visitation items and reviews due. */
export function TasksPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { tasks, error } = useTasks(user);
  return (
    <>
      <h1>{t('tasks.title')}</h1>
      <p>{t('tasks.intro')}</p>
      <ErrorMessage error={error} />
      {!hasTasks(user) && <p>{t('tasks.none')}</p>}
      {hasTasks(user) && <TaskLists tasks={tasks} />}
    </>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <p aria-live="polite">{t('app.loading')}</p>;
}

function TaskLists({ tasks }: { tasks: LoadingTasks }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <>
      {(user?.actions.includes('approval.decide') ?? false) && (
        <section aria-labelledby="tasks-approvals">
          <h2 id="tasks-approvals">{t('tasks.approvals.title')}</h2>
          {tasks.approvals === null ? (
            <Loading />
          ) : (
            <ApprovalTable items={tasks.approvals} empty={t('tasks.approvals.none')} />
          )}
        </section>
      )}
      {tasks.ownRequests !== null && tasks.ownRequests.length > 0 && (
        <section aria-labelledby="tasks-own">
          <h2 id="tasks-own">{t('tasks.ownRequests.title')}</h2>
          <ApprovalTable items={tasks.ownRequests} empty={t('tasks.ownRequests.none')} />
        </section>
      )}
      <section aria-labelledby="tasks-visitations">
        <h2 id="tasks-visitations">{t('tasks.visitations.title')}</h2>
        {tasks.visitations === null ? (
          <Loading />
        ) : tasks.visitations.length === 0 ? (
          <p className="muted">{t('tasks.visitations.none')}</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('tasks.visitations.meeting')}</th>
                <th scope="col">{t('tasks.columns.case')}</th>
                <th scope="col">{t('tasks.columns.what')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.visitations.map(({ meeting, item }) => (
                <tr key={item.id}>
                  <td>
                    <Link
                      to={`/moeder/${meeting.id}`}
                      aria-label={t('tasks.visitations.open', {
                        title: meeting.title,
                        date: danishDate(meeting.heldOn),
                      })}
                    >
                      {danishDate(meeting.heldOn)} · {meeting.title}
                    </Link>
                    <br />
                    <span className="muted">{meeting.unitName}</span>
                  </td>
                  <td>
                    <Link to={`/sager/sag/${item.caseId}`}>{item.caseRef}</Link>
                  </td>
                  <td>{item.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {(user?.actions.includes('review.record') ?? false) && (
        <section aria-labelledby="tasks-reviews">
          <h2 id="tasks-reviews">{t('tasks.reviews.title')}</h2>
          {tasks.reviews === null ? (
            <Loading />
          ) : tasks.reviews.length === 0 ? (
            <p className="muted">{t('tasks.reviews.none')}</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('tasks.columns.case')}</th>
                  <th scope="col">{t('tasks.columns.unit')}</th>
                  <th scope="col">{t('tasks.reviews.dueOn')}</th>
                  <th scope="col">{t('tasks.reviews.state')}</th>
                  <th scope="col">{t('tasks.reviews.role')}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.reviews.slice(0, REVIEWS_SHOWN).map((r) => (
                  <tr key={`${r.caseId}:${r.dueOn}`}>
                    <td>
                      <Link
                        to={`/sager/sag/${r.caseId}`}
                        aria-label={t('tasks.reviews.open', { caseRef: r.caseRef })}
                      >
                        {r.caseRef}
                      </Link>
                    </td>
                    <td>{r.unit.name}</td>
                    <td>{danishDate(r.dueOn)}</td>
                    <td>
                      {t(`tasks.reviews.states.${r.state}`)}
                      {r.daysOverdue > 0 && (
                        <>
                          {' · '}
                          {t('tasks.reviews.daysOverdue', { count: r.daysOverdue })}
                        </>
                      )}
                    </td>
                    <td>{t(`roles.${r.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {tasks.reviews !== null && tasks.reviews.length > REVIEWS_SHOWN && (
            <p>
              {t('tasks.reviews.shown', { shown: REVIEWS_SHOWN, count: tasks.reviews.length })}{' '}
              <Link to="/gennemgange">
                {t('tasks.reviews.all', { count: tasks.reviews.length })}
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}

function ApprovalTable({ items, empty }: { items: ApprovalJson[]; empty: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">{t('tasks.columns.case')}</th>
          <th scope="col">{t('tasks.columns.intervention')}</th>
          <th scope="col">{t('tasks.columns.why')}</th>
          <th scope="col">{t('tasks.columns.requestedBy')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>
              <Link
                to={`/opgaver/godkendelser/${a.id}`}
                aria-label={t('tasks.approvals.open', {
                  ref: a.interventionRef,
                  caseRef: a.caseRef,
                })}
              >
                {a.caseRef} · {a.interventionRef}
              </Link>
              <br />
              <span className="muted">
                {a.unit.name} · {t(`approvals.kinds.${a.kind}`)}
              </span>
            </td>
            <td>
              {a.intervention
                ? t(`cases.categories.${a.intervention.category}`, {
                    defaultValue: a.intervention.category,
                  })
                : '–'}
              {a.intervention && (
                <>
                  <br />
                  <span className="muted">
                    {a.intervention.provider} · {danishDate(a.intervention.startDate)}
                  </span>
                </>
              )}
            </td>
            <td>
              <CatchReasons reasons={a.reasons} />
            </td>
            <td>
              {a.requestedBy.name}
              <br />
              <span className="muted">{danishDateTime(a.requestedAt)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { danishDateTime } from '../../format';
import type { ApprovalJson } from '../../../shared/schemas/approvals';
import { CatchReasons } from '../tasks/reasons';

/** The case's approvals: who asked for which grant and why, who decided what and when. */
export function CaseApprovals({ items }: { items: ApprovalJson[] | undefined }) {
  const { t } = useTranslation();
  if (!items) return null;
  return (
    <section aria-labelledby="case-approvals">
      <h2 id="case-approvals">{t('approvals.case.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('approvals.case.none')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('tasks.columns.intervention')}</th>
              <th scope="col">{t('approvals.facts.rule')}</th>
              <th scope="col">{t('approvals.facts.requested')}</th>
              <th scope="col">{t('approvals.facts.status')}</th>
              <th scope="col">{t('approvals.facts.decided')}</th>
              <th scope="col">{t('approvals.facts.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link
                    to={`/opgaver/godkendelser/${a.id}`}
                    aria-label={t('approvals.case.open', { ref: a.interventionRef })}
                  >
                    {a.interventionRef}
                  </Link>
                </th>
                <td>
                  <CatchReasons reasons={a.reasons} />
                </td>
                <td>
                  {t('approvals.requestedBy', {
                    name: a.requestedBy.name,
                    at: danishDateTime(a.requestedAt),
                    source: t(`approvals.sources.${a.source}`),
                  })}
                </td>
                <td>
                  {a.status === 'pending'
                    ? t(`approvals.kinds.${a.kind}`)
                    : t(`approvals.statuses.${a.status}`)}
                </td>
                <td>
                  {a.decidedBy
                    ? t('approvals.decidedBy', {
                        name: a.decidedBy.name,
                        at: danishDateTime(a.decidedAt),
                      })
                    : '–'}
                </td>
                <td>{a.reason ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

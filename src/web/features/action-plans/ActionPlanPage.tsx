import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { ActionPlanResponse } from '../../../shared/schemas/action-plan';
import { danishDateTime, kr } from '../../format';
import { withUnit } from './plan-title';
import { IssueList } from './IssueList';
import { RealisationSection } from './RealisationSection';
import { SignoffPanel } from '../meetings/SignoffPanel';
import { VersionsSection } from './VersionsSection';
import { ForecastNow } from './ForecastNow';
import { OverspendSourceNote } from './OverspendSource';
import { ScrollRegion } from '../../components/ScrollRegion';

const MONTHS = Array.from({ length: 12 }, (_, i) => i);

/** /handleplaner/:id — the plan as the committee reads it, with its realisation and history. */
export function ActionPlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { user } = useAuth();
  const { data: plan, error, reload } = useApi<ActionPlanResponse>(`/action-plans/${id}`);
  const [actionError, setActionError] = useState<unknown>(null);
  const saved = (location.state as { saved?: number } | null)?.saved;
  if (error) return <ErrorMessage error={error} />;
  if (!plan) return <p aria-live="polite">{t('app.loading')}</p>;

  const mayWrite = may(user, 'plan.write');
  const mayActivate = may(user, 'plan.activate');

  const setStatus = async (status: 'active' | 'closed') => {
    setActionError(null);
    try {
      await api(`/action-plans/${id}/status`, {
        method: 'POST',
        body: { status, version: plan.version },
      });
      reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <>
      <p>
        <Link to="/handleplaner">{t('actionPlans.back')}</Link>
      </p>
      <h1>
        {withUnit(plan.title, plan.unit.name)}{' '}
        <span className={`ap-status ap-status-${plan.status}`}>
          {t(`actionPlans.status.${plan.status}`)}
        </span>
      </h1>
      <p className="muted">
        {t('actionPlans.version', { version: plan.version })} ·{' '}
        {t('actionPlans.lastChanged', { at: danishDateTime(plan.changedAt), user: plan.changedBy })}
      </p>
      {saved && (
        <p role="status" className="alert ap-ok">
          {t('actionPlans.actions.saved', { version: saved })}
        </p>
      )}
      <div className="ap-actions">
        {mayWrite && plan.status !== 'closed' && (
          <Link className="button-primary ap-link-button" to={`/handleplaner/${id}/rediger`}>
            {t('actionPlans.edit')}
          </Link>
        )}
        {mayActivate && plan.status === 'draft' && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void setStatus('active')}
          >
            {t('actionPlans.actions.activate')}
          </button>
        )}
        {mayActivate && plan.status === 'active' && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void setStatus('closed')}
          >
            {t('actionPlans.actions.close')}
          </button>
        )}
        <span className="ap-export" role="group" aria-label={t('actionPlans.actions.export')}>
          {t('actionPlans.actions.export')}:{' '}
          {(['docx', 'xlsx', 'pdf', 'json'] as const).map((f) => (
            <a
              key={f}
              className="button-secondary"
              href={`/api/action-plans/${id}/export?format=${f}`}
              download
            >
              {t(`actionPlans.export.${f}`)}
            </a>
          ))}
        </span>
      </div>
      <ErrorMessage error={actionError} />
      <IssueList issues={plan.issues} />

      <section aria-labelledby="ap-header-title" className="ap-section">
        <h2 id="ap-header-title">{t('actionPlans.documentTitle', { year: plan.year })}</h2>
        <dl className="ap-header">
          <dt>{t('actionPlans.fields.center')}</dt>
          <dd>
            {plan.center.name}{' '}
            {plan.center.responsible && (
              <span className="muted">
                ({t('actionPlans.fields.responsible')}: {plan.center.responsible})
              </span>
            )}
          </dd>
          <dt>{t('actionPlans.fields.unit')}</dt>
          <dd>
            {plan.unit.name}{' '}
            {plan.unit.responsible && (
              <span className="muted">
                ({t('actionPlans.fields.responsible')}: {plan.unit.responsible})
              </span>
            )}
          </dd>
          <dt>{t('actionPlans.fields.startedOn')}</dt>
          <dd>{danishDateTime(plan.startedOn) || '–'}</dd>
          <dt>{t('actionPlans.fields.updatedOn')}</dt>
          <dd>{danishDateTime(plan.updatedOn) || '–'}</dd>
        </dl>
        <h3>{t('actionPlans.fields.cause')}</h3>
        {plan.cause && <p>{plan.cause}</p>}
        {plan.causes.length > 0 && (
          <ul>
            {plan.causes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ap-areas-title" className="ap-section">
        <h2 id="ap-areas-title">{t('actionPlans.fields.areaTitle')}</h2>
        <table className="table ap-areas">
          <thead>
            <tr>
              <th scope="col">{t('actionPlans.table.area')}</th>
              <th scope="col">{t('actionPlans.table.goal')}</th>
              <th scope="col">{t('actionPlans.table.action')}</th>
              <th scope="col">{t('actionPlans.table.consequences')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.areas.map((a) => (
              <tr key={a.number}>
                <th scope="row">
                  {a.number} {a.title}
                </th>
                <td>{a.goal}</td>
                <td>{a.action}</td>
                <td>{a.consequences}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="ap-effect-title" className="ap-section">
        <h2 id="ap-effect-title">{t('actionPlans.table.effectTitle', { year: plan.year })}</h2>
        <ScrollRegion labelledBy="ap-effect-title">
          <table className="table ap-effect">
            <thead>
              <tr>
                <th scope="col">
                  <span className="ap-sr">{t('actionPlans.fields.areaTitle')}</span>
                </th>
                {MONTHS.map((m) => (
                  <th scope="col" className="num" key={m}>
                    <abbr title={t(`actionPlans.monthNames.${m}`)}>
                      {t(`actionPlans.months.${m}`)}
                    </abbr>
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('actionPlans.table.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.areas.map((a, i) => (
                <tr key={a.number}>
                  <th scope="row">{a.number}</th>
                  {a.monthlyEffect.map((v, m) => (
                    <td className="num" key={m}>
                      {v === 0 ? '' : kr(v)}
                    </td>
                  ))}
                  <td className="num ap-total">{kr(plan.totals.byArea[i]?.total ?? 0)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('actionPlans.table.totalRow')}</th>
                {plan.totals.byMonth.map((v, m) => (
                  <td className="num ap-total" key={m}>
                    {v === 0 ? '' : kr(v)}
                  </td>
                ))}
                <td className="num ap-total">{kr(plan.totals.grand)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="ap-overspend-title" className="ap-section">
        <h2 id="ap-overspend-title">{t('actionPlans.overspend.title')}</h2>
        <div className="ap-overspend-pair">
          <table className="table ap-overspend">
            <caption className="ap-caption">
              {t('actionPlans.overspend.per', { year: plan.year })}
            </caption>
            <tbody>
              {(
                [
                  ['atStart', plan.expectedOverspend.atStart, plan.overspendSources.atStart],
                  ['atLastUpdate', plan.expectedOverspend.atLastUpdate, undefined],
                  [
                    'afterThisUpdate',
                    plan.expectedOverspend.afterThisUpdate,
                    plan.overspendSources.afterThisUpdate,
                  ],
                ] as const
              ).map(([key, value, source]) => (
                <tr key={key}>
                  <th scope="row">{t(`actionPlans.overspend.${key}`)}</th>
                  <td className="num">{value === null ? '–' : kr(value)}</td>
                  <td className="ap-source-cell">
                    {source !== undefined && value !== null && (
                      <OverspendSourceNote source={source} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ForecastNow planId={plan.id} version={plan.version} year={plan.year} />
        </div>
      </section>

      <RealisationSection plan={plan} mayRecord={may(user, 'plan.realise')} onSaved={reload} />
      <VersionsSection planId={plan.id} currentVersion={plan.version} />
      <SignoffPanel objectType="action_plan" objectId={plan.id} version={plan.version} />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanMeasurementResponse } from '../../../shared/schemas/action-plan';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScrollRegion } from '../../components/ScrollRegion';
import { krWhole as whole } from '../../format';
import { useApi } from '../../use-api';
import { withUnit } from '../action-plans/plan-title';

/** An item of GET /api/action-plans (kroner). */
interface PlanItem {
  id: string;
  unitName: string;
  title: string;
  status: 'draft' | 'active' | 'closed';
  grand: number;
  expectedOverspendAtStart: number;
}

/** One plan's row: planned and realised (measured from the commitments plus by hand) to date. */
function PlanRow({ plan, monthIndex }: { plan: PlanItem; monthIndex: number }) {
  const { t } = useTranslation();
  const { data, error } = useApi<PlanMeasurementResponse>(`/action-plans/${plan.id}/measured`);
  const month = data?.realisation.months[monthIndex];
  return (
    <tr>
      <th scope="row">
        <Link to={`/handleplaner/${plan.id}`}>{withUnit(plan.title, plan.unitName)}</Link>
      </th>
      <td>{t(`actionPlans.status.${plan.status}`)}</td>
      <td className="num">{whole(plan.expectedOverspendAtStart)}</td>
      <td className="num">{whole(plan.grand)}</td>
      <td className="num">{month ? whole(month.cumulativePlanned) : ''}</td>
      <td className="num">
        {error ? (
          <ErrorMessage error={error} />
        ) : !data ? (
          <span className="muted">{t('dashboard.plans.measuring')}</span>
        ) : month?.cumulativeRealised === null || month === undefined ? (
          <span className="muted">{t('dashboard.plans.notRecorded')}</span>
        ) : (
          whole(month.cumulativeRealised)
        )}
      </td>
    </tr>
  );
}

/**
 * The year's action plans with their planned effect and, through the month of the as-of date,
 * planned against realised (GET /api/action-plans/{id}/measured, as on the plan's own page).
 */
export function PlansOverview({ year, asOf }: { year: number; asOf: string }) {
  const { t } = useTranslation();
  const { data, error } = useApi<{ items: PlanItem[] }>(`/action-plans?year=${year}`);
  const monthIndex = Number(asOf.slice(5, 7)) - 1;
  const month = t(`actionPlans.monthNames.${monthIndex}`);
  return (
    <section aria-labelledby="front-plans-title" className="front-section">
      <h2 id="front-plans-title">{t('dashboard.plans.title', { year })}</h2>
      <ErrorMessage error={error} />
      {data && data.items.length === 0 && <p>{t('dashboard.plans.none', { year })}</p>}
      {data && data.items.length > 0 && (
        <>
          <ScrollRegion labelledBy="front-plans-caption">
            <table className="table">
              <caption id="front-plans-caption" className="sr-only">
                {t('dashboard.plans.caption', { month })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.plans.plan')}</th>
                  <th scope="col">{t('dashboard.plans.status')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.plans.atStart')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.plans.plannedTotal')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.plans.plannedToDate', { month })}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.plans.realisedToDate', { month })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <PlanRow key={p.id} plan={p} monthIndex={monthIndex} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="muted">{t('dashboard.plans.note')}</p>
        </>
      )}
    </section>
  );
}

import './action-plans.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { ActionPlanResponse } from '../../../shared/schemas/action-plan';
import type { RequiredPlans as RequiredPlansAnswer } from '../../../shared/schemas/action-plan-required';
import { may, useAuth } from '../../auth';
import { useBookedPeriod } from '../../booked-period';
import { BookedNote } from '../../components/BookedNote';
import { danishDateTime, krWhole } from '../../format';
import { ExpectedOverspendForm, type UnitOption } from './PlanForms';

/**
 * "Handleplan påkrævet": units whose expected overspend for the year is above the threshold,
 * each with its plan or a one-click draft, and whether the figure is from the forecast or
 * entered by hand. Used on the dashboard and the plan list; shows a loading state while the
 * forecast is computed.
 */
export function RequiredPlans({
  year,
  headingLevel = 2,
  withEntry = false,
}: {
  year: number;
  headingLevel?: 2 | 3;
  withEntry?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const mayWrite = may(user, 'plan.write');
  const org = useApi<{ units: UnitOption[] }>(withEntry && mayWrite ? '/organisation' : null);
  // a figure entered by hand counts only for a unit without a budget for the year (otherwise
  // the forecast decides), so the form offers only those units, and is left out when none is
  const budgets = useApi<{ lines: { unitId: string }[] }>(
    withEntry && mayWrite ? `/budgets/${year}` : null,
  );
  const budgeted = new Set(budgets.data?.lines.map((l) => l.unitId));
  const unbudgeted = budgets.data ? (org.data?.units ?? []).filter((u) => !budgeted.has(u.id)) : [];
  const booked = useBookedPeriod();
  const { data, error, reload } = useApi<RequiredPlansAnswer>(
    `/action-plans/required?year=${year}`,
  );
  const [createError, setCreateError] = useState<unknown>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const createDraft = async (unitId: string) => {
    setCreateError(null);
    try {
      const plan = await api<ActionPlanResponse>(`/units/${unitId}/action-plan-draft`, {
        method: 'POST',
        body: { year },
      });
      void navigate(`/handleplaner/${plan.id}/rediger`);
    } catch (e) {
      setCreateError(e);
    }
  };
  return (
    <section aria-labelledby="ap-required-title" className="ap-section">
      <Heading id="ap-required-title">
        {t('actionPlans.required.title')} ({year})
      </Heading>
      <ErrorMessage error={error ?? createError} />
      {data && booked.known && <BookedNote asOf={data.asOf} bookedThrough={booked.bookedThrough} />}
      {!data && !error && (
        <p role="status" className="muted">
          {t('actionPlans.required.loading')}
        </p>
      )}
      {data && data.items.length === 0 && <p>{t('actionPlans.required.none')}</p>}
      {data && data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('actionPlans.unit')}</th>
              <th scope="col" className="num">
                {t('actionPlans.required.expected')}
              </th>
              <th scope="col">{t('actionPlans.required.source')}</th>
              <th scope="col">{t('actionPlans.required.plan')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.unit.id}>
                <th scope="row">
                  {item.unit.name}{' '}
                  <span className="ap-badge">{t('actionPlans.required.badge')}</span>
                </th>
                <td className="num">{krWhole(item.expectedOverspend)} kr.</td>
                <td>
                  {item.source === 'forecast'
                    ? t('actionPlans.required.fromForecast', { date: danishDateTime(item.asOf) })
                    : t('actionPlans.required.manual')}
                </td>
                <td>
                  {item.plan ? (
                    <Link to={`/handleplaner/${item.plan.id}`}>
                      {item.plan.title} · {t(`actionPlans.status.${item.plan.status}`)}
                    </Link>
                  ) : !mayWrite ? (
                    <span className="muted">{t('actionPlans.required.noPlan')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => void createDraft(item.unit.id)}
                    >
                      {t('actionPlans.actions.createDraft')}
                      <span className="ap-sr"> – {item.unit.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {withEntry && mayWrite && unbudgeted.length > 0 && (
        <>
          <p className="muted">{t('actionPlans.required.enterHint')}</p>
          <ExpectedOverspendForm units={unbudgeted} year={year} onSaved={reload} />
        </>
      )}
    </section>
  );
}

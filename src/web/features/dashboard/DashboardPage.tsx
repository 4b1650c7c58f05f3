import './dashboard.css';
import { useTranslation } from 'react-i18next';
import { formatKroner, oreFromKroner } from '../../../domain/money';
import { may, useAuth } from '../../auth';
import { defaultAsOf, useBookedPeriod } from '../../booked-period';
import { openingYear } from '../../../domain/budget/booked-period';
import { ErrorMessage } from '../../components/ErrorMessage';
import { today } from '../../format';
import { useApi } from '../../use-api';
import { RequiredPlans } from '../action-plans/RequiredPlans';
import { TasksPanel } from '../tasks/TasksPanel';
import { DueReviewsPanel } from './DueReviewsPanel';
import { PlansOverview } from './PlansOverview';
import { UnitOverview } from './UnitOverview';

interface Organisation {
  municipality: string;
  actionPlanThreshold: number;
}

/**
 * The front page, by what the user's roles grant: the figures of the units they may read (budget,
 * forecast, expected overspend, change, probability, charts), which units need an action plan and
 * the plans' effect; their tasks; for a rådgiver the cases due for review. A læser sees the
 * figures only (totals, never single cases).
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { data, error } = useApi<Organisation>('/organisation');
  const booked = useBookedPeriod();
  const seesFigures = may(user, 'forecast.read');
  const isReaderOnly = !!user && user.roles.every((r) => r === 'laeser');
  const seesPlans = seesFigures && !isReaderOnly && may(user, 'plan.read');
  const year = openingYear(booked.bookedThrough, today());
  const asOf = defaultAsOf(year, booked.bookedThrough);
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <ErrorMessage error={error} />
      {data && (
        <p>
          {t('dashboard.intro', { municipality: data.municipality })}{' '}
          <span className="muted">
            {t('dashboard.threshold', {
              amount: formatKroner(oreFromKroner(data.actionPlanThreshold)),
            })}
          </span>
        </p>
      )}
      {isReaderOnly && <p className="muted">{t('dashboard.aggregatesOnly')}</p>}
      <TasksPanel />
      {user?.roles.includes('raadgiver') && <DueReviewsPanel />}
      {seesFigures && booked.ready && (
        <UnitOverview year={year} asOf={asOf} bookedThrough={booked.bookedThrough} />
      )}
      {seesPlans && <RequiredPlans year={year} />}
      {seesPlans && may(user, 'commitment.read') && booked.ready && (
        <PlansOverview year={year} asOf={asOf} />
      )}
    </>
  );
}

import './budget.css';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { BacktestPage } from './BacktestPage';
import { BudgetGridPage } from './BudgetGridPage';
import { ForecastPage } from './ForecastPage';
import { LedgerImportPage } from './LedgerImportPage';
import { PostingsPage } from './PostingsPage';
import { RoundsPage } from './RoundsPage';
import { may, useAuth } from '../../auth';

const TABS = [
  { to: '/budget', key: 'dashboard', end: true },
  { to: '/budget/budgetter', key: 'budgets' },
  { to: '/budget/posteringer', key: 'postings' },
  { to: '/budget/import', key: 'import', action: 'ledger.import' },
  { to: '/budget/opfoelgninger', key: 'rounds' },
  { to: '/budget/traefsikkerhed', key: 'backtest' },
] as const;

/** Everything under /budget: forecast, budgets, ledger import, follow-up rounds, accuracy. */
export function BudgetRoutes() {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <>
      <nav aria-label={t('budget.nav.label')} className="budget-tabs">
        <ul>
          {TABS.filter((tab) => !('action' in tab) || may(user, tab.action)).map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={'end' in tab}>
                {t(`budget.nav.${tab.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<ForecastPage />} />
        <Route path="budgetter" element={<BudgetGridPage />} />
        <Route path="import" element={<LedgerImportPage />} />
        <Route path="posteringer" element={<PostingsPage />} />
        <Route path="opfoelgninger" element={<RoundsPage />} />
        <Route path="traefsikkerhed" element={<BacktestPage />} />
      </Routes>
    </>
  );
}

import { NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { may, useAuth } from '../../auth';
import './cases.css';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';
import { FamiliesPage } from './FamiliesPage';
import { ImportPage } from './ImportPage';
import { MovementPage } from './MovementPage';
import { NewCasePage } from './NewCasePage';
import { ProvidersPage } from './ProvidersPage';
import { RatesPage } from './RatesPage';
import { ReimbursementPage } from './ReimbursementPage';
import { StatementPage } from './StatementPage';

const TABS = [
  { to: '/sager', key: 'statement', end: true },
  { to: '/sager/bevaegelser', key: 'movement' },
  { to: '/sager/familier', key: 'families' },
  { to: '/sager/refusion', key: 'reimbursement' },
  { to: '/sager/liste', key: 'list', action: 'case.read' },
  { to: '/sager/import', key: 'import', action: 'case.import' },
  { to: '/sager/takster', key: 'rates' },
  { to: '/sager/leverandoerer', key: 'providers' },
] as const;

/** Everything under /sager: commitment statements, cases, reimbursement and import. */
export function CaseRoutes() {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <>
      <nav aria-label={t('cases.nav.label')} className="cases-tabs">
        <ul>
          {TABS.filter((tab) => !('action' in tab) || may(user, tab.action)).map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={'end' in tab}>
                {t(`cases.nav.${tab.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<StatementPage />} />
        <Route path="bevaegelser" element={<MovementPage />} />
        <Route path="familier" element={<FamiliesPage />} />
        <Route path="refusion" element={<ReimbursementPage />} />
        <Route path="liste" element={<CaseListPage />} />
        <Route path="sag/:id" element={<CasePage />} />
        <Route path="ny" element={<NewCasePage />} />
        <Route path="takster" element={<RatesPage />} />
        <Route path="leverandoerer" element={<ProvidersPage />} />
        <Route path="import" element={<ImportPage />} />
      </Routes>
    </>
  );
}

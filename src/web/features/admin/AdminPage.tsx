import { NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { may, useAuth } from '../../auth';
import { ApprovalRulesAdmin } from './ApprovalRulesAdmin';
import { AuditTrail } from './AuditTrail';
import { OrganisationAdmin } from './OrganisationAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { UsersAdmin } from './UsersAdmin';
import './admin.css';

const TABS = [
  { to: '/administration', key: 'admin.tabs.organisation', end: true },
  { to: '/administration/brugere', key: 'admin.tabs.users', end: false },
  { to: '/administration/indstillinger', key: 'admin.tabs.settings', end: false },
  { to: '/administration/godkendelsesregler', key: 'approvals.rules.tab', end: false },
  { to: '/administration/revisionsspor', key: 'admin.tabs.audit', end: false },
] as const;

/** Administration: organisation, users, settings and the audit trail, for administrators. */
export function AdminPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!may(user, 'users.manage')) {
    return (
      <>
        <h1>{t('admin.title')}</h1>
        <p role="alert" className="alert alert-warning">
          {t('admin.onlyAdministrators')}
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.tabs.label')} className="admin-tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end}>
                {t(tab.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<OrganisationAdmin />} />
        <Route path="brugere" element={<UsersAdmin />} />
        <Route path="indstillinger" element={<SettingsAdmin />} />
        <Route path="godkendelsesregler" element={<ApprovalRulesAdmin />} />
        <Route path="revisionsspor" element={<AuditTrail />} />
      </Routes>
    </>
  );
}

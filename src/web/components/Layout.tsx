import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { may, useAuth } from '../auth';
import { switchLanguage } from '../i18n';
import { NotificationBell } from '../features/meetings/NotificationBell';
import { hasTasks } from '../features/tasks/use-tasks';

export const NAV_ITEMS = [
  { to: '/', key: 'nav.dashboard' },
  { to: '/opgaver', key: 'tasks.nav' },
  { to: '/handleplaner', key: 'nav.actionPlans' },
  { to: '/sager', key: 'nav.cases' },
  { to: '/budget', key: 'nav.budget' },
  { to: '/rapporter', key: 'nav.reports' },
  { to: '/moeder', key: 'meetings.nav' },
  { to: '/gennemgange', key: 'reviews.nav' },
  { to: '/administration', key: 'nav.admin' },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-actions">
          {user && <NotificationBell />}
          {user && <span className="who">{t('app.loggedInAs', { name: user.displayName })}</span>}
          <button type="button" className="link-button" onClick={switchLanguage}>
            {t('app.switchLanguage')}
          </button>
          {user && (
            <button type="button" className="button-secondary" onClick={() => void logout()}>
              {t('app.logout')}
            </button>
          )}
        </div>
      </header>
      <div className="shell">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {NAV_ITEMS.filter(
              (item) =>
                (item.to !== '/administration' || may(user, 'users.manage')) &&
                (item.to !== '/opgaver' || hasTasks(user)) &&
                (item.to !== '/moeder' ||
                  may(user, 'meeting.read') ||
                  may(user, 'committee.read')) &&
                (item.to !== '/gennemgange' || may(user, 'review.read')),
            ).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}

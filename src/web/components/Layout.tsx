import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { may, useAuth } from '../auth';
import { switchLanguage } from '../i18n';
import { NotificationBell } from '../features/meetings/NotificationBell';
import { hasTasks } from '../features/tasks/use-tasks';

/**
 * The main menu. An item is offered only to a user who may do at least one of its actions
 * (`anyOf`), so no role is shown a screen that would only say "Du har ikke rettighed".
 */
export const NAV_ITEMS: readonly { to: string; key: string; anyOf?: readonly string[] }[] = [
  { to: '/', key: 'nav.dashboard' },
  { to: '/opgaver', key: 'tasks.nav' },
  { to: '/handleplaner', key: 'nav.actionPlans', anyOf: ['plan.read'] },
  { to: '/sager', key: 'nav.cases', anyOf: ['case.read', 'commitment.read'] },
  { to: '/budget', key: 'nav.budget', anyOf: ['forecast.read', 'budget.read'] },
  { to: '/rapporter', key: 'nav.reports', anyOf: ['report.read'] },
  { to: '/moeder', key: 'meetings.nav', anyOf: ['meeting.read', 'committee.read'] },
  { to: '/gennemgange', key: 'reviews.nav', anyOf: ['review.read'] },
  { to: '/administration', key: 'nav.admin', anyOf: ['users.manage'] },
];

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
                (item.to !== '/opgaver' || hasTasks(user)) &&
                (!item.anyOf || item.anyOf.some((action) => may(user, action))),
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
          <Suspense fallback={<p aria-live="polite">{t('app.loading')}</p>}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </>
  );
}

import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider, useAuth } from './auth';
import { queryClient } from './query-client';
import { Layout } from './components/Layout';
import { lazyNamed } from './lazy-named';
import { LoginPage } from './features/login/LoginPage';
import { ComingSoon } from './features/placeholder/ComingSoon';

// Each feature is its own bundle, fetched when first opened, so the first paint waits only for
// the shell.

const DashboardPage = lazyNamed(
  () => import('./features/dashboard/DashboardPage'),
  'DashboardPage',
);
const ActionPlanRoutes = lazyNamed(
  () => import('./features/action-plans/ActionPlanRoutes'),
  'ActionPlanRoutes',
);
const CaseRoutes = lazyNamed(() => import('./features/cases/CaseRoutes'), 'CaseRoutes');
const BudgetRoutes = lazyNamed(() => import('./features/budget/BudgetRoutes'), 'BudgetRoutes');
const ReportRoutes = lazyNamed(
  () => import('./features/status-reports/ReportRoutes'),
  'ReportRoutes',
);
const MeetingRoutes = lazyNamed(() => import('./features/meetings/MeetingRoutes'), 'MeetingRoutes');
const TaskRoutes = lazyNamed(() => import('./features/tasks/TaskRoutes'), 'TaskRoutes');
const NotificationsPage = lazyNamed(
  () => import('./features/meetings/NotificationsPage'),
  'NotificationsPage',
);
const ReviewsPage = lazyNamed(() => import('./features/reviews/ReviewsPage'), 'ReviewsPage');
const AdminPage = lazyNamed(() => import('./features/admin/AdminPage'), 'AdminPage');

function Routed() {
  const { t } = useTranslation();
  const { user, isLoading } = useAuth();
  if (isLoading) return <p aria-live="polite">{t('app.loading')}</p>;
  if (!user) return <LoginPage />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<DashboardPage />} />
        <Route path="handleplaner/*" element={<ActionPlanRoutes />} />
        <Route path="sager/*" element={<CaseRoutes />} />
        <Route path="budget/*" element={<BudgetRoutes />} />
        <Route path="rapporter/*" element={<ReportRoutes />} />
        <Route path="moeder/*" element={<MeetingRoutes />} />
        <Route path="opgaver/*" element={<TaskRoutes />} />
        <Route path="notifikationer" element={<NotificationsPage />} />
        <Route path="gennemgange" element={<ReviewsPage />} />
        <Route path="administration/*" element={<AdminPage />} />
        <Route path="*" element={<ComingSoon titleKey="errors.not_found" />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider>
          <Routed />
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

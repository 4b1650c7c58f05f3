import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth';
import { Layout } from './components/Layout';
import { ActionPlanRoutes } from './features/action-plans/ActionPlanRoutes';
import { AdminPage } from './features/admin/AdminPage';
import { BudgetRoutes } from './features/budget/BudgetRoutes';
import { CaseRoutes } from './features/cases/CaseRoutes';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { LoginPage } from './features/login/LoginPage';
import { ReportRoutes } from './features/status-reports/ReportRoutes';
import { ComingSoon } from './features/placeholder/ComingSoon';
import { MeetingRoutes } from './features/meetings/MeetingRoutes';
import { NotificationsPage } from './features/meetings/NotificationsPage';
import { ReviewsPage } from './features/reviews/ReviewsPage';
import { TaskRoutes } from './features/tasks/TaskRoutes';

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
    <BrowserRouter>
      <AuthProvider>
        <Routed />
      </AuthProvider>
    </BrowserRouter>
  );
}

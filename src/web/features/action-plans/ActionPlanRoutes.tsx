import { Route, Routes } from 'react-router';
import './action-plans.css';
import { ActionPlanEditor } from './ActionPlanEditor';
import { ActionPlanListPage } from './ActionPlanListPage';
import { ActionPlanPage } from './ActionPlanPage';

/** Everything under /handleplaner. */
export function ActionPlanRoutes() {
  return (
    <Routes>
      <Route index element={<ActionPlanListPage year={new Date().getFullYear()} />} />
      <Route path=":id" element={<ActionPlanPage />} />
      <Route path=":id/rediger" element={<ActionPlanEditor />} />
    </Routes>
  );
}

import { Route, Routes } from 'react-router';
import { ApprovalPage } from './ApprovalPage';
import { TasksPage } from './TasksPage';

/** Everything under /opgaver. */
export function TaskRoutes() {
  return (
    <Routes>
      <Route index element={<TasksPage />} />
      <Route path="godkendelser/:id" element={<ApprovalPage />} />
    </Routes>
  );
}

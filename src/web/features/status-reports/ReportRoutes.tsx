import { Route, Routes } from 'react-router';
import './reports.css';
import { ReportListPage } from './ReportListPage';
import { ReportPage } from './ReportPage';

/** Everything under /rapporter. */
export function ReportRoutes() {
  return (
    <Routes>
      <Route index element={<ReportListPage />} />
      <Route path=":id" element={<ReportPage />} />
      <Route path=":id/rediger" element={<ReportPage edit />} />
    </Routes>
  );
}

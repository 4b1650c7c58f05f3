import { Route, Routes } from 'react-router';
import './meetings.css';
import { MeetingPage } from './MeetingPage';
import { MeetingsPage } from './MeetingsPage';

/** Everything under /moeder. */
export function MeetingRoutes() {
  return (
    <Routes>
      <Route index element={<MeetingsPage />} />
      <Route path=":id" element={<MeetingPage />} />
    </Routes>
  );
}

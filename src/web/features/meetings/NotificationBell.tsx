import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { NotificationListJson } from '../../../shared/schemas/meetings';
import { useApi } from '../../use-api';

/** The header's link to the notifications, with the unread count (read again on each page). */
export function NotificationBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data } = useApi<NotificationListJson>(
    `/notifications?at=${encodeURIComponent(location.key)}`,
  );
  const unread = data?.unread ?? 0;
  return (
    <Link
      to="/notifikationer"
      className="notification-bell"
      aria-label={t('meetings.notifications.bell', { count: unread })}
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
      </svg>
      {unread > 0 && (
        <span className="count" aria-hidden="true">
          {unread}
        </span>
      )}
    </Link>
  );
}

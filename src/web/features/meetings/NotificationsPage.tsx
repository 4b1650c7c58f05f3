import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationListJson } from '../../../shared/schemas/meetings';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDateTime } from '../../format';
import { useApi } from '../../use-api';
import { CheckField, TextField } from '../../components/forms';

/** /notifikationer — the user's notifications, marking them read, and the e-mail digest. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<NotificationListJson>('/notifications');
  const [actionError, setActionError] = useState<unknown>(null);
  const markRead = async (ids?: string[]) => {
    setActionError(null);
    try {
      await api('/notifications/read', { method: 'POST', body: ids ? { ids } : {} });
      reload();
    } catch (err) {
      setActionError(err);
    }
  };
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('meetings.notifications.title')}</h1>
      <ErrorMessage error={actionError} />
      {data.items.length === 0 ? (
        <p>{t('meetings.notifications.none')}</p>
      ) : (
        <>
          {data.unread > 0 && (
            <button type="button" className="button-secondary" onClick={() => void markRead()}>
              {t('meetings.notifications.markAll')}
            </button>
          )}
          <ul className="notification-list">
            {data.items.map((n) => (
              <li key={n.id} className={n.read ? '' : 'unread'}>
                {n.link ? <Link to={n.link}>{n.text}</Link> : n.text}{' '}
                <span className="muted">
                  {danishDateTime(n.createdAt)}
                  {!n.read && ` · ${t('meetings.notifications.unread')}`}
                </span>{' '}
                {!n.read && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void markRead([n.id])}
                  >
                    {t('meetings.notifications.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <EmailSettings
        key={`${data.email ?? ''}|${String(data.digest)}`}
        data={data}
        reload={reload}
      />
    </>
  );
}

function EmailSettings({ data, reload }: { data: NotificationListJson; reload: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(data.email ?? '');
  const [digest, setDigest] = useState(data.digest);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('/notifications/email', {
        method: 'PUT',
        body: { email: email.trim() || null, digest },
      });
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="email-heading" className="meeting-form">
      <h2 id="email-heading" style={{ gridColumn: '1 / -1' }}>
        {t('meetings.notifications.email')}
      </h2>
      {!data.emailEnabled && (
        <p style={{ gridColumn: '1 / -1' }}>{t('meetings.notifications.emailOff')}</p>
      )}
      <TextField
        label={t('meetings.notifications.emailAddress')}
        type="email"
        autoComplete="email"
        value={email}
        onValue={setEmail}
      />
      <CheckField label={t('meetings.notifications.digest')} checked={digest} onValue={setDigest} />
      <div className="form-actions">
        <ErrorMessage error={error} />
        {saved && <p role="status">{t('meetings.notifications.saved')}</p>}
        <button type="submit" className="button-primary">
          {t('meetings.notifications.save')}
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SignoffStateJson } from '../../../shared/schemas/meetings';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate, danishDateTime } from '../../format';
import { useApi } from '../../use-api';

/**
 * Ledelse's sign-off of a status report or action plan and the committee meetings it was
 * presented at ("Forelagt udvalget den 12.05.2020"), shown on the report and the plan.
 * `version` is the version on screen: a request or sign-off is for exactly that version.
 */
export function SignoffPanel({
  objectType,
  objectId,
  version,
}: {
  objectType: 'status_report' | 'action_plan';
  objectId: string;
  version: number;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { data, reload } = useApi<SignoffStateJson>(
    `/signoffs/${objectType}/${objectId}?v=${version}`,
  );
  const [error, setError] = useState<unknown>(null);
  if (!data) return null;
  const act = async (path: string) => {
    setError(null);
    try {
      await api(path, { method: 'POST', body: { objectType, objectId, version } });
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const s = data.signoff;
  let state: string;
  if (data.holds && s)
    state = t('meetings.signoff.signed', {
      name: s.signedByName ?? '',
      at: danishDateTime(s.signedAt),
    });
  else if (s?.status === 'signed') state = t('meetings.signoff.void', { version: s.objectVersion });
  else if (s?.status === 'requested' && s.objectVersion === data.currentVersion)
    state = t('meetings.signoff.requested', { by: s.requestedBy ?? '' });
  else state = t('meetings.signoff.none');
  return (
    <section className="signoff-panel" aria-labelledby={`signoff-${objectId}`}>
      <h2 id={`signoff-${objectId}`}>{t('meetings.signoff.title')}</h2>
      <p>{state}</p>
      {data.presented.length === 0 ? (
        <p>{t('meetings.signoff.notPresented')}</p>
      ) : (
        <ul>
          {data.presented.map((p) => (
            <li key={p.meetingId}>
              <Link to={`/moeder/${p.meetingId}`}>
                {t('meetings.signoff.presentedAt', { date: danishDate(p.heldOn) })}
              </Link>{' '}
              <span className="muted">({p.meetingTitle})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t('meetings.signoff.rule')}</p>
      <ErrorMessage error={error} />
      <div className="actions">
        {!data.holds && may(user, 'signoff.request') && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void act('/signoffs/requests')}
          >
            {t('meetings.signoff.request')}
          </button>
        )}
        {!data.holds && may(user, 'signoff.sign') && (
          <button type="button" className="button-primary" onClick={() => void act('/signoffs')}>
            {t('meetings.signoff.sign')}
          </button>
        )}
      </div>
    </section>
  );
}

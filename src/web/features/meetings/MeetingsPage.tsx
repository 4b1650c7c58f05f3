import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PARTICIPANT_ROLES } from '../../../domain/governance/meetings';
import type { MeetingJson } from '../../../shared/schemas/meetings';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate, today } from '../../format';
import { useApi } from '../../use-api';
import { PresentedLink } from './PresentedLink';
import { DateField, SelectField, TextField } from '../../components/forms';

/** /moeder — visitation meetings of the user's units and the committee calendar. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { data, error } = useApi<{ items: MeetingJson[] }>('/meetings');
  const visitation = data?.items.filter((m) => m.kind === 'visitation') ?? [];
  const [showAll, setShowAll] = useState(false);
  // the committee meets monthly: last year and what is ahead, unless all are asked for
  const since = `${Number(today().slice(0, 4)) - 1}-01-01`;
  const allCommittee = data?.items.filter((m) => m.kind === 'committee') ?? [];
  const committee = showAll ? allCommittee : allCommittee.filter((m) => m.heldOn >= since);
  return (
    <>
      <h1>{t('meetings.title')}</h1>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {data && may(user, 'meeting.read') && (
        <section aria-labelledby="visitation-heading">
          <h2 id="visitation-heading">{t('meetings.visitation.title')}</h2>
          {visitation.length === 0 ? (
            <p>{t('meetings.visitation.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('meetings.fields.heldOn')}</th>
                  <th scope="col">{t('meetings.fields.title')}</th>
                  <th scope="col">{t('meetings.fields.unit')}</th>
                  <th scope="col" className="num">
                    {t('meetings.fields.items')}
                  </th>
                  <th scope="col" className="num">
                    {t('meetings.fields.open')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {visitation
                  .slice()
                  .reverse()
                  .map((m) => (
                    <tr key={m.id}>
                      <td>{danishDate(m.heldOn)}</td>
                      <td>
                        <Link to={`/moeder/${m.id}`}>{m.title}</Link>
                      </td>
                      <td>{m.unitName}</td>
                      <td className="num">{m.itemCount}</td>
                      <td className="num">{m.openCount}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {may(user, 'meeting.manage') && <NewVisitationMeeting />}
        </section>
      )}
      {data && may(user, 'committee.read') && (
        <section aria-labelledby="committee-heading">
          <h2 id="committee-heading">{t('meetings.committee.title')}</h2>
          {committee.length === 0 ? (
            <p>{t('meetings.committee.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('meetings.fields.heldOn')}</th>
                  <th scope="col">{t('meetings.fields.title')}</th>
                  <th scope="col">{t('meetings.fields.materialDeadline')}</th>
                  <th scope="col">{t('meetings.committee.presented')}</th>
                </tr>
              </thead>
              <tbody>
                {committee
                  .slice()
                  .reverse()
                  .map((m) => (
                    <tr key={m.id}>
                      <td>{danishDate(m.heldOn)}</td>
                      <td>
                        <Link to={`/moeder/${m.id}`}>{m.title}</Link>
                      </td>
                      <td>{danishDate(m.materialDeadline)}</td>
                      <td>
                        {(m.presented ?? []).map((p) => (
                          <div key={`${p.objectType}-${p.objectId}`}>
                            <PresentedLink
                              objectType={p.objectType}
                              objectId={p.objectId}
                              title={p.objectTitle}
                            />
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {allCommittee.length > committee.length && (
            <p>
              <button type="button" className="button-secondary" onClick={() => setShowAll(true)}>
                {t('meetings.committee.showAll', { count: allCommittee.length })}
              </button>
            </p>
          )}
          {may(user, 'committee.write') && <NewCommitteeMeeting />}
        </section>
      )}
    </>
  );
}

function NewVisitationMeeting() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: org } = useApi<{ units: { id: string; name: string }[] }>('/organisation');
  const [heldOn, setHeldOn] = useState(today());
  const [unitId, setUnitId] = useState('');
  const [title, setTitle] = useState<string>(t('meetings.visitation.defaultTitle'));
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const units = org?.units ?? [];
  const unit = unitId || units[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await api<MeetingJson>('/meetings', {
        method: 'POST',
        body: {
          kind: 'visitation',
          heldOn,
          unitId: unit,
          title,
          participants: PARTICIPANT_ROLES.filter((r) => names[r]?.trim()).map((role) => ({
            role,
            name: names[role]?.trim() ?? '',
          })),
        },
      });
      void navigate(`/moeder/${created.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form
      className="meeting-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="new-visitation"
    >
      <h3 id="new-visitation" style={{ gridColumn: '1 / -1' }}>
        {t('meetings.visitation.new')}
      </h3>
      <DateField label={t('meetings.fields.heldOn')} value={heldOn} onValue={setHeldOn} required />
      <SelectField
        label={t('meetings.fields.unit')}
        value={unit}
        onValue={setUnitId}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
      />
      <TextField label={t('meetings.fields.title')} value={title} onValue={setTitle} required />
      <fieldset>
        <legend>{t('meetings.participants')}</legend>
        {PARTICIPANT_ROLES.map((role) => (
          <TextField
            key={role}
            label={t('meetings.fields.participant', { role: t(`meetings.roles.${role}`) })}
            value={names[role] ?? ''}
            onValue={(v) => setNames((n) => ({ ...n, [role]: v }))}
          />
        ))}
      </fieldset>
      <div className="form-actions">
        <ErrorMessage error={error} />
        <button type="submit" className="button-primary">
          {t('meetings.visitation.new')}
        </button>
      </div>
    </form>
  );
}

function NewCommitteeMeeting() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [heldOn, setHeldOn] = useState('');
  const [deadline, setDeadline] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await api<MeetingJson>('/meetings', {
        method: 'POST',
        body: { kind: 'committee', heldOn, materialDeadline: deadline, title },
      });
      void navigate(`/moeder/${created.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="meeting-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-committee">
      <h3 id="new-committee" style={{ gridColumn: '1 / -1' }}>
        {t('meetings.committee.new')}
      </h3>
      <DateField label={t('meetings.fields.heldOn')} value={heldOn} onValue={setHeldOn} required />
      <DateField
        label={t('meetings.fields.materialDeadline')}
        value={deadline}
        onValue={setDeadline}
        required
      />
      <TextField label={t('meetings.fields.title')} value={title} onValue={setTitle} required />
      <div className="form-actions">
        <ErrorMessage error={error} />
        <button type="submit" className="button-primary">
          {t('meetings.committee.new')}
        </button>
      </div>
    </form>
  );
}

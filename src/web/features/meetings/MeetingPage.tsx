import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type {
  MeetingItemJson,
  MeetingJson,
  PendingVisitationJson,
} from '../../../shared/schemas/meetings';
import type { StatusReportListItemJson } from '../../../shared/schemas/status-report';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate, kr } from '../../format';
import { useApi } from '../../use-api';
import { PresentedLink } from './PresentedLink';
import { SelectField, TextField } from '../../components/forms';

/** /moeder/:id — a visitation meeting (agenda, decisions, minutes) or a committee meeting. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, reload } = useApi<MeetingJson>(`/meetings/${id}`);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{t('app.loading')}</p>;
  return data.kind === 'visitation' ? (
    <VisitationMeeting meeting={data} reload={reload} />
  ) : (
    <CommitteeMeeting meeting={data} reload={reload} />
  );
}

function VisitationMeeting({ meeting, reload }: { meeting: MeetingJson; reload: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const items = meeting.items ?? [];
  return (
    <>
      <p>
        <Link to="/moeder">{t('meetings.title')}</Link>
      </p>
      <h1>{meeting.title}</h1>
      <dl className="facts">
        <dt>{t('meetings.fields.heldOn')}</dt>
        <dd>{danishDate(meeting.heldOn)}</dd>
        <dt>{t('meetings.fields.unit')}</dt>
        <dd>{meeting.unitName}</dd>
        <dt>{t('meetings.participants')}</dt>
        <dd>
          {meeting.participants
            .map((p) => `${p.name} (${t(`meetings.roles.${p.role}`)})`)
            .join(', ') || '–'}
        </dd>
      </dl>
      <p>
        <a href={`/api/meetings/${meeting.id}/minutes?format=docx`} download>
          {t('meetings.minutes.word')}
        </a>{' '}
        ·{' '}
        <a href={`/api/meetings/${meeting.id}/minutes?format=pdf`} download>
          {t('meetings.minutes.pdf')}
        </a>
      </p>
      <h2>{t('meetings.agenda.title')}</h2>
      {items.length === 0 ? (
        <p>{t('meetings.agenda.empty')}</p>
      ) : (
        <ol className="agenda">
          {items.map((item) => (
            <AgendaItem
              key={item.id}
              meeting={meeting}
              item={item}
              mayDecide={may(user, 'meeting.decide')}
              reload={reload}
            />
          ))}
        </ol>
      )}
      {may(user, 'meeting.propose') && <PutForward meeting={meeting} reload={reload} />}
    </>
  );
}

function AgendaItem({
  meeting,
  item,
  mayDecide,
  reload,
}: {
  meeting: MeetingJson;
  item: MeetingItemJson;
  mayDecide: boolean;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState('bevilget');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const parsed =
      amount.trim() === '' ? null : Number(amount.replace(/\./g, '').replace(',', '.'));
    try {
      await api(`/meetings/${meeting.id}/items/${item.id}/decision`, {
        method: 'POST',
        body: {
          decision,
          reason,
          amount: decision === 'bevilget' ? parsed : null,
          version: item.version,
        },
      });
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const headingId = `item-${item.id}`;
  return (
    <li aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('meetings.fields.caseRef')} {item.caseRef}
        {item.summary ? `: ${item.summary}` : ''}
      </h3>
      <p className="muted">
        {t('meetings.fields.putForwardBy')}: {item.putForwardBy}
      </p>
      {item.decision ? (
        <p>
          <strong>{t(`meetings.decisions.${item.decision}`)}</strong>
          {item.amount !== null ? ` · ${kr(item.amount)} kr.` : ''} · {item.reason}{' '}
          <span className="muted">({item.decidedBy})</span>
        </p>
      ) : mayDecide ? (
        <form
          className="decision-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('meetings.agenda.decide')}
        >
          <SelectField
            label={t('meetings.fields.decision')}
            value={decision}
            onValue={setDecision}
            options={(['bevilget', 'afslaaet', 'udsat'] as const).map((d) => ({
              value: d,
              label: t(`meetings.decisions.${d}`),
            }))}
          />
          <TextField label={t('meetings.fields.reason')} value={reason} onValue={setReason} />
          <TextField
            label={t('meetings.fields.amount')}
            inputMode="decimal"
            value={amount}
            onValue={setAmount}
            disabled={decision !== 'bevilget'}
          />
          <button type="submit" className="button-primary">
            {t('meetings.agenda.decide')}
          </button>
          <div style={{ gridColumn: '1 / -1' }}>
            <ErrorMessage error={error} />
          </div>
        </form>
      ) : (
        <p>{t('meetings.agenda.undecided')}</p>
      )}
    </li>
  );
}

function PutForward({ meeting, reload }: { meeting: MeetingJson; reload: () => void }) {
  const { t } = useTranslation();
  const { data: pending, reload: reloadPending } = useApi<{ items: PendingVisitationJson[] }>(
    `/meetings/pending-visitations?unit=${meeting.unitId ?? ''}`,
  );
  const [caseRef, setCaseRef] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<unknown>(null);
  const put = async (body: Record<string, unknown>) => {
    setError(null);
    try {
      await api(`/meetings/${meeting.id}/items`, { method: 'POST', body });
      setCaseRef('');
      setSummary('');
      reload();
      reloadPending();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="put-forward">
      <h2 id="put-forward">{t('meetings.agenda.add')}</h2>
      <h3>{t('meetings.agenda.pending')}</h3>
      {(pending?.items.length ?? 0) === 0 ? (
        <p>{t('meetings.agenda.pendingNone')}</p>
      ) : (
        <ul>
          {pending?.items.map((p) => (
            <li key={p.approvalId}>
              {p.caseRef}: {p.summary}{' '}
              <button
                type="button"
                className="button-secondary"
                onClick={() => void put({ caseRef: p.caseRef, approvalId: p.approvalId })}
              >
                {t('meetings.agenda.putForward')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="meeting-form"
        onSubmit={(e) => {
          e.preventDefault();
          void put({ caseRef, summary });
        }}
      >
        <TextField
          label={t('meetings.fields.caseRef')}
          value={caseRef}
          onValue={setCaseRef}
          required
        />
        <TextField label={t('meetings.fields.summary')} value={summary} onValue={setSummary} />
        <div className="form-actions">
          <ErrorMessage error={error} />
          <button type="submit" className="button-primary">
            {t('meetings.agenda.putForward')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CommitteeMeeting({ meeting, reload }: { meeting: MeetingJson; reload: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const presented = meeting.presented ?? [];
  return (
    <>
      <p>
        <Link to="/moeder">{t('meetings.title')}</Link>
      </p>
      <h1>{meeting.title}</h1>
      <dl className="facts">
        <dt>{t('meetings.fields.heldOn')}</dt>
        <dd>{danishDate(meeting.heldOn)}</dd>
        <dt>{t('meetings.fields.materialDeadline')}</dt>
        <dd>{danishDate(meeting.materialDeadline)}</dd>
      </dl>
      <h2>{t('meetings.committee.presented')}</h2>
      {presented.length === 0 ? (
        <p>{t('meetings.committee.nothingPresented')}</p>
      ) : (
        <ul>
          {presented.map((p) => (
            <li key={`${p.objectType}-${p.objectId}`}>
              <PresentedLink
                objectType={p.objectType}
                objectId={p.objectId}
                title={p.objectTitle}
              />{' '}
              <span className="muted">
                (
                {t('meetings.signoff.signed', {
                  name: p.signedByName ?? '',
                  at: danishDate(p.signedAt),
                })}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
      {may(user, 'committee.write') && <PresentReport meeting={meeting} reload={reload} />}
    </>
  );
}

function PresentReport({ meeting, reload }: { meeting: MeetingJson; reload: () => void }) {
  const { t } = useTranslation();
  const { data } = useApi<{ items: StatusReportListItemJson[] }>('/status-reports');
  const [reportId, setReportId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const reports = data?.items ?? [];
  const chosen = reports.find((r) => r.id === reportId) ?? reports[0];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setError(null);
    try {
      await api(`/meetings/${meeting.id}/presentations`, {
        method: 'POST',
        body: { objectType: 'status_report', objectId: chosen.id, version: chosen.version },
      });
      reload();
    } catch (err) {
      setError(err);
    }
  };
  if (!reports.length) return null;
  return (
    <form className="meeting-form" onSubmit={(e) => void submit(e)} aria-labelledby="present">
      <h2 id="present" style={{ gridColumn: '1 / -1' }}>
        {t('meetings.committee.present')}
      </h2>
      <SelectField
        label={t('meetings.committee.presentReport')}
        value={chosen?.id ?? ''}
        onValue={setReportId}
        options={reports.map((r) => ({ value: r.id, label: r.title }))}
      />
      <div className="form-actions">
        <ErrorMessage error={error} />
        <button type="submit" className="button-primary">
          {t('meetings.committee.present')}
        </button>
      </div>
    </form>
  );
}

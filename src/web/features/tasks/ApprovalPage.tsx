import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate, danishDateTime, kr, today } from '../../format';
import { useApi } from '../../use-api';
import type { ApprovalJson } from '../../../shared/schemas/approvals';
import type { CaseDetailJson } from '../../../shared/schemas/cases';
import { paymentText } from '../cases/labels';
import { CatchReasons } from './reasons';
import { TextAreaField } from '../../components/forms';

/**
 * /opgaver/godkendelser/:id — one request for approval: the case, the intervention and what it
 * costs, the rule that caught it, who asked and when; the approver decides with a reason.
 */
export function ApprovalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, reload } = useApi<ApprovalJson>(`/approvals/${encodeURIComponent(id)}`);
  const year = (data?.intervention?.startDate ?? today()).slice(0, 4);
  const detail = useApi<CaseDetailJson>(
    data ? `/cases/${encodeURIComponent(data.caseId)}?year=${year}` : null,
  );
  const [message, setMessage] = useState('');
  const [conflict, setConflict] = useState<unknown>(null);
  const i = detail.data?.interventions.find((x) => x.ref === data?.interventionRef);
  return (
    <>
      <p>
        <Link to="/opgaver">{t('approvals.back')}</Link>
      </p>
      <ErrorMessage error={error} />
      {data && (
        <>
          <h1>{t('approvals.title', { ref: data.interventionRef, caseRef: data.caseRef })}</h1>
          {message && (
            <p role="status" className="alert alert-ok">
              {message}
            </p>
          )}
          <ErrorMessage error={conflict} />
          <dl className="facts">
            <dt>{t('approvals.facts.case')}</dt>
            <dd>
              <Link to={`/sager/sag/${data.caseId}`}>{data.caseRef}</Link> ·{' '}
              {t('approvals.facts.household')} {data.household}
            </dd>
            <dt>{t('approvals.facts.unit')}</dt>
            <dd>{data.unit.name}</dd>
            <dt>{t('approvals.facts.intervention')}</dt>
            <dd>
              {data.interventionRef}
              {data.intervention && (
                <>
                  {' · '}
                  {t(`cases.categories.${data.intervention.category}`, {
                    defaultValue: data.intervention.category,
                  })}
                  {data.intervention.paragraph && <> ({data.intervention.paragraph})</>} ·{' '}
                  {data.intervention.provider}
                </>
              )}
            </dd>
            {data.intervention && (
              <>
                <dt>{t('approvals.facts.period')}</dt>
                <dd>
                  {danishDate(data.intervention.startDate)}–
                  {data.intervention.endDate
                    ? danishDate(data.intervention.endDate)
                    : t('cases.case.untilFurther')}
                </dd>
              </>
            )}
            {i && (
              <>
                <dt>{t('approvals.facts.payment')}</dt>
                <dd>{paymentText(t, i.payment, i.startDate)}</dd>
                <dt>{t('approvals.facts.cost', { year })}</dt>
                <dd>{kr(i.expected)} kr.</dd>
              </>
            )}
            <dt>{t('approvals.facts.rule')}</dt>
            <dd>
              <CatchReasons reasons={data.reasons} />
            </dd>
            <dt>{t('approvals.facts.requested')}</dt>
            <dd>
              {t('approvals.requestedBy', {
                name: data.requestedBy.name,
                at: danishDateTime(data.requestedAt),
                source: t(`approvals.sources.${data.source}`),
              })}
            </dd>
            <dt>{t('approvals.facts.status')}</dt>
            <dd>
              {data.status === 'pending'
                ? t(`approvals.kinds.${data.kind}`)
                : t(`approvals.statuses.${data.status}`)}
            </dd>
            {data.decidedBy && (
              <>
                <dt>{t('approvals.facts.decided')}</dt>
                <dd>
                  {t('approvals.decidedBy', {
                    name: data.decidedBy.name,
                    at: danishDateTime(data.decidedAt),
                  })}
                </dd>
                <dt>{t('approvals.facts.reason')}</dt>
                <dd>{data.reason}</dd>
              </>
            )}
          </dl>
          {data.status === 'pending' && (
            <DecisionForm
              approval={data}
              onDecided={(text) => {
                setMessage(text);
                reload();
                detail.reload();
              }}
              onConflict={(problem) => {
                setConflict(problem);
                reload();
                detail.reload();
              }}
            />
          )}
        </>
      )}
    </>
  );
}

function DecisionForm({
  approval,
  onDecided,
  onConflict,
}: {
  approval: ApprovalJson;
  onDecided: (message: string) => void;
  /** another approver decided it first: the page says who and shows the decision */
  onConflict: (problem: unknown) => void;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!approval.canDecide) {
    const why =
      approval.kind === 'visitation'
        ? 'approvals.decide.atMeeting'
        : approval.requestedBy.username === user?.username
          ? 'approvals.decide.ownRequest'
          : 'approvals.decide.notYours';
    return <p className="alert alert-warning">{t(why)}</p>;
  }
  async function decide(decision: 'approved' | 'rejected') {
    setProblem(null);
    if (reason.trim() === '') {
      setProblem(new Error(t('approvals.decide.reasonRequired')));
      return;
    }
    setBusy(true);
    try {
      await api<ApprovalJson>(`/approvals/${approval.id}/decision`, {
        method: 'POST',
        body: { decision, reason },
      });
      onDecided(t(`approvals.decide.${decision}`));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'approval_decided') {
        // another approver decided it while this one had it open: say who and what
        const now = await api<ApprovalJson>(`/approvals/${approval.id}`).catch(() => null);
        onConflict(
          now?.decidedBy
            ? new Error(
                t('approvals.decide.decidedMeanwhile', {
                  name: now.decidedBy.name,
                  at: danishDateTime(now.decidedAt),
                  decision: t(`approvals.statuses.${now.status}`).toLocaleLowerCase('da'),
                }),
              )
            : e,
        );
      } else setProblem(e);
    } finally {
      setBusy(false);
    }
  }
  const submit = (event: FormEvent) => event.preventDefault();
  return (
    <form className="approval-decision" onSubmit={submit} noValidate aria-labelledby="decide-title">
      <h2 id="decide-title">{t('approvals.decide.title')}</h2>
      <TextAreaField
        label={t('approvals.decide.reason')}
        hint={t('approvals.decide.reasonHint')}
        value={reason}
        required
        rows={3}
        onValue={setReason}
      />
      <ErrorMessage error={problem} />
      <div className="row-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => void decide('approved')}
        >
          {t('approvals.decide.approve')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void decide('rejected')}
        >
          {t('approvals.decide.reject')}
        </button>
      </div>
    </form>
  );
}

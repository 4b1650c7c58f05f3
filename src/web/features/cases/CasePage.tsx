import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { CaseDetailJson } from '../../../shared/schemas/cases';
import { danishDate, kr, today } from '../../format';
import { monthName, paymentText } from './labels';
import { InterventionForm, type FormMode } from './InterventionForm';
import { CaseHistory } from './CaseHistory';
import { ScrollRegion } from '../../components/ScrollRegion';
import { may, useAuth } from '../../auth';
import { CaseReviews } from '../reviews/CaseReviews';
import type { ApprovalJson } from '../../../shared/schemas/approvals';
import { CaseApprovals } from './CaseApprovals';
import { functionLabel, useAccountFunctions } from '../../account-functions';
import { YearField } from '../../components/forms';

type Detail = CaseDetailJson['interventions'][number];

/** /sager/sag/:id — one case: interventions, payment plans and the cost by month. */
export function CasePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const [year, setYear] = useState(search.get('aar') ?? today().slice(0, 4));
  const { data, error, reload } = useApi<CaseDetailJson>(
    `/cases/${encodeURIComponent(id)}?year=${encodeURIComponent(year)}`,
  );
  const approvals = useApi<{ items: ApprovalJson[] }>(
    data ? `/approvals?caseId=${encodeURIComponent(data.id)}&status=all` : null,
  );
  const functions = useAccountFunctions();
  const pendingOf = (ref: string) =>
    approvals.data?.items.find((a) => a.interventionRef === ref && a.status === 'pending');
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<{ mode: FormMode; ref: string | null } | null>(null);
  const save = async (body: Record<string, unknown>) => {
    if (!data || !editing) return;
    if (editing.mode === 'correct' && editing.ref) {
      await api(`/cases/${data.id}/interventions/${encodeURIComponent(editing.ref)}/correct`, {
        method: 'POST',
        body: { version: data.version, ...body },
      });
    } else if (editing.mode === 'edit' && editing.ref) {
      await api(`/cases/${data.id}/interventions/${encodeURIComponent(editing.ref)}`, {
        method: 'PUT',
        body: { version: data.version, intervention: body },
      });
    } else {
      await api(`/cases/${data.id}/interventions`, {
        method: 'POST',
        body: { version: data.version, intervention: body },
      });
    }
    setMessage(
      t(
        editing.mode === 'adjust'
          ? 'cases.edit.adjusted_ok'
          : editing.mode === 'correct'
            ? 'cases.edit.corrected_ok'
            : 'cases.edit.saved_ok',
      ),
    );
    setEditing(null);
    reload();
  };
  const remove = async (ref: string) => {
    if (!data) return;
    setActionError(null);
    try {
      await api(
        `/cases/${data.id}/interventions/${encodeURIComponent(ref)}?version=${data.version}`,
        { method: 'DELETE' },
      );
      setMessage(t('cases.edit.deleted_ok', { ref }));
      reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const grant = async (ref: string) => {
    if (!data) return;
    setActionError(null);
    try {
      const result = await api<ApprovalJson | { version: number }>(
        `/cases/${data.id}/interventions/${encodeURIComponent(ref)}/grant`,
        { method: 'POST', body: { version: data.version } },
      );
      // 202: a rule caught the grant, which waits for its decision
      setMessage(
        'kind' in result
          ? t(
              result.kind === 'approval'
                ? 'approvals.case.grantPending'
                : 'approvals.case.grantVisitation',
              { ref },
            )
          : t('cases.case.granted_ok'),
      );
      reload();
      approvals.reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const plan = (i: Detail) => paymentText(t, i.payment, i.startDate);
  return (
    <>
      <p>
        <Link to="/sager/liste">{t('cases.case.back')}</Link>
      </p>
      <ErrorMessage error={error} />
      {data && (
        <>
          <h1>{t('cases.case.title', { ref: data.ref })}</h1>
          <dl className="facts">
            <dt>{t('cases.case.household')}</dt>
            <dd>{data.household}</dd>
            <dt>{t('cases.case.person')}</dt>
            <dd>
              {data.person.ref} ({t(`cases.ageBands.${data.person.ageBand}`)})
            </dd>
            <dt>{t('cases.case.unit')}</dt>
            <dd>{data.unit.name}</dd>
          </dl>
          <YearField value={year} onValue={setYear} />
          <ErrorMessage error={actionError} />
          {message && (
            <p role="status" className="alert alert-ok">
              {message}
            </p>
          )}
          <h2 id="case-interventions-title">{t('cases.case.interventions')}</h2>
          <ScrollRegion labelledBy="case-interventions-title">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('cases.case.ref')}</th>
                  <th scope="col">{t('cases.case.category')}</th>
                  <th scope="col">{t('cases.case.provider')}</th>
                  <th scope="col">{t('cases.case.periodAndPayment')}</th>
                  <th scope="col" className="num">
                    {t('cases.case.expected', { year: data.year })}
                  </th>
                  <th scope="col" className="num">
                    {t('cases.case.granted', { year: data.year })}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('cases.case.grant')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.interventions.map((i) => (
                  <tr key={i.ref}>
                    <th scope="row">
                      <span className="case-ref">{i.ref}</span>
                      {i.modifies && (
                        <span className="muted">
                          {' '}
                          ({t('cases.case.modifies')} {i.modifies})
                        </span>
                      )}
                      <span className="case-ref-status">
                        {t(`cases.case.statuses.${i.status}`)} · {t(`cases.case.kinds.${i.kind}`)}
                        {i.followOn && <> · {t('cases.case.followOn')}</>}
                        <PendingMark approval={pendingOf(i.ref)} />
                        {data.corrections.some((c) => c.intervention === i.ref) && (
                          <>
                            {' · '}
                            <a href="#case-history">{t('cases.case.corrected')}</a>
                          </>
                        )}
                      </span>
                    </th>
                    <td>
                      {t(`cases.categories.${i.category}`, { defaultValue: i.category })}
                      <br />
                      <span className="muted">
                        {i.paragraph} · {functionLabel(i.accountFunction, functions)}
                      </span>
                    </td>
                    <td>{i.provider.name}</td>
                    <td>
                      {danishDate(i.startDate)}–
                      {i.endDate ? danishDate(i.endDate) : t('cases.case.untilFurther')}
                      <br />
                      <span className="muted">{plan(i)}</span>
                    </td>
                    <td className="num">{kr(i.expected)}</td>
                    <td className="num">{kr(i.granted)}</td>
                    <td>
                      <div className="row-actions">
                        {data.canWrite && i.status === 'expected' && !pendingOf(i.ref) && (
                          <button
                            type="button"
                            className="button-primary"
                            onClick={() => void grant(i.ref)}
                          >
                            {t('cases.case.grant')}
                            <span className="visually-hidden"> {i.ref}</span>
                          </button>
                        )}
                        {data.canWrite && i.status === 'granted' && (
                          <button
                            type="button"
                            className="button-secondary"
                            onClick={() => setEditing({ mode: 'adjust', ref: i.ref })}
                          >
                            {t('cases.edit.adjust')}
                            <span className="visually-hidden"> {i.ref}</span>
                          </button>
                        )}
                        {data.canCorrect && i.status === 'granted' && (
                          <button
                            type="button"
                            className="button-secondary"
                            onClick={() => setEditing({ mode: 'correct', ref: i.ref })}
                          >
                            {t('cases.edit.correct')}
                            <span className="visually-hidden"> {i.ref}</span>
                          </button>
                        )}
                        {data.canWrite && i.status !== 'granted' && !pendingOf(i.ref) && (
                          <>
                            <button
                              type="button"
                              className="button-secondary"
                              onClick={() => setEditing({ mode: 'edit', ref: i.ref })}
                            >
                              {t('cases.edit.edit')}
                              <span className="visually-hidden"> {i.ref}</span>
                            </button>
                            <button
                              type="button"
                              className="button-secondary"
                              onClick={() => void remove(i.ref)}
                            >
                              {t('cases.edit.delete')}
                              <span className="visually-hidden"> {i.ref}</span>
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {data.canWrite && !editing && (
            <p>
              <button
                type="button"
                className="button-primary"
                onClick={() => setEditing({ mode: 'new', ref: null })}
              >
                {t('cases.edit.add')}
              </button>
            </p>
          )}
          {editing && (
            <InterventionForm
              key={`${editing.mode}:${editing.ref ?? ''}`}
              mode={editing.mode}
              initial={data.interventions.find((i) => i.ref === editing.ref) ?? null}
              others={data.interventions}
              onSubmit={save}
              onCancel={() => setEditing(null)}
            />
          )}
          <AdjustmentChains interventions={data.interventions} />
          <CaseApprovals items={approvals.data?.items} />
          <CaseHistory data={data} />
          {may(user, 'review.read') && (
            <CaseReviews caseId={data.id} interventions={data.interventions} />
          )}
          <MonthlyCost data={data} />
        </>
      )}
    </>
  );
}

/** "Afventer godkendelse" / "Til visitation" on an intervention whose grant waits. */
function PendingMark({ approval }: { approval: ApprovalJson | undefined }) {
  const { t } = useTranslation();
  if (!approval) return null;
  return (
    <>
      {' · '}
      <Link to={`/opgaver/godkendelser/${approval.id}`} className="pending-mark">
        {t(`approvals.kinds.${approval.kind}`)}
      </Link>
    </>
  );
}

/** Each adjustment chain of the case: the original first, then what adjusts it, in order. */
function AdjustmentChains({ interventions }: { interventions: Detail[] }) {
  const { t } = useTranslation();
  const byRef = new Map(interventions.map((i) => [i.ref, i]));
  const adjusted = new Set(interventions.map((i) => i.modifies).filter(Boolean));
  const roots = interventions.filter(
    (i) => (i.modifies === null || !byRef.has(i.modifies)) && adjusted.has(i.ref),
  );
  if (roots.length === 0) return null;
  const chainOf = (root: Detail): Detail[] => {
    const out: Detail[] = [];
    const visit = (i: Detail) => {
      if (out.includes(i)) return;
      out.push(i);
      interventions.filter((c) => c.modifies === i.ref).forEach(visit);
    };
    visit(root);
    return out;
  };
  return (
    <section aria-labelledby="adjustment-chains">
      <h2 id="adjustment-chains">{t('cases.edit.chains')}</h2>
      <ul className="adjustment-chains">
        {roots.map((root) => (
          <li key={root.ref}>
            <ol>
              {chainOf(root).map((i) => (
                <li key={i.ref}>
                  <strong>{i.ref}</strong> · {t(`cases.case.statuses.${i.status}`)} ·{' '}
                  {danishDate(i.startDate)}–
                  {i.endDate ? danishDate(i.endDate) : t('cases.case.untilFurther')} ·{' '}
                  {t('cases.edit.yearCost', { expected: kr(i.expected), granted: kr(i.granted) })}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The case's cost month by month: what is granted, and beside it what is expected only when
 * expected interventions or adjustments make the two differ.
 */
function MonthlyCost({ data }: { data: Pick<CaseDetailJson, 'year' | 'granted' | 'expected'> }) {
  const { t } = useTranslation();
  const differs = data.expected.byMonth.some((e, m) => e !== (data.granted.byMonth[m] ?? 0));
  return (
    <>
      <h2>{t('cases.case.monthly', { year: data.year })}</h2>
      <p className="muted">
        {differs ? t('cases.edit.beforeAfterHelp') : t('cases.edit.noPendingHelp')}
      </p>
      <table className="table compact case-monthly">
        <thead>
          <tr>
            <th scope="col">{t('cases.statement.month')}</th>
            <th scope="col" className="num">
              {t('cases.edit.before')}
            </th>
            {differs && (
              <>
                <th scope="col" className="num">
                  {t('cases.edit.after')}
                </th>
                <th scope="col" className="num">
                  {t('cases.edit.change')}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {data.expected.byMonth.map((e, m) => (
            <tr key={m}>
              <th scope="row">{monthName(t, m)}</th>
              <td className="num">{kr(data.granted.byMonth[m])}</td>
              {differs && (
                <>
                  <td className="num">{kr(e)}</td>
                  <td className="num">{kr(e - (data.granted.byMonth[m] ?? 0))}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('cases.statement.total')}</th>
            <td className="num">{kr(data.granted.total)}</td>
            {differs && (
              <>
                <td className="num">{kr(data.expected.total)}</td>
                <td className="num">{kr(data.expected.total - data.granted.total)}</td>
              </>
            )}
          </tr>
        </tfoot>
      </table>
    </>
  );
}

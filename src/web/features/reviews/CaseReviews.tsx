import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewOutcome } from '../../../domain/governance/reviews';
import type { CaseDetailJson } from '../../../shared/schemas/cases';
import type { CaseReviewsJson, ReviewJson } from '../../../shared/schemas/reviews';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScrollRegion } from '../../components/ScrollRegion';
import { danishDate, today } from '../../format';
import { useApi } from '../../use-api';
import { fieldErrorsOf, type FieldErrors } from '../status-reports/content';
import { focusField, FormProblem, hintWith, without } from '../status-reports/FormProblem';
import { DueState } from './DueState';
import './reviews.css';
import { DateField, SelectField, TextAreaField } from '../../components/forms';

type Intervention = CaseDetailJson['interventions'][number];
const OUTCOMES: readonly ReviewOutcome[] = ['fortsaet', 'juster', 'afslut'];

/**
 * The interventions a review with `outcome` may be linked to (the rule of the API): after
 * juster an adjustment (one that changes another, also an expected one); after afslut an
 * adjustment or one given an end; none after fortsæt.
 */
function linkable(outcome: ReviewOutcome | '', interventions: readonly Intervention[]) {
  if (outcome === 'juster') return interventions.filter((i) => i.modifies !== null);
  if (outcome === 'afslut')
    return interventions.filter(
      (i) => i.modifies !== null || i.endDate !== null || i.endings.length > 0,
    );
  return [];
}

function interventionLabel(t: (key: string) => string, i: Intervention): string {
  const status = t(`cases.case.statuses.${i.status}`);
  const modifies = i.modifies ? ` (${t('cases.case.modifies')} ${i.modifies})` : '';
  const end = i.endDate ? ` – ${danishDate(i.endDate)}` : '';
  return `${i.ref}${modifies} · ${status} · ${danishDate(i.startDate)}${end}`;
}

/** The "Gennemgange" section of a case: its schedule, the reviews held and the form to record one. */
export function CaseReviews({
  caseId,
  interventions,
}: {
  caseId: string;
  interventions: readonly Intervention[];
}) {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<CaseReviewsJson>(
    `/cases/${encodeURIComponent(caseId)}/reviews`,
  );
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const schedule = data?.schedule ?? null;
  const loaded = data !== undefined;
  useEffect(() => {
    // opened from the list of reviews due (…#gennemgange): show this section
    if (loaded && window.location.hash === '#gennemgange')
      document.getElementById('gennemgange')?.scrollIntoView();
  }, [loaded]);
  const daysOverdue = schedule
    ? Math.round((Date.parse(data?.asOf ?? '') - Date.parse(schedule.dueOn)) / 86_400_000)
    : 0;
  return (
    <section aria-labelledby="gennemgange" className="case-reviews">
      <h2 id="gennemgange" tabIndex={-1}>
        {t('reviews.case.title')}
      </h2>
      <ErrorMessage error={error} />
      {data && (
        <dl className="facts review-schedule">
          <dt>{t('reviews.case.next')}</dt>
          <dd>
            {schedule ? (
              <>
                {t('reviews.case.nextText', {
                  date: danishDate(schedule.dueOn),
                  role: t(`roles.${schedule.role}`).toLowerCase(),
                })}{' '}
                (<DueState state={schedule.state} daysOverdue={daysOverdue} />)
              </>
            ) : (
              t('reviews.case.nothing')
            )}
          </dd>
          {schedule && (
            <>
              <dt>{t('reviews.case.rule')}</dt>
              <dd>{t(`reviews.tracks.${schedule.track}`)}</dd>
            </>
          )}
        </dl>
      )}
      {message && (
        <p role="status" className="alert alert-ok">
          {message}
        </p>
      )}
      {data?.canRecord && schedule && !open && (
        <p>
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              setMessage('');
              setOpen(true);
            }}
          >
            {t('reviews.form.open')}
          </button>
        </p>
      )}
      {data?.canRecord && open && (
        <ReviewForm
          caseId={caseId}
          expectedRole={schedule?.role ?? 'faglig_koordinator'}
          interventions={interventions}
          onCancel={() => setOpen(false)}
          onSaved={(review) => {
            setOpen(false);
            setMessage(
              t('reviews.form.saved', {
                date: danishDate(review.heldOn),
                outcome: t(`reviews.outcomes.${review.outcome}`).toLowerCase(),
              }),
            );
            reload();
          }}
        />
      )}
      {data && (
        <HeldReviews
          caseId={caseId}
          reviews={data.reviews}
          canLink={data.canRecord}
          interventions={interventions}
          onLinked={(ref) => {
            setMessage(ref ? t('reviews.case.linked', { ref }) : '');
            reload();
          }}
        />
      )}
    </section>
  );
}

function HeldReviews({
  caseId,
  reviews,
  canLink,
  interventions,
  onLinked,
}: {
  caseId: string;
  reviews: ReviewJson[];
  canLink: boolean;
  interventions: readonly Intervention[];
  onLinked: (ref: string | null) => void;
}) {
  const { t } = useTranslation();
  if (reviews.length === 0) return <p>{t('reviews.case.noneHeld')}</p>;
  return (
    <>
      <h3 id="held-reviews-title">{t('reviews.case.held')}</h3>
      <ScrollRegion labelledBy="held-reviews-title">
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('reviews.case.heldOn')}</th>
              <th scope="col">{t('reviews.case.heldBy')}</th>
              <th scope="col">{t('reviews.case.outcome')}</th>
              <th scope="col">{t('reviews.case.onTime')}</th>
              <th scope="col">{t('reviews.case.note')}</th>
              <th scope="col">{t('reviews.case.adjustment')}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.id}>
                <th scope="row">{danishDate(r.heldOn)}</th>
                <td>
                  {r.heldByName}
                  <span className="muted"> ({t(`roles.${r.role}`)})</span>
                </td>
                <td>{t(`reviews.outcomes.${r.outcome}`)}</td>
                <td>
                  {r.onTime ? (
                    t('reviews.case.onTimeYes', { date: danishDate(r.dueOn) })
                  ) : (
                    <span className="review-overdue">
                      {t('reviews.case.onTimeNo', { date: danishDate(r.dueOn) })}
                    </span>
                  )}
                </td>
                <td>{r.note}</td>
                <td>
                  {r.adjustmentRef ?? (
                    <span className="muted">{t('reviews.case.noAdjustment')}</span>
                  )}
                  {canLink && r.outcome !== 'fortsaet' && (
                    <LinkAdjustment
                      caseId={caseId}
                      review={r}
                      options={linkable(r.outcome, interventions)}
                      onLinked={onLinked}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/** Links a held review to the adjustment it led to, registered after the review (or unlinks). */
function LinkAdjustment({
  caseId,
  review,
  options,
  onLinked,
}: {
  caseId: string;
  review: ReviewJson;
  options: Intervention[];
  onLinked: (ref: string | null) => void;
}) {
  const { t } = useTranslation();
  const [ref, setRef] = useState(review.adjustmentRef ?? '');
  const [error, setError] = useState<unknown>(null);
  if (options.length === 0) return null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api(`/cases/${caseId}/reviews/${review.id}/adjustment`, {
        method: 'PUT',
        body: { adjustmentRef: ref || null, version: review.version },
      });
      onLinked(ref || null);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="review-link" onSubmit={(e) => void save(e)}>
      <SelectField
        label={t('reviews.case.linkFor', { date: danishDate(review.heldOn) })}
        value={ref}
        onValue={setRef}
        options={[
          { value: '', label: t('reviews.form.noAdjustment') },
          ...options.map((i) => ({ value: i.ref, label: interventionLabel(t, i) })),
        ]}
      />
      <button
        type="submit"
        className="button-secondary"
        disabled={ref === (review.adjustmentRef ?? '')}
      >
        {t('reviews.case.linkSave')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

/** The form that records a review held on the case. */
function ReviewForm({
  caseId,
  expectedRole,
  interventions,
  onCancel,
  onSaved,
}: {
  caseId: string;
  expectedRole: string;
  interventions: readonly Intervention[];
  onCancel: () => void;
  onSaved: (review: ReviewJson) => void;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const ownRoles = (user?.roles ?? []).filter(
    (r) => r === 'faglig_koordinator' || r === 'funktionsleder',
  );
  const roleChoices = user?.roles.includes('administrator')
    ? ['faglig_koordinator', 'funktionsleder']
    : ownRoles;
  const [heldOn, setHeldOn] = useState(today());
  const [outcome, setOutcome] = useState<ReviewOutcome | ''>('');
  const [role, setRole] = useState(
    roleChoices.includes(expectedRole) ? expectedRole : (roleChoices[0] ?? expectedRole),
  );
  const [note, setNote] = useState('');
  const [adjustmentRef, setAdjustmentRef] = useState('');
  const [problems, setProblems] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const options = linkable(outcome, interventions);
  const labelOf = (path: string) =>
    ({
      heldOn: t('reviews.form.heldOn'),
      outcome: t('reviews.form.outcome'),
      role: t('reviews.form.role'),
      note: t('reviews.form.note'),
      adjustmentRef: t('reviews.form.adjustment'),
    })[path] ?? path;

  const check = (): FieldErrors => {
    const out: FieldErrors = {};
    if (!heldOn) out.heldOn = t('reviews.form.required.heldOn');
    else if (heldOn > today()) out.heldOn = t('reviews.form.future');
    if (!outcome) out.outcome = t('reviews.form.required.outcome');
    if (note.length > 5000) out.note = t('reviews.form.noteTooLong');
    return out;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = check();
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      focusField(first);
      return;
    }
    setSaving(true);
    try {
      const review = await api<ReviewJson>(`/cases/${caseId}/reviews`, {
        method: 'POST',
        body: {
          heldOn,
          outcome,
          role: roleChoices.length > 1 ? role : null,
          note,
          adjustmentRef: options.some((i) => i.ref === adjustmentRef) ? adjustmentRef : null,
        },
      });
      onSaved(review);
    } catch (err) {
      setError(err);
      setProblems(fieldErrorsOf(err));
    } finally {
      setSaving(false);
    }
  };
  const expected = t(`roles.${expectedRole}`).toLowerCase();
  return (
    <form
      className="review-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="review-form-title"
    >
      <h3 id="review-form-title" className="wide">
        {t('reviews.form.title')}
      </h3>
      {(error !== null || Object.keys(problems).length > 0) && (
        <div className="wide">
          <FormProblem error={error} fieldErrors={problems} labelOf={labelOf} />
        </div>
      )}
      <DateField
        label={t('reviews.form.heldOn')}
        name="heldOn"
        max={today()}
        required
        value={heldOn}
        aria-invalid={problems.heldOn ? true : undefined}
        hint={hintWith(null, problems.heldOn)}
        onValue={(v) => {
          setHeldOn(v);
          setProblems((p) => without(p, 'heldOn'));
        }}
      />
      {roleChoices.length > 1 ? (
        <SelectField
          label={t('reviews.form.role')}
          name="role"
          value={role}
          onValue={setRole}
          hint={hintWith(t('reviews.form.roleHint', { role: expected }), problems.role)}
          options={roleChoices.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      ) : (
        <p className="field-hint">{t('reviews.form.roleHint', { role: expected })}</p>
      )}
      <fieldset
        className="outcomes wide"
        aria-describedby={problems.outcome ? 'review-outcome-problem' : undefined}
      >
        <legend>{t('reviews.form.outcome')}</legend>
        {OUTCOMES.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              aria-invalid={problems.outcome ? true : undefined}
              onChange={() => {
                setOutcome(o);
                setProblems((p) => without(p, 'outcome'));
              }}
            />
            {t(`reviews.outcomes.${o}`)}
          </label>
        ))}
        {problems.outcome && (
          <p id="review-outcome-problem" className="field-hint">
            {hintWith(null, problems.outcome)}
          </p>
        )}
      </fieldset>
      {outcome !== '' && outcome !== 'fortsaet' && (
        <SelectField
          label={t('reviews.form.adjustment')}
          name="adjustmentRef"
          value={adjustmentRef}
          onValue={(v) => {
            setAdjustmentRef(v);
            setProblems((p) => without(p, 'adjustmentRef'));
          }}
          hint={hintWith(
            t(
              outcome === 'juster'
                ? 'reviews.form.adjustmentHint'
                : 'reviews.form.adjustmentHintEnd',
            ),
            problems.adjustmentRef,
          )}
          options={[
            { value: '', label: t('reviews.form.noAdjustment') },
            ...options.map((i) => ({ value: i.ref, label: interventionLabel(t, i) })),
          ]}
        />
      )}
      <div className="wide">
        <TextAreaField
          label={t('reviews.form.note')}
          name="note"
          value={note}
          maxLength={5000}
          aria-invalid={problems.note ? true : undefined}
          hint={hintWith(t('reviews.form.noteHint'), problems.note)}
          onValue={(v) => {
            setNote(v);
            setProblems((p) => without(p, 'note'));
          }}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {t('reviews.form.save')}
        </button>{' '}
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('reviews.form.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DueReviewJson } from '../../../shared/schemas/reviews';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScrollRegion } from '../../components/ScrollRegion';
import { danishDate, query, today } from '../../format';
import { useApi } from '../../use-api';
import { DueState } from './DueState';
import './reviews.css';
import {
  DateField,
  FilterForm,
  SelectField,
  UnitSelect,
  useFilterForm,
} from '../../components/forms';

const REVIEWER_ROLES = ['faglig_koordinator', 'funktionsleder'] as const;

/**
 * /gennemgange — the cases due or overdue for review on a day (default today) in the units the
 * user may read, by unit, by the role expected to hold the review and by the person holding
 * that role; overdue first, sortable by due date. Each row links to the case.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { form, shown, set, submit } = useFilterForm({ asOf: today(), unit: '' });
  const [role, setRole] = useState('');
  const [person, setPerson] = useState('');
  const [state, setState] = useState('');
  const [descending, setDescending] = useState(false);
  const { data, error } = useApi<{ asOf: string; items: DueReviewJson[] }>(
    `/reviews/due?${query({ asOf: shown.asOf, unit: shown.unit })}`,
  );
  const { data: rules } = useApi<{ items: { noticeDays: number }[] }>('/review-rules');
  const people = useMemo(() => {
    const byName = new Map<string, string>();
    for (const item of data?.items ?? [])
      for (const p of item.reviewers) byName.set(p.username, p.name);
    return [...byName].sort((a, b) => a[1].localeCompare(b[1], 'da'));
  }, [data]);
  const items = useMemo(() => {
    const list = (data?.items ?? []).filter(
      (i) =>
        (!role || i.role === role) &&
        (!state || i.state === state) &&
        (!person || i.reviewers.some((p) => p.username === person)),
    );
    return [...list].sort(
      (a, b) =>
        (descending ? -1 : 1) * a.dueOn.localeCompare(b.dueOn) ||
        a.caseRef.localeCompare(b.caseRef, 'da'),
    );
  }, [data, role, state, person, descending]);
  const overdue = items.filter((i) => i.state === 'overdue').length;
  const noticeDays = Math.max(0, ...(rules?.items ?? []).map((r) => r.noticeDays));
  return (
    <>
      <h1>{t('reviews.title')}</h1>
      <p className="muted">{t('reviews.intro', { days: noticeDays || 30 })}</p>
      <FilterForm
        onSubmit={submit}
        isSearch
        legend={t('reviews.filters.legend')}
        submitLabel={t('reviews.filters.show')}
        more={
          <fieldset>
            <legend className="visually-hidden">{t('reviews.filters.legend')}</legend>
            <SelectField
              label={t('reviews.filters.role')}
              value={role}
              onValue={setRole}
              options={[
                { value: '', label: t('reviews.filters.allRoles') },
                ...REVIEWER_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
              ]}
            />
            <SelectField
              label={t('reviews.filters.person')}
              value={person}
              onValue={setPerson}
              options={[
                { value: '', label: t('reviews.filters.allPersons') },
                ...people.map(([username, name]) => ({ value: username, label: name })),
              ]}
            />
            <SelectField
              label={t('reviews.filters.state')}
              value={state}
              onValue={setState}
              options={[
                { value: '', label: t('reviews.filters.allStates') },
                { value: 'overdue', label: t('reviews.states.overdue') },
                { value: 'due', label: t('reviews.states.due') },
              ]}
            />
          </fieldset>
        }
      >
        <DateField label={t('reviews.filters.asOf')} value={form.asOf} onValue={set('asOf')} />
        <UnitSelect value={form.unit} onValue={set('unit')} />
      </FilterForm>
      <ErrorMessage error={error} />
      {data && (
        <p aria-live="polite">
          {t('reviews.count', {
            count: items.length,
            overdue,
            due: items.length - overdue,
          })}
        </p>
      )}
      {data && items.length === 0 && <p>{t('reviews.none')}</p>}
      {data && items.length > 0 && (
        <>
          <h2 id="due-reviews-title" className="visually-hidden">
            {t('reviews.title')}
          </h2>
          <ScrollRegion labelledBy="due-reviews-title">
            <table className="table compact due-reviews">
              <thead>
                <tr>
                  <th scope="col">{t('reviews.columns.case')}</th>
                  <th scope="col">{t('reviews.columns.household')}</th>
                  <th scope="col">{t('reviews.columns.unit')}</th>
                  <th scope="col">{t('reviews.columns.track')}</th>
                  <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
                    <button
                      type="button"
                      className="link-button sort-button"
                      onClick={() => setDescending((d) => !d)}
                      aria-label={`${t('reviews.sortBy')}: ${t(descending ? 'reviews.sortDescending' : 'reviews.sortAscending')}`}
                    >
                      {t('reviews.columns.dueOn')}{' '}
                      <span aria-hidden="true">{descending ? '▼' : '▲'}</span>
                    </button>
                  </th>
                  <th scope="col">{t('reviews.columns.state')}</th>
                  <th scope="col">{t('reviews.columns.role')}</th>
                  <th scope="col">{t('reviews.columns.people')}</th>
                  <th scope="col">{t('reviews.columns.last')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.caseId} className={i.state === 'overdue' ? 'is-overdue' : undefined}>
                    <th scope="row">
                      <Link to={`/sager/sag/${i.caseId}#gennemgange`}>{i.caseRef}</Link>
                    </th>
                    <td>{i.household}</td>
                    <td>{i.unit.name}</td>
                    <td>{t(`reviews.tracksShort.${i.track}`)}</td>
                    <td>{danishDate(i.dueOn)}</td>
                    <td>
                      <DueState state={i.state} daysOverdue={i.daysOverdue} />
                    </td>
                    <td>{t(`roles.${i.role}`)}</td>
                    <td>
                      {i.reviewers.length > 0 ? (
                        i.reviewers.map((p) => p.name).join(', ')
                      ) : (
                        <span className="muted">{t('reviews.nobody')}</span>
                      )}
                    </td>
                    <td>
                      {i.lastHeldOn ? (
                        <>
                          {danishDate(i.lastHeldOn)}
                          {i.lastRole && (
                            <span className="muted"> ({t(`roles.${i.lastRole}`)})</span>
                          )}
                        </>
                      ) : (
                        t('reviews.never')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </>
  );
}

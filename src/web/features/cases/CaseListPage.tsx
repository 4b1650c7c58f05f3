import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { CaseSummaryJson } from '../../../shared/schemas/cases';
import { query } from '../../format';
import { useCan } from '../../auth';
import { FilterForm, TextField, UnitSelect, useFilterForm } from '../../components/forms';

const PAGE = 50;

/** /sager/liste — the cases the user may read, by reference only. */
export function CaseListPage() {
  const { t } = useTranslation();
  const mayWrite = useCan('case.write');
  const [offset, setOffset] = useState(0);
  const { form, shown, set, submit } = useFilterForm({ q: '', unit: '' }, () => setOffset(0));
  const { data, error } = useApi<{ total: number; cases: CaseSummaryJson[] }>(
    `/cases?${query({ ...shown, limit: PAGE, offset })}`,
  );
  return (
    <>
      <h1>{t('cases.list.title')}</h1>
      {mayWrite && (
        <p>
          <Link to="/sager/ny">{t('cases.edit.newCase')}</Link>
        </p>
      )}
      <FilterForm onSubmit={submit} isSearch>
        <TextField
          label={t('cases.filters.search')}
          type="search"
          value={form.q}
          onValue={set('q')}
        />
        <UnitSelect value={form.unit} onValue={set('unit')} />
      </FilterForm>
      <ErrorMessage error={error} />
      {data && <p aria-live="polite">{t('cases.list.count', { count: data.total })}</p>}
      {data && data.cases.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('cases.list.ref')}</th>
              <th scope="col">{t('cases.list.household')}</th>
              <th scope="col">{t('cases.list.unit')}</th>
              <th scope="col">{t('cases.list.ageBand')}</th>
              <th scope="col" className="num">
                {t('cases.list.interventions')}
              </th>
              <th scope="col" className="num">
                {t('cases.list.active')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/sager/sag/${c.id}`}>{c.ref}</Link>
                </th>
                <td>{c.household}</td>
                <td>{c.unit.name}</td>
                <td>{t(`cases.ageBands.${c.ageBand}`, { defaultValue: c.ageBand })}</td>
                <td className="num">{c.interventions}</td>
                <td className="num">{c.active}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (
        <div className="pager">
          <button
            type="button"
            className="button-secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t('cases.list.previous')}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={offset + PAGE >= data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('cases.list.next')}
          </button>
        </div>
      )}
    </>
  );
}

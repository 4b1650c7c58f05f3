import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { ReimbursementJson } from '../../../shared/schemas/cases';
import { CaseLinks, TotalsOnlyNote } from './CaseLinks';
import { kr, query, today } from '../../format';
import {
  DateField,
  FilterForm,
  UnitSelect,
  useFilterForm,
  YearField,
} from '../../components/forms';

/** /sager/refusion — households above the first threshold and the year's expected reimbursement. */
export function ReimbursementPage() {
  const { t } = useTranslation();
  const { form, shown, set, submit } = useFilterForm({
    year: today().slice(0, 4),
    asOf: today(),
    unit: '',
  });
  const { data, error } = useApi<ReimbursementJson>(`/commitments/reimbursement?${query(shown)}`);
  return (
    <>
      <h1>{t('cases.reimbursement.title')}</h1>
      <p className="muted">{t('cases.reimbursement.intro')}</p>
      <FilterForm onSubmit={submit}>
        <YearField value={form.year} onValue={set('year')} />
        <DateField label={t('cases.filters.asOf')} value={form.asOf} onValue={set('asOf')} />
        <UnitSelect value={form.unit} onValue={set('unit')} />
      </FilterForm>
      <ErrorMessage error={error} />
      {data && !data.thresholds && <p>{t('cases.reimbursement.noThresholds')}</p>}
      {data?.thresholds && (
        <>
          <p>
            {t('cases.reimbursement.thresholds', {
              year: data.year,
              t25: kr(data.thresholds.t25),
              t50: kr(data.thresholds.t50),
              t75: kr(data.thresholds.t75),
            })}
          </p>
          <p className="muted">
            {t('cases.reimbursement.source', { source: data.thresholds.source })}
          </p>
          <dl className="key-figures">
            <div>
              <dt>{t('cases.reimbursement.expected')}</dt>
              <dd>{kr(data.expectedReimbursement)} kr.</dd>
            </div>
          </dl>
          <TotalsOnlyNote caseLevel={data.caseLevel} />
          {data.caseLevel && (
            <p>
              <a
                className="button-secondary"
                href={`/api/commitments/reimbursement.xlsx?${query(shown)}`}
                download
              >
                {t('cases.statement.excel')}
              </a>
            </p>
          )}
          {data.caseLevel && data.households.length === 0 && <p>{t('cases.reimbursement.none')}</p>}
          {data.households.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('cases.reimbursement.household')}</th>
                  <th scope="col" className="num">
                    {t('cases.reimbursement.gross')}
                  </th>
                  <th scope="col" className="num">
                    {t('cases.reimbursement.net')}
                  </th>
                  <th scope="col" className="num">
                    {t('cases.reimbursement.refund')}
                  </th>
                  <th scope="col">{t('cases.statement.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {data.households.map((h) => (
                  <tr key={h.household}>
                    <th scope="row">{h.household}</th>
                    <td className="num">{kr(h.gross)}</td>
                    <td className="num">{kr(h.net)}</td>
                    <td className="num">{kr(h.reimbursement)}</td>
                    <td>
                      <CaseLinks cases={h.cases} label={h.household} year={data.year} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

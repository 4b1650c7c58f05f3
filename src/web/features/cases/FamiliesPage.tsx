import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { FamiliesJson } from '../../../shared/schemas/cases';
import { CaseLinks, TotalsOnlyNote } from './CaseLinks';
import { query, today } from '../../format';
import { DateField, FilterForm, UnitSelect, useFilterForm } from '../../components/forms';

/** /sager/familier — families with more than one intervention on a date, per age band. */
export function FamiliesPage() {
  const { t } = useTranslation();
  const { form, shown, set, submit } = useFilterForm({ date: today(), unit: '' });
  const { data, error } = useApi<FamiliesJson>(`/commitments/families?${query(shown)}`);
  const bands = data?.bands.filter((b) => b.families > 0) ?? [];
  return (
    <>
      <h1>{t('cases.families.title')}</h1>
      <p className="muted">{t('cases.families.intro')}</p>
      <FilterForm onSubmit={submit}>
        <DateField label={t('cases.filters.date')} value={form.date} onValue={set('date')} />
        <UnitSelect value={form.unit} onValue={set('unit')} />
      </FilterForm>
      <ErrorMessage error={error} />
      {data && bands.length === 0 && <p>{t('cases.families.none')}</p>}
      {data && bands.length > 0 && <TotalsOnlyNote caseLevel={data.caseLevel} />}
      {data?.caseLevel && bands.length > 0 && (
        <p>
          <a
            className="button-secondary"
            href={`/api/commitments/families.xlsx?${query(shown)}`}
            download
          >
            {t('cases.statement.excel')}
          </a>
        </p>
      )}
      {bands.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('cases.families.band')}</th>
              <th scope="col" className="num">
                {t('cases.families.families')}
              </th>
              <th scope="col" className="num">
                {t('cases.families.interventions')}
              </th>
              <th scope="col" className="num">
                {t('cases.families.perFamily')}
              </th>
              {data?.caseLevel && <th scope="col">{t('cases.statement.cases')}</th>}
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => {
              const label = t(`cases.ageBands.${b.band}`, { defaultValue: b.band });
              return (
                <tr key={b.band}>
                  <th scope="row">{label}</th>
                  <td className="num">{b.families}</td>
                  <td className="num">{b.interventions}</td>
                  <td className="num">{b.perFamily.toLocaleString('da-DK')}</td>
                  {data?.caseLevel && (
                    <td>
                      <CaseLinks
                        cases={b.households.flatMap((h) => h.cases)}
                        label={label}
                        year={data.date.slice(0, 4)}
                      />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

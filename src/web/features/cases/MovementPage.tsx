import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { MovementJson } from '../../../shared/schemas/cases';
import { danishDate, kr, query, today } from '../../format';
import { TotalsOnlyNote } from './CaseLinks';
import {
  DateField,
  FilterForm,
  UnitSelect,
  useFilterForm,
  YearField,
} from '../../components/forms';

/**
 * /sager/bevaegelser — movement in the committed cost between two statement dates
 * (`?aar=&fra=&til=` preset the year and the dates, e.g. from a corrected statement).
 */
export function MovementPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const year = search.get('aar') ?? today().slice(0, 4);
  const { form, shown, set, submit } = useFilterForm({
    year,
    from: search.get('fra') ?? `${year}-01-01`,
    to: search.get('til') ?? today(),
    unit: '',
  });
  const { data, error } = useApi<MovementJson>(`/commitments/movement?${query(shown)}`);
  return (
    <>
      <h1>{t('cases.movement.title')}</h1>
      <p className="muted">{t('cases.movement.intro')}</p>
      <FilterForm onSubmit={submit}>
        <YearField value={form.year} onValue={set('year')} />
        <DateField label={t('cases.filters.from')} value={form.from} onValue={set('from')} />
        <DateField label={t('cases.filters.to')} value={form.to} onValue={set('to')} />
        <UnitSelect value={form.unit} onValue={set('unit')} />
      </FilterForm>
      <ErrorMessage error={error} />
      {data && (
        <>
          <p>
            <a
              className="button-secondary"
              href={`/api/commitments/movement.xlsx?${query(shown)}`}
              download
            >
              {t('cases.statement.excel')}
            </a>
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('cases.movement.kind')}</th>
                <th scope="col" className="num">
                  {t('cases.movement.count')}
                </th>
                <th scope="col" className="num">
                  {t('cases.movement.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">
                  {t('cases.movement.committedFrom', { date: danishDate(data.from) })}
                </th>
                <td />
                <td className="num">{kr(data.committedFrom)}</td>
              </tr>
              {(['correction', 'new', 'ended', 'changed'] as const).map((k) => (
                <tr key={k}>
                  <th scope="row">{t(`cases.movement.${k}`)}</th>
                  <td className="num">{data.groups[k].count}</td>
                  <td className="num">{kr(data.groups[k].amount)}</td>
                </tr>
              ))}
              <tr className="total">
                <th scope="row">
                  {t('cases.movement.committedTo', { date: danishDate(data.to) })}
                </th>
                <td />
                <td className="num">{kr(data.committedTo)}</td>
              </tr>
            </tbody>
          </table>
          <TotalsOnlyNote caseLevel={data.caseLevel} />
          {data.items.length > 0 && (
            <table className="table compact">
              <caption>{t('cases.movement.items')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.movement.case')}</th>
                  <th scope="col">{t('cases.movement.intervention')}</th>
                  <th scope="col">{t('cases.movement.kind')}</th>
                  <th scope="col" className="num">
                    {t('cases.movement.from')}
                  </th>
                  <th scope="col" className="num">
                    {t('cases.movement.to')}
                  </th>
                  <th scope="col" className="num">
                    {t('cases.movement.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.slice(0, 500).map((i) => (
                  <tr key={`${i.case}/${i.intervention}/${i.kind}`}>
                    <th scope="row">
                      <Link to={`/sager/sag/${i.caseId}?aar=${data.year}`}>{i.case}</Link>
                    </th>
                    <td>{i.intervention}</td>
                    <td>
                      {t(
                        i.kind === 'correction'
                          ? 'cases.movement.correctionItem'
                          : `cases.movement.${i.kind}`,
                      )}
                    </td>
                    <td className="num">{kr(i.from)}</td>
                    <td className="num">{kr(i.to)}</td>
                    <td className="num">{kr(i.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.corrections.length > 0 && (
            <section aria-labelledby="movement-corrections">
              <h2 id="movement-corrections">{t('cases.movement.corrections')}</h2>
              <p className="muted">{t('cases.movement.correctionsIntro')}</p>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t('cases.movement.correctedOn')}</th>
                    <th scope="col">{t('cases.movement.case')}</th>
                    <th scope="col">{t('cases.movement.intervention')}</th>
                    <th scope="col">{t('cases.movement.by')}</th>
                    <th scope="col">{t('cases.movement.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.corrections.slice(0, 500).map((c, n) => (
                    <tr key={n}>
                      <td>{danishDate(c.correctedOn)}</td>
                      <th scope="row">
                        <Link to={`/sager/sag/${c.caseId}?aar=${data.year}`}>{c.case}</Link>
                      </th>
                      <td>{c.intervention}</td>
                      <td>{c.byName}</td>
                      <td>{c.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </>
  );
}

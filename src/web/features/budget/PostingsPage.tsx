import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { danishDate, kr, query, today } from '../../format';
import { useBookedPeriod } from '../../booked-period';
import { openingYear } from '../../../domain/budget/booked-period';
import { functionLabel, useAccountFunctions } from '../../account-functions';
import type { Postings } from '../../../shared/schemas/ledger';

/** Opened without a unit: the units whose postings can be shown, each a link. */
function ChooseUnit({ year }: { year: string }) {
  const { t } = useTranslation();
  const booked = useBookedPeriod();
  const org = useApi<{ units: { id: string; name: string }[] }>('/organisation');
  const shownYear = year || String(openingYear(booked.bookedThrough, today()));
  return (
    <>
      <h1>
        {t('budget.postings.title')} {shownYear}
      </h1>
      <p>{t('budget.postings.chooseUnit')}</p>
      <ErrorMessage error={org.error} />
      <ul>
        {org.data?.units.map((u) => (
          <li key={u.id}>
            <Link to={`/budget/posteringer?${query({ unitId: u.id, year: shownYear })}`}>
              {u.name}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** /budget/posteringer — the postings behind a figure (drill-down from the forecast). */
export function PostingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = {
    unitId: params.get('unitId') ?? '',
    year: params.get('year') ?? '',
    accountFunction: params.get('accountFunction') ?? '',
    month: params.get('month') ?? '',
    limit: 1000,
  };
  const { data, error } = useApi<Postings>(q.unitId ? `/ledger/postings?${query(q)}` : null);
  const functions = useAccountFunctions();
  if (!q.unitId) return <ChooseUnit year={q.year} />;
  return (
    <>
      <h1>
        {t('budget.postings.title')} {functionLabel(q.accountFunction, functions)} {q.year}
      </h1>
      <p>
        <Link to={`/budget?${query({ year: q.year, unit: q.unitId })}`}>
          {t('budget.postings.back')}
        </Link>
      </p>
      <ErrorMessage error={error} />
      {data && (
        <>
          <p>{t('budget.postings.total', { count: data.total, sum: kr(data.sum) })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('budget.postings.date')}</th>
                <th scope="col">{t('budget.postings.account')}</th>
                <th scope="col">{t('budget.postings.text')}</th>
                <th scope="col" className="num">
                  {t('budget.postings.amount')}
                </th>
                <th scope="col">{t('budget.postings.file')}</th>
              </tr>
            </thead>
            <tbody>
              {data.postings.map((p) => (
                <tr key={p.id}>
                  <td>{danishDate(p.date)}</td>
                  <td>{p.accountString}</td>
                  <td>
                    {p.text}{' '}
                    {p.isLate && <span className="budget-badge">{t('budget.postings.late')}</span>}
                  </td>
                  <td className="num">{kr(p.amount)}</td>
                  <td>{p.fileName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

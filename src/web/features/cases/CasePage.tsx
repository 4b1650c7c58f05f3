import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { CaseDetailJson } from '../../../shared/schemas/cases';
import { danishDate, kr, today } from './format';
import { monthName } from './labels';
import { Field } from './UnitSelect';

type Detail = CaseDetailJson['interventions'][number];

/** /sager/sag/:id — one case: interventions, payment plans and the cost by month. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const [year, setYear] = useState(search.get('aar') ?? today().slice(0, 4));
  const { data, error, reload } = useApi<CaseDetailJson>(
    `/cases/${encodeURIComponent(id)}?year=${encodeURIComponent(year)}`,
  );
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const grant = async (ref: string) => {
    if (!data) return;
    setActionError(null);
    try {
      await api(`/cases/${data.id}/interventions/${encodeURIComponent(ref)}/grant`, {
        method: 'POST',
        body: { version: data.version },
      });
      setMessage(t('cases.case.granted_ok'));
      reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const plan = (i: Detail) => {
    const p = i.payment as {
      type: string;
      frequency?: string;
      dayOfMonth?: number;
      date?: string | null;
      amount?: number;
      units?: number;
      rate?: string;
      payments?: unknown[];
    };
    const amount =
      p.amount !== undefined && p.amount !== null
        ? `${kr(p.amount)} kr.`
        : t('cases.case.unitsTimesRate', { units: p.units ?? 0, rate: p.rate ?? '' });
    if (p.type === 'individual')
      return t('cases.case.individual', { count: p.payments?.length ?? 0 });
    if (p.type === 'one-time')
      return `${amount}, ${t('cases.case.oneTime', { date: danishDate(p.date ?? i.startDate) })}`;
    return `${amount} ${t(`cases.case.frequencies.${p.frequency ?? 'monthly'}`, { day: p.dayOfMonth ?? 1 })}`;
  };
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
          <Field label={t('cases.filters.year')} type="number" value={year} onChange={setYear} />
          <ErrorMessage error={actionError} />
          {message && (
            <p role="status" className="alert alert-ok">
              {message}
            </p>
          )}
          <h2>{t('cases.case.interventions')}</h2>
          <div className="table-scroll">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('cases.case.ref')}</th>
                  <th scope="col">{t('cases.case.status')}</th>
                  <th scope="col">{t('cases.case.category')}</th>
                  <th scope="col">{t('cases.case.provider')}</th>
                  <th scope="col">{t('cases.case.period')}</th>
                  <th scope="col">{t('cases.case.payment')}</th>
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
                      {i.ref}
                      {i.modifies && (
                        <span className="muted">
                          {' '}
                          ({t('cases.case.modifies')} {i.modifies})
                        </span>
                      )}
                    </th>
                    <td>
                      {t(`cases.case.statuses.${i.status}`)} · {t(`cases.case.kinds.${i.kind}`)}
                      {i.followOn && <> · {t('cases.case.followOn')}</>}
                    </td>
                    <td>
                      {t(`cases.categories.${i.category}`, { defaultValue: i.category })}
                      <br />
                      <span className="muted">
                        {i.paragraph} · {i.accountFunction}
                      </span>
                    </td>
                    <td>{i.provider.name}</td>
                    <td>
                      {danishDate(i.startDate)}–
                      {i.endDate ? danishDate(i.endDate) : t('cases.case.untilFurther')}
                    </td>
                    <td>{plan(i)}</td>
                    <td className="num">{kr(i.expected)}</td>
                    <td className="num">{kr(i.granted)}</td>
                    <td>
                      {i.status === 'expected' && (
                        <button type="button" onClick={() => void grant(i.ref)}>
                          {t('cases.case.grant')}
                          <span className="visually-hidden"> {i.ref}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('cases.case.monthly', { year: data.year })}</h2>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('cases.statement.month')}</th>
                <th scope="col" className="num">
                  {t('cases.statement.expected')}
                </th>
                <th scope="col" className="num">
                  {t('cases.statement.granted')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.expected.byMonth.map((e, m) => (
                <tr key={m}>
                  <th scope="row">{monthName(t, m)}</th>
                  <td className="num">{kr(e)}</td>
                  <td className="num">{kr(data.granted.byMonth[m])}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('cases.statement.total')}</th>
                <td className="num">{kr(data.expected.total)}</td>
                <td className="num">{kr(data.granted.total)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </>
  );
}

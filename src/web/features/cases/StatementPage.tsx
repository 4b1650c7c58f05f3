import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { oreFromKroner, wholeKronerAddingUp } from '../../../domain/money';
import type { ProviderJson } from '../../../shared/schemas/providers';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import {
  CATEGORY_GROUP_NAMES,
  STATEMENT_DIMENSIONS,
  type StatementJson,
} from '../../../shared/schemas/cases';
import { CaseAmounts, TotalsOnlyNote } from './CaseLinks';
import { danishDate, kr, krWhole, query, today } from '../../format';
import { monthName, rowLabel } from './labels';
import {
  DateField,
  FilterForm,
  SelectField,
  UnitSelect,
  useFilterForm,
  YearField,
} from '../../components/forms';

/** /sager — the commitment statement (disponeringsopgørelse) for a year as of a date. */
export function StatementPage() {
  const { t } = useTranslation();
  // a link may open the statement at its own scope (e.g. a focus area's, provider by provider)
  const [search] = useSearchParams();
  const { form, shown, set, submit } = useFilterForm({
    year: search.get('year') ?? today().slice(0, 4),
    asOf: search.get('asOf') ?? today(),
    unit: search.get('unit') ?? '',
    by: search.get('by') ?? 'category',
    group: search.get('group') ?? '',
    kind: search.get('kind') ?? '',
    provider: search.get('provider') ?? '',
  });
  const q = query(shown);
  const { data, error } = useApi<StatementJson>(`/commitments/statement?${q}`);
  const providers = useApi<ProviderJson[]>('/providers').data ?? [];
  // whole kroner in the overview, the rows adding up to the total shown beneath them
  const wholeRows = data
    ? {
        expected: wholeKronerAddingUp(
          data.rows.map((r) => oreFromKroner(r.expected)),
          oreFromKroner(data.expected.total),
        ),
        granted: wholeKronerAddingUp(
          data.rows.map((r) => oreFromKroner(r.granted)),
          oreFromKroner(data.granted.total),
        ),
      }
    : null;
  const chart = data
    ? data.expected.byMonth.map((e, i) => ({
        month: monthName(t, i),
        expected: e,
        granted: data.granted.byMonth[i] ?? 0,
      }))
    : [];
  return (
    <>
      <h1>{t('cases.statement.title')}</h1>
      <FilterForm onSubmit={submit}>
        <YearField value={form.year} onValue={set('year')} />
        <DateField label={t('cases.filters.asOf')} value={form.asOf} onValue={set('asOf')} />
        <UnitSelect value={form.unit} onValue={set('unit')} />
        <SelectField
          label={t('cases.filters.by')}
          value={form.by}
          onChange={(e) => set('by')(e.target.value)}
        >
          {STATEMENT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`cases.dimensions.${d}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.groups.label')}
          value={form.group}
          onChange={(e) => set('group')(e.target.value)}
        >
          <option value="">{t('cases.groups.all')}</option>
          {CATEGORY_GROUP_NAMES.map((g) => (
            <option key={g} value={g}>
              {t(`cases.groups.${g}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.filters.kind')}
          value={form.kind}
          onChange={(e) => set('kind')(e.target.value)}
        >
          <option value="">{t('cases.filters.allKinds')}</option>
          {(['ekstern', 'intern'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`cases.providers.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.dimensions.providerName')}
          value={form.provider}
          onChange={(e) => set('provider')(e.target.value)}
        >
          <option value="">{t('cases.filters.allProviders')}</option>
          {providers.map((p) => (
            <option key={p.id} value={p.name}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </FilterForm>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {data && (
        <>
          <p className="lead">
            {t('cases.statement.yearAsOf', { year: data.year, asOf: danishDate(data.asOf) })}
          </p>
          <dl className="key-figures">
            <div>
              <dt>{t('cases.statement.expected')}</dt>
              <dd>{kr(data.expected.total)} kr.</dd>
            </div>
            <div>
              <dt>{t('cases.statement.granted')}</dt>
              <dd>{kr(data.granted.total)} kr.</dd>
            </div>
            <div>
              <dt>{t('cases.statement.lastYear')}</dt>
              <dd>{kr(data.lastYearExpected)} kr.</dd>
            </div>
            <div>
              <dt>{t('cases.statement.fullYearPersons')}</dt>
              <dd>{data.fullYearPersons.total.toLocaleString('da-DK')}</dd>
            </div>
          </dl>
          {data.correctedSince && (
            <p className="alert alert-warning" role="note">
              {t('cases.statement.correctedSince', {
                count: data.correctedSince.count,
                asOf: danishDate(data.asOf),
                amount: kr(data.correctedSince.expectedAsRecorded),
              })}{' '}
              <Link to={`/sager/bevaegelser?aar=${data.year}&fra=${data.asOf}`}>
                {t('cases.statement.seeCorrections')}
              </Link>
            </p>
          )}
          <TotalsOnlyNote caseLevel={data.caseLevel} />
          <p>
            <a className="button-secondary" href={`/api/commitments/statement.xlsx?${q}`} download>
              {t('cases.statement.excel')}
            </a>
          </p>
          <table className="table">
            <caption>{t(`cases.dimensions.${data.by}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`cases.dimensions.${data.by}`)}</th>
                <th scope="col" className="num">
                  {t('cases.statement.expected')}
                </th>
                <th scope="col" className="num">
                  {t('cases.statement.granted')}
                </th>
                {data.caseLevel && <th scope="col">{t('cases.statement.cases')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, k) => {
                const label = rowLabel(t, data.by, r.key, r.label);
                return (
                  <tr key={r.key}>
                    <th scope="row">{label}</th>
                    <td className="num">{kr(wholeRows?.expected[k] ?? r.expected)}</td>
                    <td className="num">{kr(wholeRows?.granted[k] ?? r.granted)}</td>
                    {data.caseLevel && (
                      <td>
                        <CaseAmounts
                          cases={r.cases}
                          label={label}
                          year={data.year}
                          shown={{
                            expected: wholeRows?.expected[k] ?? r.expected,
                            granted: wholeRows?.granted[k] ?? r.granted,
                          }}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('cases.statement.total')}</th>
                <td className="num">{krWhole(data.expected.total)}</td>
                <td className="num">{krWhole(data.granted.total)}</td>
                {data.caseLevel && <td />}
              </tr>
            </tfoot>
          </table>
          <section aria-labelledby="statement-chart-title" className="chart-section">
            <h2 id="statement-chart-title">{t('cases.statement.chartTitle')}</h2>
            <div className="chart-and-table">
              <figure>
                <BarChart
                  width={640}
                  height={280}
                  data={chart}
                  accessibilityLayer
                  role="img"
                  aria-label={t('cases.statement.chartTitle')}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="month" />
                  <YAxis width={110} tickFormatter={(v: number) => kr(v)} />
                  <Tooltip formatter={(v) => `${kr(Number(v))} kr.`} />
                  <Legend />
                  <Bar
                    dataKey="expected"
                    name={t('cases.statement.expected')}
                    fill="var(--brand)"
                  />
                  <Bar dataKey="granted" name={t('cases.statement.granted')} fill="var(--ok)" />
                </BarChart>
              </figure>
              <table className="table compact">
                <caption>{t('cases.statement.chartTable')}</caption>
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
                  {chart.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.month}</th>
                      <td className="num">{kr(m.expected)}</td>
                      <td className="num">{kr(m.granted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

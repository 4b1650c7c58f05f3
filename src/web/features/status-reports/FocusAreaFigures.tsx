import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatusReportFocusAreaJson } from '../../../shared/schemas/status-report';
import { danishDate } from '../../format';
import { mio, twoDecimals } from './format';

/**
 * The figures of one focus area: baseline against current as a small bar chart with an
 * accessible name, and the same figures in a table beside it.
 */
export function FocusAreaFigures({
  area,
  index,
}: {
  area: StatusReportFocusAreaJson;
  index: number;
}) {
  const { t } = useTranslation();
  const { cost, families } = area.figures;
  if (!cost && !families) return null;
  const title = area.title.split('\n')[0] ?? area.title;
  const baselineLabel = cost
    ? String(cost.baseline.year)
    : families
      ? danishDate(families.baseline.date)
      : '';
  const currentLabel = cost
    ? danishDate(cost.current.asOf)
    : families
      ? danishDate(families.current.date)
      : '';
  const chartName = cost
    ? t('reports.chartName', {
        title,
        baseline: mio(cost.baseline.amount),
        current: mio(cost.current.amount),
      })
    : t('reports.familiesChartName', {
        title,
        baseline: families?.baseline.families ?? 0,
        current: families?.current.families ?? 0,
      });
  const data = cost
    ? [
        { name: baselineLabel, value: Math.round(cost.baseline.amount / 100_000) / 10 },
        { name: currentLabel, value: Math.round(cost.current.amount / 100_000) / 10 },
      ]
    : [
        { name: baselineLabel, value: families?.baseline.families ?? 0 },
        { name: currentLabel, value: families?.current.families ?? 0 },
      ];
  const captionId = `report-fig-${index}`;
  return (
    <div className="rp-figures">
      <figure className="rp-chart" role="img" aria-label={chartName}>
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={data} margin={{ left: 8, right: 8, top: 8, bottom: 8 }}>
            <CartesianGrid stroke="#d5dbe0" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis
              width={48}
              allowDecimals={Boolean(cost)}
              tickFormatter={(v: number) =>
                new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 }).format(v)
              }
            />
            <Tooltip />
            <Bar
              dataKey="value"
              name={
                cost ? t('reports.cost') : t('reports.families', { band: families?.band ?? '' })
              }
              fill="#1d4f73"
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <table className="table rp-table" aria-describedby={captionId}>
        <caption id={captionId} className="rp-caption">
          {t('reports.tableCaption', { title })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.figure')}</th>
            <th scope="col" className="num">
              {t('reports.baseline')} {baselineLabel}
            </th>
            <th scope="col" className="num">
              {t('reports.current')} {currentLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {cost && (
            <tr>
              <th scope="row">{t('reports.cost')}</th>
              <td className="num">{mio(cost.baseline.amount)}</td>
              <td className="num">{mio(cost.current.amount)}</td>
            </tr>
          )}
          {families && (
            <>
              <tr>
                <th scope="row">{t('reports.families', { band: families.band })}</th>
                <td className="num">{families.baseline.families}</td>
                <td className="num">{families.current.families}</td>
              </tr>
              <tr>
                <th scope="row">{t('reports.perFamily')}</th>
                <td className="num">{twoDecimals(families.baseline.perFamily)}</td>
                <td className="num">{twoDecimals(families.current.perFamily)}</td>
              </tr>
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

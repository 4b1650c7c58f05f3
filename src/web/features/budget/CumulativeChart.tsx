import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { kr, krWhole } from '../../format';
import type { MonthPoint } from './types';

/** Budget profile vs actual vs forecast, cumulative per month; a table carries the same figures. */
export function CumulativeChart({ months, title }: { months: MonthPoint[]; title: string }) {
  const { t } = useTranslation();
  const id = useId();
  const names = t('budget.months', { returnObjects: true }) as string[];
  const data = months.map((m) => ({ ...m, name: names[m.month - 1] ?? String(m.month) }));
  return (
    <section aria-labelledby={`${id}-title`} className="budget-chart">
      <h3 id={`${id}-title`}>{title}</h3>
      <div role="img" aria-label={title}>
        <LineChart width={760} height={300} data={data} margin={{ left: 40, right: 20, top: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis
            tickFormatter={(v: number) => `${kr(Math.round(v / 1_000_000))} mio.`}
            width={80}
          />
          <Tooltip formatter={(v) => `${kr(Number(v))} kr.`} />
          <Legend />
          <Line
            type="monotone"
            isAnimationActive={false}
            dataKey="budget"
            name={t('budget.dashboard.budgetProfile')}
            stroke="#555"
            strokeDasharray="6 4"
            dot={false}
          />
          <Line
            type="monotone"
            isAnimationActive={false}
            dataKey="actual"
            name={t('budget.dashboard.actual')}
            stroke="#1d4f73"
            strokeWidth={3}
            connectNulls={false}
          />
          <Line
            type="monotone"
            isAnimationActive={false}
            dataKey="forecast"
            name={t('budget.dashboard.forecastPath')}
            stroke="#a1001f"
            dot={false}
          />
        </LineChart>
      </div>
      <details>
        <summary>{t('budget.dashboard.chartTable')}</summary>
        <table className="table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.dashboard.month')}</th>
              <th scope="col" className="num">
                {t('budget.dashboard.budgetProfile')}
              </th>
              <th scope="col" className="num">
                {t('budget.dashboard.actual')}
              </th>
              <th scope="col" className="num">
                {t('budget.dashboard.forecastPath')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.name}</th>
                <td className="num">{krWhole(m.budget)}</td>
                <td className="num">{m.actual === null ? '–' : krWhole(m.actual)}</td>
                <td className="num">{krWhole(m.forecast)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMillions, oreFromKroner } from '../../../domain/money';
import { kr } from '../../format';

/** Axis ticks from below `lo` to above `hi` in steps of 1, 2, 2,5 or 5 × a power of ten (about five). */
function niceTicks(lo: number, hi: number): number[] {
  const rough = Math.max(hi - lo, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step; v += step) ticks.push(v);
  return ticks;
}

/**
 * Expected overspend per unit as horizontal bars, with the action-plan threshold as a line. The
 * figures are the overview table's (shown beside it); the chart's text alternative names them
 * too, and the chart can be reached by keyboard to hear it.
 */
export function OverspendChart({
  rows,
  threshold,
}: {
  rows: { unitName: string; overspend: number }[];
  threshold: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ticks = niceTicks(
    Math.min(0, ...rows.map((r) => r.overspend)),
    Math.max(threshold, ...rows.map((r) => r.overspend)),
  );
  const values = rows.map((r) => `${r.unitName}: ${kr(r.overspend)} kr.`).join('; ');
  return (
    <figure className="front-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{t('dashboard.figures.chartTitle')}</figcaption>
      <div
        role="img"
        tabIndex={0}
        className="front-chart-plot"
        aria-label={t('dashboard.figures.chartAlt', { threshold: kr(threshold), values })}
      >
        <ResponsiveContainer width="100%" height={70 + 48 * rows.length}>
          <BarChart
            layout="vertical"
            data={rows}
            accessibilityLayer={false}
            margin={{ left: 8, right: 24, top: 24, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              domain={[ticks[0] ?? 0, ticks[ticks.length - 1] ?? threshold]}
              ticks={ticks}
              tickFormatter={(v: number) => formatMillions(oreFromKroner(v))}
            />
            <YAxis type="category" dataKey="unitName" width={270} />
            <Tooltip formatter={(v) => `${kr(Number(v))} kr.`} />
            <ReferenceLine
              x={threshold}
              stroke="#a1001f"
              strokeDasharray="5 4"
              label={{
                value: t('dashboard.figures.chartThreshold'),
                position: 'top',
                textAnchor: 'end',
                fill: '#a1001f',
              }}
            />
            <Bar
              dataKey="overspend"
              name={t('dashboard.figures.overspend')}
              fill="#1d4f73"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="muted">{t('dashboard.figures.chartTableNote')}</p>
    </figure>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ActionPlanResponse } from '../../../shared/schemas/action-plan';
import { EffectGrid } from './EffectGrid';
import { kr } from '../../format';
import { cellText, parseCell, type GridRow } from './grid-model';

/** Gevinstrealisering: planned vs realised per month and cumulatively, as a chart and a table. */
export function RealisationSection({
  plan,
  mayRecord,
  onSaved,
}: {
  plan: ActionPlanResponse;
  mayRecord: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const r = plan.realisation;
  const [editing, setEditing] = useState<GridRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const data = r.months.map((m) => ({
    name: t(`actionPlans.months.${m.month}`),
    planned: m.planned,
    realised: m.realised,
    cumulativePlanned: m.cumulativePlanned,
    cumulativeRealised: m.cumulativeRealised,
  }));
  const startEditing = () =>
    setEditing(
      plan.areas.map((a) => ({
        key: `r-${a.number}`,
        number: a.number,
        target: '',
        cells: a.realisedEffect.map((v) => (v === null ? '' : cellText(v) || '0')),
      })),
    );
  const save = async () => {
    if (!editing) return;
    setError(null);
    try {
      await api(`/action-plans/${plan.id}/realisation`, {
        method: 'PUT',
        body: {
          version: plan.version,
          areas: editing.map((row) => ({
            number: row.number,
            realisedEffect: row.cells.map((text) => {
              if (text.trim() === '') return null;
              const p = parseCell(text);
              if (!p.ok) throw new Error(`${t('validation.not_a_number')} «${text}»`);
              return p.value / 100;
            }),
          })),
        },
      });
      setEditing(null);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const chartName = t('actionPlans.realisation.chartName');
  return (
    <section aria-labelledby="ap-real-title" className="ap-section">
      <h2 id="ap-real-title">{t('actionPlans.realisation.title')}</h2>
      <div className="ap-real">
        <figure className="ap-chart" role="img" aria-label={chartName}>
          <figcaption className="ap-caption">{chartName}</figcaption>
          <ResponsiveContainer width="100%" height={300}>
            <ComposedChart data={data} margin={{ left: 24, right: 8, top: 8, bottom: 8 }}>
              <CartesianGrid stroke="#d5dbe0" />
              <XAxis dataKey="name" />
              <YAxis tickFormatter={(v: number) => kr(v)} width={90} />
              <Tooltip formatter={(v) => kr(Number(v))} />
              <Legend />
              <Bar dataKey="planned" name={t('actionPlans.realisation.planned')} fill="#9bb7d4" />
              <Bar dataKey="realised" name={t('actionPlans.realisation.realised')} fill="#1e6b34" />
              <Line
                dataKey="cumulativePlanned"
                name={t('actionPlans.realisation.cumulativePlanned')}
                stroke="#1d4f73"
                strokeWidth={2}
                dot={false}
              />
              <Line
                dataKey="cumulativeRealised"
                name={t('actionPlans.realisation.cumulativeRealised')}
                stroke="#a1001f"
                strokeWidth={2}
                connectNulls={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </figure>
        <table className="table ap-real-table">
          <caption className="ap-caption">{chartName}</caption>
          <thead>
            <tr>
              <th scope="col">{t('actionPlans.realisation.month')}</th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.planned')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.realised')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.cumulativePlanned')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.cumulativeRealised')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{t(`actionPlans.monthNames.${m.month}`)}</th>
                <td className="num">{kr(m.planned)}</td>
                <td className="num">
                  {m.realised === null ? t('actionPlans.realisation.notRecorded') : kr(m.realised)}
                </td>
                <td className="num">{kr(m.cumulativePlanned)}</td>
                <td className="num">
                  {m.cumulativeRealised === null
                    ? t('actionPlans.realisation.notRecorded')
                    : kr(m.cumulativeRealised)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('actionPlans.table.totalRow')}</th>
              <td className="num">{kr(r.plannedTotal)}</td>
              <td className="num">{kr(r.realisedTotal)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      </div>
      {mayRecord && plan.areas.length > 0 && !editing && (
        <p>
          <button type="button" className="button-secondary" onClick={startEditing}>
            {t('actionPlans.realisation.record')}
          </button>
        </p>
      )}
      {editing && (
        <>
          <EffectGrid
            year={plan.year}
            rows={editing}
            onChange={setEditing}
            label={t('actionPlans.realisation.gridLabel')}
            showTargets={false}
          />
          <ErrorMessage error={error} />
          <p className="ap-actions">
            <button type="button" className="button-primary" onClick={() => void save()}>
              {t('actionPlans.realisation.saveRealised')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setEditing(null)}>
              {t('actionPlans.actions.cancel')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

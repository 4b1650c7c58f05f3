import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { oreFromKroner, sumOre, toKroner } from '../../../domain/money';
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
import type {
  ActionPlanResponse,
  ActsOnOptionsResponse,
  PlanMeasurementResponse,
} from '../../../shared/schemas/action-plan';
import { EffectGrid } from './EffectGrid';
import { danishDate, kr } from '../../format';
import { useApi } from '../../use-api';
import { ScrollRegion } from '../../components/ScrollRegion';
import { actsOnLabel } from './ActsOn';
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
  // Areas that name what they act on are measured from the commitments at each read; the
  // version in the path only makes a saved plan fetch the figures again.
  const isMeasured = plan.areas.some((a) => a.actsOn);
  const { data: measured, error: measuredError } = useApi<PlanMeasurementResponse>(
    isMeasured ? `/action-plans/${plan.id}/measured?v=${plan.version}` : null,
  );
  const { data: options } = useApi<ActsOnOptionsResponse>(
    isMeasured ? `/action-plans/${plan.id}/acts-on-options` : null,
  );
  const r = measured?.realisation ?? plan.realisation;
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
              return toKroner(p.value);
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
  if (isMeasured && !measured) {
    return (
      <section aria-labelledby="ap-real-title" className="ap-section">
        <h2 id="ap-real-title">{t('actionPlans.realisation.title')}</h2>
        {measuredError ? (
          <ErrorMessage error={measuredError} />
        ) : (
          <p role="status" className="muted">
            {t('actionPlans.realisation.measuring')}
          </p>
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="ap-real-title" className="ap-section">
      <h2 id="ap-real-title">{t('actionPlans.realisation.title')}</h2>
      {measured && <AreaRealisation plan={plan} measured={measured} options={options} />}
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
            rows={editing}
            onChange={setEditing}
            label={
              isMeasured
                ? t('actionPlans.realisation.gridLabelMeasured', { year: plan.year })
                : t('actionPlans.realisation.gridLabel', { year: plan.year })
            }
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

/**
 * Per area: planned, measured from the commitments, entered by hand (for a measured area: the
 * manual addition) and realised in all; measured + by hand = realised, and the totals add up.
 */
function AreaRealisation({
  plan,
  measured,
  options,
}: {
  plan: ActionPlanResponse;
  measured: PlanMeasurementResponse;
  options: ActsOnOptionsResponse | undefined;
}) {
  const { t } = useTranslation();
  const byNumber = new Map(measured.areas.map((a) => [a.number, a]));
  const sum = (values: readonly (number | null)[]) =>
    toKroner(sumOre(values.map((v) => oreFromKroner(v ?? 0))));
  const rows = plan.areas.map((area) => {
    const m = byNumber.get(area.number);
    const realised = measured.realisation.byArea.find((a) => a.number === area.number);
    return {
      number: area.number,
      title: area.title,
      actsOn: area.actsOn,
      planned: realised?.planned ?? 0,
      measured: m ? sum(m.effect) : null,
      manual: sum(area.realisedEffect),
      realised: realised?.realised ?? 0,
    };
  });
  const totalMeasured = sum(rows.map((row) => row.measured));
  const totalManual = sum(rows.map((row) => row.manual));
  return (
    <>
      <h3 id="ap-real-areas" className="ap-h3">
        {t('actionPlans.realisation.byAreaTitle')}
      </h3>
      <p className="muted" data-testid="measured-note">
        {measured.startedOn === null
          ? t('actionPlans.realisation.noStart')
          : t('actionPlans.realisation.measuredNote', {
              date: danishDate(measured.asOf),
              start: danishDate(measured.startedOn),
            })}
      </p>
      <ScrollRegion labelledBy="ap-real-areas">
        <table className="table ap-real-areas">
          <thead>
            <tr>
              <th scope="col">{t('actionPlans.realisation.area')}</th>
              <th scope="col">{t('actionPlans.realisation.actsOn')}</th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.planned')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.measured')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.manual')} /{' '}
                {t('actionPlans.realisation.manualAddition')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.realisation.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.number}>
                <th scope="row">
                  {row.number} {row.title}
                </th>
                <td>
                  {row.actsOn
                    ? actsOnLabel(t, row.actsOn, options)
                    : t('actionPlans.actsOn.manual')}
                </td>
                <td className="num">{kr(row.planned)}</td>
                <td className="num" data-testid={`measured-${row.number}`}>
                  {row.measured === null ? '–' : kr(row.measured)}
                </td>
                <td className="num">
                  {kr(row.manual)}
                  {row.measured !== null && row.manual !== 0 && (
                    <span className="muted"> ({t('actionPlans.realisation.manualAddition')})</span>
                  )}
                </td>
                <td className="num ap-total">{kr(row.realised)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('actionPlans.table.totalRow')}
              </th>
              <td className="num ap-total">{kr(measured.realisation.plannedTotal)}</td>
              <td className="num ap-total">{kr(totalMeasured)}</td>
              <td className="num ap-total">{kr(totalManual)}</td>
              <td className="num ap-total">{kr(measured.realisation.realisedTotal)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </>
  );
}

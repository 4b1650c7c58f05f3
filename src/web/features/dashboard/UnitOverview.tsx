import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverspendProbability } from '../../../domain/forecast/overspend-probability';
import { BookedNote } from '../../components/BookedNote';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScrollRegion } from '../../components/ScrollRegion';
import { danishDate, kr, query } from '../../format';
import { lazyNamed } from '../../lazy-named';
import { useApi } from '../../use-api';
import type { Backtest, FollowUpRounds, ForecastView } from '../budget/types';
import { buildOverview } from './overview-model';

/** The charts come after the figures' table: recharts is most of the front page's script. */
const OverspendChart = lazyNamed(() => import('./OverspendChart'), 'OverspendChart');
const CumulativeChart = lazyNamed(() => import('../budget/CumulativeChart'), 'CumulativeChart');

/** The probability band in words, with the band drawn on a 0–100 % track (the words carry it). */
function ProbabilityCell({ p }: { p: OverspendProbability }) {
  const { t } = useTranslation();
  const { from, to } = p.band;
  const text =
    from === 0
      ? t('dashboard.figures.bandLow', { to })
      : to === 100
        ? t('dashboard.figures.bandHigh', { from })
        : t('dashboard.figures.band', { from, to });
  return (
    <span className="front-band">
      <span className="front-band-track" aria-hidden="true">
        <span className="front-band-fill" style={{ left: `${from}%`, width: `${to - from}%` }} />
      </span>
      <span>
        {text}{' '}
        <span className="muted">
          ({t('dashboard.figures.bandYears', { count: p.exceeding, years: p.years })})
        </span>
      </span>
    </span>
  );
}

/**
 * The front page's figures for the units the user may read: budget, net forecast (as the
 * action-plan trigger uses it) and expected overspend in whole kroner adding up, the change since
 * the last frozen follow-up round, the probability of ending more than the threshold over (from
 * the backtest at the same point of earlier years), a chart per unit and the month-by-month path.
 */
export function UnitOverview({
  year,
  asOf,
  bookedThrough,
}: {
  year: number;
  asOf: string;
  bookedThrough: string | null;
}) {
  const { t } = useTranslation();
  const forecast = useApi<ForecastView>(`/forecast?${query({ year, asOf })}`);
  const rounds = useApi<FollowUpRounds>(`/follow-up/rounds?year=${year}`);
  const month = Number(asOf.slice(5, 7));
  // The backtest is the slow part: it loads after the figures and fills in its column.
  const backtest = useApi<Backtest>(
    forecast.data && bookedThrough
      ? `/forecast/backtest?${query({ beforeYear: year, months: month })}`
      : null,
  );
  const data = forecast.data;
  const threshold = data ? kr(data.actionPlanThreshold) : '';
  const overview = data ? buildOverview(data, rounds.data, backtest.data) : null;
  const years = backtest.data?.years ?? [];
  const hasProbability = overview?.rows.some((r) => r.probability !== null) ?? false;
  const onlyUnit = data?.units.length === 1 ? data.units[0] : undefined;
  return (
    <section aria-labelledby="front-figures-title" className="front-section">
      <h2 id="front-figures-title">{t('dashboard.figures.title', { year })}</h2>
      <BookedNote asOf={asOf} bookedThrough={bookedThrough} actualsThrough={data?.actualsThrough} />
      <ErrorMessage error={forecast.error} />
      {!data && !forecast.error && (
        <p role="status" className="muted">
          {t('dashboard.figures.loading')}
        </p>
      )}
      {data && overview && (
        <>
          <ScrollRegion labelledBy="front-figures-caption">
            <table className="table front-table">
              <caption id="front-figures-caption" className="sr-only">
                {t('dashboard.figures.caption', { date: danishDate(data.asOf) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.figures.unit')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.figures.budget')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.figures.forecast')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.figures.overspend')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.figures.change')}
                  </th>
                  <th scope="col">{t('dashboard.figures.probability', { threshold })}</th>
                </tr>
              </thead>
              <tbody>
                {overview.rows.map((r) => (
                  <tr key={r.unitId}>
                    <th scope="row">
                      {r.unitName}
                      {r.actionPlanRequired && (
                        <>
                          {' '}
                          <span className="budget-badge">{t('dashboard.figures.required')}</span>
                        </>
                      )}
                    </th>
                    <td className="num">{kr(r.budget)}</td>
                    <td className="num">{kr(r.forecast)}</td>
                    <td className={`num${r.overspend > 0 ? ' budget-over' : ''}`}>
                      {kr(r.overspend)}
                    </td>
                    <td className="num">
                      {r.change === null ? (
                        overview.round ? (
                          <span className="muted">{t('dashboard.figures.newSinceRound')}</span>
                        ) : (
                          '–'
                        )
                      ) : (
                        `${r.change > 0 ? '+' : ''}${kr(r.change)}`
                      )}
                    </td>
                    <td>
                      {r.probability ? (
                        <ProbabilityCell p={r.probability} />
                      ) : backtest.isLoading && bookedThrough ? (
                        <span className="muted">{t('dashboard.figures.probabilityLoading')}</span>
                      ) : (
                        t('dashboard.figures.probabilityNone')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
              {overview.rows.length > 1 && (
                <tfoot>
                  <tr>
                    <th scope="row">{t('dashboard.figures.total')}</th>
                    <td className="num">{kr(overview.total.budget)}</td>
                    <td className="num">{kr(overview.total.forecast)}</td>
                    <td className={`num${overview.total.overspend > 0 ? ' budget-over' : ''}`}>
                      {kr(overview.total.overspend)}
                    </td>
                    <td className="num">
                      {overview.total.change === null
                        ? '–'
                        : `${overview.total.change > 0 ? '+' : ''}${kr(overview.total.change)}`}
                    </td>
                    <td />
                  </tr>
                </tfoot>
              )}
            </table>
          </ScrollRegion>
          <p className="muted">
            {overview.round
              ? t('dashboard.figures.roundNote', {
                  round: overview.round.name,
                  date: danishDate(overview.round.asOf),
                })
              : t('dashboard.figures.noRound', { year })}{' '}
            {hasProbability
              ? t('dashboard.figures.probabilityExplained', {
                  month: t(`actionPlans.monthNames.${month - 1}`),
                  from: Math.min(...years),
                  to: Math.max(...years),
                  years: years.length,
                  threshold,
                })
              : backtest.error
                ? t('dashboard.figures.probabilityFailed')
                : backtest.data
                  ? t('dashboard.figures.probabilityTooFew')
                  : ''}
          </p>
          <div className="front-charts">
            <Suspense fallback={null}>
              <OverspendChart rows={overview.rows} threshold={data.actionPlanThreshold} />
              <CumulativeChart
                months={onlyUnit ? onlyUnit.months : data.area.months}
                title={
                  onlyUnit
                    ? t('dashboard.figures.unitChart', { unit: onlyUnit.unitName })
                    : t('dashboard.figures.areaChart')
                }
              />
            </Suspense>
          </div>
        </>
      )}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { danishDate, kr } from '../../format';
import { useApi } from '../../use-api';

/** GET /api/action-plans/{id}/forecast, amounts in kroner. */
interface ForecastNowResponse {
  asOf: string;
  source: 'forecast' | 'manual' | null;
  forecastOverspend: number | null;
  plannedEffectAfter: number;
  remaining: number | null;
}

/**
 * The unit's forecast now beside the plan's own figures, and the one "remaining" figure:
 * the forecast's expected overspend minus the plan's effect in the months still to come.
 */
export function ForecastNow({
  planId,
  version,
  year,
}: {
  planId: string;
  version: number;
  year: number;
}) {
  const { t } = useTranslation();
  // The version in the path only makes a saved plan fetch the figure again.
  const { data, error } = useApi<ForecastNowResponse>(
    `/action-plans/${planId}/forecast?v=${version}`,
  );
  if (error) return <ErrorMessage error={error} />;
  if (!data) {
    return (
      <p role="status" className="muted">
        {t('actionPlans.overspend.nowLoading')}
      </p>
    );
  }
  const date = danishDate(data.asOf);
  return (
    <table className="table ap-now" aria-labelledby="ap-now-caption">
      <caption id="ap-now-caption" className="ap-caption">
        {t('actionPlans.overspend.nowTitle')} · {t('actionPlans.overspend.nowCaption', { date })}
      </caption>
      <tbody>
        {data.forecastOverspend === null ? (
          <tr>
            <td colSpan={2}>{t('actionPlans.overspend.nowNone', { year })}</td>
          </tr>
        ) : (
          <>
            <tr>
              <th scope="row">
                {data.source === 'manual'
                  ? t('actionPlans.overspend.nowManual')
                  : t('actionPlans.overspend.nowForecast')}
              </th>
              <td className="num">{kr(data.forecastOverspend)}</td>
            </tr>
            <tr>
              <th scope="row">{t('actionPlans.overspend.nowPlanned', { date })}</th>
              <td className="num">{kr(data.plannedEffectAfter)}</td>
            </tr>
            <tr className="ap-remaining">
              <th scope="row">{t('actionPlans.overspend.nowRemaining')}</th>
              <td className="num" data-testid="plan-remaining">
                {kr(data.remaining)}
              </td>
            </tr>
          </>
        )}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2} className="muted">
            {t('actionPlans.overspend.nowExplain')}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionPlanResponse } from '../../../shared/schemas/action-plan';
import { danishDate, kr } from '../../format';
import { TextField } from '../../components/forms';
import type { FigureSource } from './editor-model';

type SourceOut = ActionPlanResponse['overspendSources']['atStart'];

/** Where a "forventet merforbrug" figure comes from, in words: "Fra prognosen pr. 31.10.2026". */
export function OverspendSourceNote({ source }: { source: SourceOut }) {
  const { t } = useTranslation();
  if (!source) return <span className="muted">{t('actionPlans.overspend.legacy')}</span>;
  const date = danishDate(source.asOf);
  const text =
    source.kind === 'forecast'
      ? t('actionPlans.overspend.fromForecast', { date })
      : source.kind === 'override'
        ? t('actionPlans.overspend.override', {
            reason: source.reason,
            date,
            forecast: kr(source.forecast),
          })
        : source.reason
          ? t('actionPlans.overspend.manualReason', { reason: source.reason })
          : t('actionPlans.overspend.manual');
  return <span className={`ap-source ap-source-${source.kind}`}>{text}</span>;
}

/**
 * One figure in the editor: from the forecast (shown, not typed; filled by the server when
 * saved), overridden (amount and a reason), or typed by hand (with a button to take it from
 * the forecast instead).
 */
export function OverspendFigureField(props: {
  label: string;
  fieldName: string;
  value: string;
  source: FigureSource;
  stored: SourceOut;
  onChange: (value: string, source: FigureSource) => void;
}) {
  const { t } = useTranslation();
  const { label, value, source, stored, onChange } = props;
  const sourceId = useId();
  if (source.kind === 'forecast') {
    return (
      <TextField
        label={label}
        value={value}
        readOnly
        describedBy={sourceId}
        below={
          <p id={sourceId} className="muted">
            {stored?.kind === 'forecast' ? (
              <OverspendSourceNote source={stored} />
            ) : (
              t('actionPlans.overspend.fromForecast', { date: '…' })
            )}{' '}
            <button
              type="button"
              className="button-secondary"
              onClick={() => onChange(value, { kind: 'override', reason: '' })}
            >
              {t('actionPlans.overspend.overrideToggle')}
            </button>
          </p>
        }
      />
    );
  }
  return (
    <TextField
      label={label}
      value={value}
      inputMode="decimal"
      onValue={(v) => onChange(v, source)}
      below={
        <>
          {source.kind === 'override' && (
            <TextField
              label={t('actionPlans.overspend.reason')}
              value={source.reason}
              onValue={(reason) => onChange(value, { kind: 'override', reason })}
            />
          )}
          <p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => onChange(value, { kind: 'forecast', reason: '' })}
            >
              {source.kind === 'override'
                ? t('actionPlans.overspend.useForecast')
                : t('actionPlans.overspend.fillFromForecast', { field: props.fieldName })}
            </button>
          </p>
        </>
      }
    />
  );
}

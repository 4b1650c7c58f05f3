import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseDetailJson, CorrectionJson } from '../../../shared/schemas/cases';
import { danishDate, danishDateTime } from '../../format';
import { paymentText } from './labels';

type Detail = CaseDetailJson['interventions'][number];

interface HistoryEvent {
  /** the day it happened (decided, granted, ended, corrected) */
  on: string;
  /** decisions before corrections on the same day, then in the order recorded */
  order: number;
  ref: string;
  kind: 'decided' | 'granted' | 'ended' | 'removed' | 'correction';
  endDate?: string;
  by?: string | null;
  correction?: CorrectionJson;
}

/** Every dated fact of the case's interventions and every correction, oldest first. */
function historyOf(interventions: Detail[], corrections: CorrectionJson[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const i of interventions) {
    if (i.status === 'draft') continue;
    events.push({ on: i.decidedOn, order: 0, ref: i.ref, kind: 'decided' });
    if (i.grantedOn && i.grantedOn > i.decidedOn)
      events.push({ on: i.grantedOn, order: 1, ref: i.ref, kind: 'granted' });
    for (const e of i.endings)
      events.push({
        on: e.decidedOn,
        order: 2,
        ref: i.ref,
        kind: e.removed ? 'removed' : 'ended',
        endDate: e.endDate,
        by: e.by,
      });
  }
  corrections.forEach((c, n) =>
    events.push({
      on: c.correctedOn,
      order: 3 + n,
      ref: c.intervention,
      kind: 'correction',
      correction: c,
    }),
  );
  return events.sort((a, b) => (a.on === b.on ? a.order - b.order : a.on < b.on ? -1 : 1));
}

/** A corrected field's value in words. */
function valueText(t: TFunction, field: string, value: unknown, startDate: string): string {
  if (value === null || value === undefined || value === '')
    return field === 'endDate' ? t('cases.case.untilFurther') : '–';
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (field) {
    case 'decidedOn':
    case 'startDate':
    case 'endDate':
      return danishDate(text);
    case 'payment':
      return paymentText(t, value as Record<string, unknown>, startDate);
    case 'category':
      return t(`cases.categories.${text}`, { defaultValue: text });
    case 'kind':
      return t(`cases.case.kinds.${text}`);
    case 'provider': {
      const p = value as { name: string; external: boolean };
      return p.external ? `${p.name} (${t('cases.history.external')})` : p.name;
    }
    case 'followOn':
      return t(value === true ? 'cases.history.yes' : 'cases.history.no');
    default:
      return text;
  }
}

/**
 * The case's history: the decisions (decided, granted, ended) and, apart from them, the
 * corrections of wrong data with who made them, when, why and what they changed.
 */
export function CaseHistory({ data }: { data: CaseDetailJson }) {
  const { t } = useTranslation();
  const events = historyOf(data.interventions, data.corrections);
  if (events.length === 0) return null;
  const startOf = new Map(data.interventions.map((i) => [i.ref, i.startDate]));
  return (
    <section aria-labelledby="case-history">
      <h2 id="case-history">{t('cases.history.title')}</h2>
      <p className="muted">{t('cases.history.intro')}</p>
      <ol className="case-history">
        {events.map((e, n) => (
          <li key={n} className={e.kind === 'correction' ? 'case-history-correction' : undefined}>
            <strong>{danishDate(e.on)}</strong> · {e.ref} ·{' '}
            {e.kind === 'correction' && e.correction ? (
              <>
                <strong>{t('cases.history.correction')}</strong>{' '}
                {t('cases.history.correctedBy', {
                  name: e.correction.byName,
                  at: danishDateTime(e.correction.at),
                })}
                <br />
                {t('cases.history.reason')}: <q>{e.correction.reason}</q>
                <ul>
                  {e.correction.changes.map((c) => {
                    const start = startOf.get(e.ref) ?? '';
                    return (
                      <li key={c.field}>
                        {t(`cases.history.fields.${c.field}`, { defaultValue: c.field })}:{' '}
                        {valueText(t, c.field, c.before, start)} →{' '}
                        {valueText(t, c.field, c.after, start)}
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : (
              t(`cases.history.${e.kind === 'ended' && e.by ? 'endedBy' : e.kind}`, {
                date: danishDate(e.endDate ?? ''),
                by: e.by ?? '',
              })
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

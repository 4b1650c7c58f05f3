import { formatDanishDate, type IsoDate } from '../domain/months';
import { formatKroner, oreFromKroner } from '../domain/money';
import type { ReportIndicatorsJson } from './schemas/status-report';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The status report's indicators as Danish sentences (or English), one per indicator, for the
 * Word document and the report page alike. `t` translates keys under `reports.indicators`.
 */
export function indicatorSentences(ind: ReportIndicatorsJson, t: Translate): string[] {
  const k = (key: string, params: Record<string, string | number> = {}) =>
    t(`reports.indicators.${key}`, params);
  const percent = (p: number | null) => (p === null ? k('none') : `${p} %`);
  const amount = oreFromKroner(ind.eftervaernSteppedDown.amount);
  const registeredFrom = ind.reviewsRegisteredFrom as IsoDate | null;
  const reviews =
    registeredFrom !== null && ind.asOf < registeredFrom
      ? [k('reviewsNotRegistered', { date: formatDanishDate(registeredFrom) })]
      : [
          k('reviews', { ...ind.reviews, percent: percent(ind.reviews.percent) }),
          k('eftervaernReviews', {
            ...ind.eftervaernReviews,
            percent: percent(ind.eftervaernReviews.percent),
          }),
        ];
  const lines = [
    ...reviews,
    k('families', {
      date: formatDanishDate(ind.families.date as IsoDate),
      families: ind.families.families,
      interventions: ind.families.interventions,
    }),
    k('steppedDown', {
      count: ind.eftervaernSteppedDown.count,
      amount: `${formatKroner(amount)} kr.`,
    }),
  ];
  if (ind.approvals) lines.push(k('approvals', ind.approvals));
  return lines;
}

/** The heading of the indicators. */
export function indicatorTitle(ind: ReportIndicatorsJson, year: number, t: Translate): string {
  return t('reports.indicators.title', { year, asOf: formatDanishDate(ind.asOf as IsoDate) });
}

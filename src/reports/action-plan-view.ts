import { computeTotals, type ActionPlan, type PlanStatus } from '../domain/action-plan';
import { formatKroner, ore, type Ore } from '../domain/money';
import { formatDanishDate, parseIsoDate } from '../domain/months';
import { translate } from '../shared/i18n/translate';
import { fileSlug } from './files';

/** What every renderer of a plan gets: the plan, its state, its issues and the threshold. */
export interface ActionPlanReportInput {
  plan: ActionPlan;
  status: PlanStatus;
  version: number;
  /** Danish messages of the plan's issues (warnings are printed in every export). */
  issues: { severity: 'error' | 'warning'; message: string }[];
  threshold: Ore;
}

export const t = (key: string, params: Record<string, string | number> = {}) =>
  translate(`actionPlans.${key}`, params);

export const MONTH_HEADERS: string[] = Array.from({ length: 12 }, (_, i) => t(`months.${i}`));

/** `15.05.2018`, or empty when there is no date. */
export function dateText(date: string | null): string {
  const d = date ? parseIsoDate(date) : null;
  return d ? formatDanishDate(d) : '';
}

/** A month cell as in the reference: blank for zero, `300.000` otherwise. */
export function cellText(amount: Ore): string {
  return amount === 0 ? '' : formatKroner(amount);
}

export function amountText(amount: Ore | null): string {
  return amount === null ? '' : formatKroner(amount);
}

/** `1 Følgeudgifter af anbringelser`, as the reference's first column. */
export function areaLabel(area: { number: number; title: string | null }): string {
  return area.title ? `${area.number} ${area.title}` : String(area.number);
}

/** The monthly effect table as text, rows for each area and the 'I alt' row. */
export function effectTable(plan: ActionPlan) {
  const totals = computeTotals(plan.areas);
  const rows = plan.areas.map((area, i) => ({
    label: String(area.number),
    cells: area.monthlyEffect.map(cellText),
    total: formatKroner(totals.byArea[i]?.total ?? ore(0)),
  }));
  return {
    title: t('table.effectTitle', { year: plan.year }),
    headers: ['', ...MONTH_HEADERS, t('table.total')],
    rows,
    totalRow: {
      label: t('table.totalRow'),
      cells: totals.byMonth.map(cellText),
      total: formatKroner(totals.grand),
    },
  };
}

/** The FORVENTET MERFORBRUG block: label and Danish amount for each of the three figures. */
export function overspendBlock(plan: ActionPlan) {
  const e = plan.expectedOverspend;
  return {
    title: t('overspend.title'),
    per: t('overspend.per', { year: plan.year }),
    lines: [
      [t('overspend.atStart'), amountText(e.atStart)],
      [t('overspend.atLastUpdate'), amountText(e.atLastUpdate)],
      [t('overspend.afterThisUpdate'), amountText(e.afterThisUpdate)],
    ] as [string, string][],
  };
}

/** The header block lines: label and value. */
export function headerLines(plan: ActionPlan) {
  return {
    title: t('documentTitle', { year: plan.year }),
    center: [t('fields.center'), plan.center.name ?? '', plan.center.responsible ?? ''] as const,
    unit: [t('fields.unit'), plan.unit.name ?? '', plan.unit.responsible ?? ''] as const,
    startedOn: [t('fields.startedOn'), dateText(plan.startedOn)] as const,
    updatedOn: [t('fields.updatedOn'), dateText(plan.updatedOn)] as const,
  };
}

export function subtitle(threshold: Ore): string {
  return t('documentSubtitle', { amount: formatKroner(threshold) });
}

/** A file name without spaces or special characters: `handleplan-2018-myndighed-det-...`. */
export function fileBaseName(plan: ActionPlan): string {
  const slug = fileSlug(plan.unit.name ?? plan.title);
  return `handleplan-${plan.year}${slug ? `-${slug}` : ''}`;
}

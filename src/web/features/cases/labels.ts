import type { TFunction } from 'i18next';
import { danishDate, kr } from '../../format';

/** The label of a statement row's key in the user's language. */
export function rowLabel(t: TFunction, by: string, key: string, label: string): string {
  switch (by) {
    case 'category':
      return t(`cases.categories.${key}`, { defaultValue: key });
    case 'provider':
      return t(`cases.providers.${key}`, { defaultValue: key });
    case 'ageBand':
      return t(`cases.ageBands.${key}`, { defaultValue: key });
    case 'month':
      return monthName(t, Number(key) - 1);
    default:
      return label;
  }
}

export function monthName(t: TFunction, index: number): string {
  const months = t('cases.months', { returnObjects: true }) as unknown;
  return Array.isArray(months) ? String(months[index] ?? index + 1) : String(index + 1);
}

/** A payment plan as the format writes it (kroner), in words: "1.000,00 kr. dagligt". */
export function paymentText(
  t: TFunction,
  payment: Record<string, unknown>,
  startDate: string,
): string {
  const p = payment as {
    type?: string;
    frequency?: string;
    dayOfMonth?: number;
    date?: string | null;
    amount?: number;
    units?: number;
    rate?: string;
    payments?: unknown[];
    proRata?: boolean;
  };
  const amount =
    p.amount !== undefined && p.amount !== null
      ? `${kr(p.amount)} kr.`
      : t('cases.case.unitsTimesRate', { units: p.units ?? 0, rate: p.rate ?? '' });
  if (p.type === 'individual')
    return t('cases.case.individual', { count: p.payments?.length ?? 0 });
  if (p.type === 'one-time')
    return `${amount}, ${t('cases.case.oneTime', { date: danishDate(p.date ?? startDate) })}`;
  const running = `${amount} ${t(`cases.case.frequencies.${p.frequency ?? 'monthly'}`, { day: p.dayOfMonth ?? 1 })}`;
  return p.proRata ? `${running}, ${t('cases.case.proRata')}` : running;
}

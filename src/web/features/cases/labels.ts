import type { TFunction } from 'i18next';

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

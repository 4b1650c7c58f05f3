/**
 * A Danish name for the path of a field in a problem from the API, so that a message names the
 * field in the user's words: `cases.3.interventions.1.payment.dayOfMonth` becomes
 * "Sag 4 › Indsats 2 › Betaling › Dag i måneden". Names come from the translation files
 * (`fields.names`, `fields.items` for one element of a list, `fields.months`); an unknown
 * part is shown as it is.
 */
export function describeFieldPath(
  path: string,
  lookup: {
    name: (part: string) => string | undefined;
    item: (list: string) => string | undefined;
    month: (index: number) => string | undefined;
  },
): string {
  const parts = path.split('.').filter((p) => p !== '');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (!/^\d+$/.test(part)) {
      out.push(lookup.name(part) ?? part);
      continue;
    }
    const n = Number(part);
    const list = parts[i - 1];
    const item = list === undefined ? undefined : lookup.item(list);
    const month = list !== undefined && MONTH_LISTS.has(list) ? lookup.month(n) : undefined;
    if (item !== undefined) out[out.length - 1] = `${item} ${n + 1}`;
    else if (month !== undefined) out.push(month);
    else out.push(`nr. ${n + 1}`);
  }
  return out.join(' › ');
}

/** Lists whose elements are the twelve months of a year. */
const MONTH_LISTS = new Set(['monthlyEffect', 'realisedEffect', 'byMonth', 'profile', 'months']);

import { describe, expect, it } from 'vitest';
import da from '../../../shared/i18n/da/common.json';
import { describeFieldPath } from './field-path';

const fields = da.fields as {
  names: Record<string, string>;
  items: Record<string, string>;
  months: string[];
};
const describeDa = (path: string) =>
  describeFieldPath(path, {
    name: (p) => fields.names[p],
    item: (l) => fields.items[l],
    month: (i) => fields.months[i],
  });

describe('Danish names for field paths in problems', () => {
  it('names the element of a list by its number from 1', () => {
    expect(describeDa('cases.3.interventions.1.payment.dayOfMonth')).toBe(
      'Sag 4 › Indsats 2 › Betaling › Dag i måneden',
    );
    expect(describeDa('periods.1.amount')).toBe('Periode 2 › Beløb');
    expect(describeDa('focusAreas.0.title')).toBe('Fokusområde 1 › Titel');
  });
  it('names months of a monthly list, and shows what it does not know as it is', () => {
    expect(describeDa('areas.2.monthlyEffect.11')).toBe(
      'Indsatsområde 3 › Økonomisk effekt › december',
    );
    expect(describeDa('somethingNew.4')).toBe('somethingNew › nr. 5');
    expect(describeDa('t25')).toBe('Grænse for 25 %');
  });
});

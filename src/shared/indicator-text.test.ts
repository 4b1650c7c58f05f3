import { describe, expect, it } from 'vitest';
import { indicatorSentences } from './indicator-text';
import { translate } from './i18n/translate';
import type { ReportIndicatorsJson } from './schemas/status-report';

const base: ReportIndicatorsJson = {
  from: '2020-01-01',
  asOf: '2020-05-31',
  reviewsRegisteredFrom: null,
  reviews: { held: 4, onTime: 3, overdue: 0, percent: 75 },
  eftervaernReviews: { held: 0, onTime: 0, overdue: 0, percent: null },
  families: { date: '2020-05-31', families: 2, interventions: 5 },
  eftervaernSteppedDown: { count: 0, amount: 0 },
  approvals: null,
};
const da = (key: string, params?: Record<string, string | number>) => translate(key, params);

describe('the status report indicators in words', () => {
  it('give the share of reviews held on time when reviews were registered by the date', () => {
    const lines = indicatorSentences({ ...base, reviewsRegisteredFrom: '2020-01-01' }, da);
    expect(lines[0]).toBe(
      'Gennemgange holdt til tiden: 75 % (3 af 4 holdte gennemgange; 0 sager er over fristen).',
    );
    expect(lines).toHaveLength(4);
  });

  it('say from which day reviews are registered instead of a figure before that day', () => {
    const lines = indicatorSentences(
      {
        ...base,
        reviewsRegisteredFrom: '2026-01-01',
        reviews: { held: 0, onTime: 0, overdue: 0, percent: null },
      },
      da,
    );
    expect(lines[0]).toBe(
      'Gennemgange registreres i Overblik fra 01.01.2026; før den dag er der intet tal for gennemgange holdt til tiden.',
    );
    expect(lines.join(' ')).not.toMatch(/%|til tiden:/);
    expect(lines).toHaveLength(3);
    expect(
      indicatorSentences({ ...base, reviewsRegisteredFrom: '2026-01-01' }, (k, p) =>
        translate(k, p, 'en'),
      )[0],
    ).toBe(
      'Reviews are registered in Overblik from 01.01.2026; before that day there is no figure for reviews held on time.',
    );
  });
});

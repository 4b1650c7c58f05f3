import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToWholeKroner, ore } from '../domain/money';
import { roundExportView, type RoundExportLine } from './follow-up-round-view';

const round = {
  name: 'Budgetopfølgning 2, 2026',
  year: 2026,
  asOf: '2026-05-31',
  actualsThrough: '2026-05-31',
  createdBy: 'Ole Økonomi',
  createdAt: '2026-06-08T12:00:00Z',
};

const amount = fc.integer({ min: -50_000_000_00, max: 50_000_000_00 });
const lineArb = fc.record({
  unit: fc.integer({ min: 0, max: 3 }),
  fn: fc.constantFrom('5.28.20', '5.28.21', '5.28.22', '5.28.23'),
  budgetOre: amount,
  actualsOre: amount,
  refusionOre: fc.integer({ min: 0, max: 5_000_000_00 }),
  forecastOre: amount,
});

describe('the round as the committee reads it', () => {
  it('adds up on paper: every total is the sum of the figures above it, gross = net + refusion, overspend = net − budget', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (raw) => {
        const lines: RoundExportLine[] = raw.map((l) => ({
          ...l,
          unitId: `u${l.unit}`,
          unitName: `Enhed ${l.unit}`,
          accountFunction: l.fn,
          functionName: null,
          comment: '',
        }));
        const view = roundExportView({
          round,
          lines,
          previous: null,
          plans: [],
          thresholdOre: 100_000_00,
        });
        const keys = ['budget', 'actuals', 'gross', 'refusion', 'net', 'overspend'] as const;
        for (const u of view.units) {
          for (const r of [...u.rows, u.total]) {
            expect(r.gross).toBe(r.net + r.refusion);
            expect(r.overspend).toBe(r.net - r.budget);
          }
          for (const k of keys) expect(u.total[k]).toBe(u.rows.reduce((s, r) => s + r[k], 0));
        }
        for (const k of keys)
          expect(view.total[k]).toBe(view.units.reduce((s, u) => s + u.total[k], 0));
        // the area's budget, actuals, refusion and net are the exact totals rounded
        const exact = (pick: (l: RoundExportLine) => number) =>
          roundToWholeKroner(ore(lines.reduce((s, l) => s + pick(l), 0)));
        expect(view.total.budget).toBe(exact((l) => l.budgetOre));
        expect(view.total.net).toBe(exact((l) => l.forecastOre));
        expect(view.total.refusion).toBe(exact((l) => l.refusionOre));
      }),
    );
  });

  it('says when a unit needs a plan and how its overspend moved since the round before', () => {
    const view = roundExportView({
      round,
      lines: [
        {
          unitId: 'a',
          unitName: 'Ungeteam og efterværn',
          accountFunction: '5.28.23',
          functionName: 'Døgninstitutioner for børn og unge',
          budgetOre: 1_000_000_00,
          actualsOre: 600_000_00,
          refusionOre: 50_000_00,
          forecastOre: 1_250_000_50,
          comment: 'To nye anbringelser',
        },
      ],
      previous: { name: 'Budgetopfølgning 1, 2026', overspendByUnit: new Map([['a', 100_000_00]]) },
      plans: [],
      thresholdOre: 100_000_00,
    });
    const unit = view.units[0];
    expect(unit?.rows[0]).toMatchObject({
      label: '5.28.23 Døgninstitutioner for børn og unge',
      gross: 1_300_001,
      net: 1_250_001,
      overspend: 250_001,
      comment: 'To nye anbringelser',
    });
    expect(unit?.planRequired).toBe(true);
    expect(unit?.change).toBe(150_001);
    expect(view.subtitle[0]).toBe('Opgjort pr. 31.05.2026.');
  });
});

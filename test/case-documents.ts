/**
 * An intervention as the case import's document has it (`overblik/cases@1`, amounts in kroner):
 * a granted placement at Døgninstitutionen on 5.28.23, decided 1.12.2025, paying `amount` kr. on
 * the 1st of every month of 2026, with `over` for the fields a test sets otherwise (its `ref`).
 */
export function monthlyIntervention<O extends Record<string, unknown>>(
  amount: number,
  over: O = {} as O,
) {
  return {
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2025-12-01',
    category: 'anbringelse-doegninstitution',
    provider: { name: 'Døgninstitutionen', external: true },
    accountFunction: '5.28.23',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    payment: { type: 'running', frequency: 'monthly', dayOfMonth: 1, amount },
    ...over,
  };
}

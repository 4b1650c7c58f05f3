import type { Ore } from '../money';
import type { IsoDate } from '../months';
import type { CaseRecord, Intervention, PaymentPlan, Rate } from './types';

/** Builders for the domain's tests: a daily 500 kr granted intervention unless told otherwise. */
export function intervention(over: Partial<Intervention> & { ref: string }): Intervention {
  return {
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn: '2019-01-01' as IsoDate,
    category: 'familiebehandling',
    paragraph: 'SEL §52 stk. 3 nr. 3',
    provider: { name: 'Familiecentret', external: false },
    accountFunction: '5.28.21',
    startDate: '2019-12-01' as IsoDate,
    endDate: null,
    followOn: false,
    payment: daily(500),
    ...over,
  };
}

export function daily(kroner: number): PaymentPlan {
  return { type: 'running', frequency: 'daily', amountOre: Math.round(kroner * 100) as Ore };
}

export function caseOf(
  ref: string,
  interventions: Intervention[],
  over: Partial<CaseRecord> = {},
): CaseRecord {
  return {
    ref,
    household: `H-${ref}`,
    unit: 'Myndighed',
    person: { ref: `P-${ref}`, birthDate: '2006-03-14' as IsoDate },
    interventions,
    ...over,
  };
}

export function rateMap(rates: Rate[] = []): Map<string, Rate> {
  return new Map(rates.map((r) => [r.code, r]));
}

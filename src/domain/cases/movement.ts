import { ore, type Ore } from '../money';
import type { IsoDate } from '../months';
import { computeYear } from './commitments';
import type { CaseRecord, Rate } from './types';

export type MovementKind = 'new' | 'ended' | 'changed';

export interface MovementItem {
  kind: MovementKind;
  caseRef: string;
  /** the adjustment chain (measure) the change belongs to, named by its first intervention */
  rootRef: string;
  fromOre: Ore;
  toOre: Ore;
  /** toOre − fromOre */
  amountOre: Ore;
}

export interface Movement {
  year: number;
  from: IsoDate;
  to: IsoDate;
  committedFromOre: Ore;
  committedToOre: Ore;
  groups: Record<MovementKind, { count: number; amountOre: Ore }>;
  items: MovementItem[];
}

/**
 * The movement in the year's committed cost (rule 5) between two statement dates, per measure
 * (adjustment chain): `new` when its first intervention was not decided by `from`; `ended` when
 * it counted at `from` and counts nothing at `to`; `changed` when its amount differs otherwise.
 * Every chain's difference lands in exactly one group, so the groups' net equals
 * committed(to) − committed(from) to the øre.
 */
export function movementBetween(
  cases: readonly CaseRecord[],
  rates: ReadonlyMap<string, Rate>,
  params: { year: number; from: IsoDate; to: IsoDate },
): Movement {
  const before = computeYear(cases, rates, { year: params.year, asOf: params.from });
  const after = computeYear(cases, rates, { year: params.year, asOf: params.to });
  const chains = new Map<
    string,
    { caseRef: string; rootRef: string; a: number; b: number; rootBefore: boolean }
  >();
  const chainOf = (caseRef: string, rootRef: string) => {
    const key = `${caseRef}\u0000${rootRef}`;
    let c = chains.get(key);
    if (!c) {
      c = { caseRef, rootRef, a: 0, b: 0, rootBefore: false };
      chains.set(key, c);
    }
    return c;
  };
  let totalA = 0;
  let totalB = 0;
  for (const i of before.interventions) {
    const c = chainOf(i.caseRef, i.rootRef);
    c.a += i.expectedOre;
    if (i.intervention.ref === i.rootRef) c.rootBefore = true;
    totalA += i.expectedOre;
  }
  for (const i of after.interventions) {
    chainOf(i.caseRef, i.rootRef).b += i.expectedOre;
    totalB += i.expectedOre;
  }
  const groups: Movement['groups'] = {
    new: { count: 0, amountOre: ore(0) },
    ended: { count: 0, amountOre: ore(0) },
    changed: { count: 0, amountOre: ore(0) },
  };
  const items: MovementItem[] = [];
  for (const c of chains.values()) {
    if (c.a === c.b) continue;
    const kind: MovementKind = !c.rootBefore ? 'new' : c.b === 0 ? 'ended' : 'changed';
    const amount = c.b - c.a;
    groups[kind].count += 1;
    groups[kind].amountOre = ore(groups[kind].amountOre + amount);
    items.push({
      kind,
      caseRef: c.caseRef,
      rootRef: c.rootRef,
      fromOre: ore(c.a),
      toOre: ore(c.b),
      amountOre: ore(amount),
    });
  }
  items.sort((x, y) =>
    x.caseRef === y.caseRef ? (x.rootRef < y.rootRef ? -1 : 1) : x.caseRef < y.caseRef ? -1 : 1,
  );
  return {
    year: params.year,
    from: params.from,
    to: params.to,
    committedFromOre: ore(totalA),
    committedToOre: ore(totalB),
    groups,
    items,
  };
}

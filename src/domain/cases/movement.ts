import { ore, type Ore } from '../money';
import type { IsoDate } from '../months';
import { computeYear, type YearComputation } from './commitments';
import { asRecordedOn, type InterventionCorrection } from './corrections';
import { compileCases } from './engine';
import type { CaseRecord, Rate } from './types';

/** Decisions (`new`, `ended`, `changed`) and corrections of wrong data (`correction`). */
export type MovementKind = 'new' | 'ended' | 'changed' | 'correction';
export const MOVEMENT_KINDS: readonly MovementKind[] = ['new', 'ended', 'changed', 'correction'];

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

export interface Movement<K extends InterventionCorrection = InterventionCorrection> {
  year: number;
  from: IsoDate;
  to: IsoDate;
  committedFromOre: Ore;
  committedToOre: Ore;
  groups: Record<MovementKind, { count: number; amountOre: Ore }>;
  items: MovementItem[];
  /** the corrections made in the period (after `from`, up to and including `to`), in order */
  corrections: (K & { rootRef: string })[];
}

/**
 * The movement in the year's committed cost (rule 5) between two statement dates, each read as
 * it was recorded on its day: `from` with the corrections made by `from`, `to` with those made
 * by `to` (`asRecordedOn`), so the first figure is the one a statement as of `from` gave on that
 * day, whatever was corrected since. Per measure (adjustment chain):
 * - `correction`: how the corrections made in the period change the statement as of `from`
 *   (the same date, corrected data);
 * - then the decisions, on the corrected data: `new` when its first intervention was not
 *   decided by `from`; `ended` when it counted at `from` and counts nothing at `to`; `changed`
 *   when its amount differs otherwise (a granted reduction is a negative change).
 * A chain lands in at most one decision group and, besides, in `correction`; the groups' net
 * equals committed(to) − committed(from) to the øre.
 */
export function movementBetween<K extends InterventionCorrection = InterventionCorrection>(
  cases: readonly CaseRecord[],
  rates: ReadonlyMap<string, Rate>,
  params: { year: number; from: IsoDate; to: IsoDate },
  corrections: readonly K[] = [],
): Movement<K> {
  const refs = new Set(cases.map((c) => c.ref));
  const inPeriod = corrections.filter(
    (c) => refs.has(c.caseRef) && c.correctedOn > params.from && c.correctedOn <= params.to,
  );
  // compiled once per record state: without corrections in the period both dates read the same
  const recordedTo = compileCases(asRecordedOn(cases, corrections, params.to));
  const recordedFrom =
    inPeriod.length === 0
      ? recordedTo
      : compileCases(asRecordedOn(cases, corrections, params.from));
  const reported = computeYear(recordedFrom, rates, { year: params.year, asOf: params.from });
  const corrected =
    inPeriod.length === 0
      ? reported
      : computeYear(recordedTo, rates, { year: params.year, asOf: params.from });
  const after = computeYear(recordedTo, rates, { year: params.year, asOf: params.to });
  const chains = new Map<
    string,
    { caseRef: string; rootRef: string; a: number; c: number; b: number; rootBefore: boolean }
  >();
  const chainOf = (caseRef: string, rootRef: string) => {
    const key = `${caseRef}\u0000${rootRef}`;
    let c = chains.get(key);
    if (!c) {
      c = { caseRef, rootRef, a: 0, c: 0, b: 0, rootBefore: false };
      chains.set(key, c);
    }
    return c;
  };
  const sum = (y: YearComputation, add: (chain: ReturnType<typeof chainOf>, o: number) => void) => {
    let total = 0;
    for (const i of y.interventions) {
      add(chainOf(i.caseRef, i.rootRef), i.expectedOre);
      total += i.expectedOre;
    }
    return total;
  };
  const totalA = sum(reported, (c, o) => (c.a += o));
  sum(corrected, (c, o) => (c.c += o));
  for (const i of corrected.interventions)
    if (i.intervention.ref === i.rootRef) chainOf(i.caseRef, i.rootRef).rootBefore = true;
  const totalB = sum(after, (c, o) => (c.b += o));
  const groups = Object.fromEntries(
    MOVEMENT_KINDS.map((k) => [k, { count: 0, amountOre: ore(0) }]),
  ) as Movement<K>['groups'];
  const items: MovementItem[] = [];
  const add = (
    kind: MovementKind,
    c: { caseRef: string; rootRef: string },
    x: number,
    y: number,
  ) => {
    groups[kind].count += 1;
    groups[kind].amountOre = ore(groups[kind].amountOre + y - x);
    items.push({
      kind,
      caseRef: c.caseRef,
      rootRef: c.rootRef,
      fromOre: ore(x),
      toOre: ore(y),
      amountOre: ore(y - x),
    });
  };
  for (const c of chains.values()) {
    if (c.a !== c.c) add('correction', c, c.a, c.c);
    if (c.c === c.b) continue;
    add(!c.rootBefore ? 'new' : c.b === 0 ? 'ended' : 'changed', c, c.c, c.b);
  }
  // by case and measure; a measure's correction before its decision (it applies at `from`)
  const rank = (i: MovementItem) => (i.kind === 'correction' ? 0 : 1);
  items.sort((x, y) =>
    x.caseRef !== y.caseRef
      ? x.caseRef < y.caseRef
        ? -1
        : 1
      : x.rootRef !== y.rootRef
        ? x.rootRef < y.rootRef
          ? -1
          : 1
        : rank(x) - rank(y),
  );
  const rootOf = new Map<string, string>();
  for (const y of [after, corrected])
    for (const i of y.interventions)
      rootOf.set(`${i.caseRef}\u0000${i.intervention.ref}`, i.rootRef);
  return {
    year: params.year,
    from: params.from,
    to: params.to,
    committedFromOre: ore(totalA),
    committedToOre: ore(totalB),
    groups,
    items,
    corrections: inPeriod.map((c) => ({
      ...c,
      rootRef: rootOf.get(`${c.caseRef}\u0000${c.interventionRef}`) ?? c.interventionRef,
    })),
  };
}

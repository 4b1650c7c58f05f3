import {
  CATEGORY_GROUPS,
  computeYear,
  grantIntervention,
  type CaseRecord,
  type Intervention,
  type Rate,
} from '../../../domain/cases';
import { addDays, toDayNumber, type IsoDate } from '../../../domain/months';
import { generateCases, makeIntervention, profileNamed as PROFILE, scalePlan } from './generator';
import { Random } from './random';

/**
 * The demo municipality is generated, never adjusted: every figure of the reference status
 * report (status maj 2020) emerges from ordinary cases, to the report's own precision (millions
 * of kroner with one decimal; whole families). How each is read from the statements
 * (docs/formats.md, "Cases format"):
 * - aftercare: category `eftervaern`, expected cost of the year;
 * - external providers: preventive measures (category group `forebyggende`) bought from an
 *   external provider — placements are excluded, being external by nature;
 * - families: households with more than one measure in force, persons 13–17;
 * - 2019 figures are the year 2019 as of 2019-12-31, 2020 figures the year 2020 as of 2020-05-31.
 */
export const DEMO_REFERENCE_FIGURES = {
  aftercare2019: 8.5,
  aftercare2020May: 5.9,
  external2019: 7.9,
  external2020May: 4.7,
  families: 8,
} as const;

/**
 * The seeds of the demo's streams of cases. The background's and its warm-up's are ordinary
 * (not tuned); the three focus streams' were chosen once, offline, by
 * `bench/generator/calibrate-demo.ts` (the first seeds from 1 whose stream rounds to the
 * reference figures above); the streams' parameters below are ordinary guesses of a
 * municipality of this size and are not tuned per figure.
 */
export const DEMO_SEEDS = {
  background: 2020,
  warmUp: 1,
  aftercare: 144,
  external: 13,
  families: 22,
};

export const DEMO_UNIT_KEYS = { children: 'myndighed', youth: 'unge', disability: 'handicap' };

/** The years the demo has cases in, and the last day decisions are known (the demo's "now"). */
export const DEMO_YEARS = { from: 2017, to: 2026 } as const;
/**
 * The warm-up: cases of the background start from 400 days before this year (late 2004), so by
 * 2017 the stock of running cases is what years of ordinary intake leave (`generateBackground`).
 */
export const DEMO_WARM_UP_FROM = 2006;
/** The background's cases (children, young people, disabilities): about 1,2 start each day. */
const BACKGROUND_CASES = 4800;
export const DEMO_DECIDED_THROUGH = '2026-11-30' as IsoDate;

/**
 * Young people entering aftercare (efterværn) each year: more up to 2019, fewer after the focus
 * of 2020, and more again in 2026 (the story of the current year's plan).
 */
export const AFTERCARE_INTAKE: Record<number, number> = {
  2016: 20,
  2017: 22,
  2018: 28,
  2019: 30,
  2020: 14,
  2021: 18,
  2022: 20,
  2023: 21,
  2024: 22,
  2025: 23,
  2026: 30,
};

/** Families starting a preventive measure bought from an external provider, each year. */
export const EXTERNAL_INTAKE: Record<number, number> = {
  2016: 22,
  2017: 26,
  2018: 32,
  2019: 52,
  2020: 24,
  2021: 26,
  2022: 27,
  2023: 28,
  2024: 28,
  2025: 29,
  2026: 34,
};

/** Households of young people (13–17) starting a main measure with more to follow, each year. */
export const FAMILY_INTAKE = 26;

const d = (s: string) => s as IsoDate;
const yearStart = (y: number) => d(`${y}-01-01`);
const daysBetween = (from: IsoDate, to: IsoDate) => toDayNumber(to) - toDayNumber(from);

export function isAftercare(i: Intervention): boolean {
  return i.category === 'eftervaern';
}

export function isExternalPreventive(i: Intervention): boolean {
  return (
    i.provider.external &&
    (CATEGORY_GROUPS as Record<string, string>)[i.category] === 'forebyggende'
  );
}

/** Expected cost (øre) of a year as of a date over the interventions that match. */
export function expectedFor(
  cases: readonly CaseRecord[],
  rates: ReadonlyMap<string, Rate>,
  year: number,
  asOf: IsoDate,
  match: (i: Intervention) => boolean,
): number {
  return computeYear(cases, rates, { year, asOf })
    .interventions.filter((i) => match(i.intervention))
    .reduce((s, i) => s + i.expectedOre, 0);
}

/** Grants an expected intervention on `on` when that day is known to the demo. */
function grantIfDecided(record: CaseRecord, ref: string, on: IsoDate): CaseRecord {
  if (on > DEMO_DECIDED_THROUGH) return record;
  const granted = grantIntervention(record, ref, on);
  return granted.ok ? granted.record : record;
}

/**
 * Aftercare (efterværn): young people from 18 until at most 23, each with support stepped down
 * after a while as they grow older (an adjustment, granted some days after it is decided). In
 * spring 2020 every case was reviewed (the status report), and most running cases were stepped
 * down then.
 */
export function generateAftercare(seed: number): CaseRecord[] {
  const r = new Random(seed);
  const cases: CaseRecord[] = [];
  let k = 0;
  for (let year = DEMO_YEARS.from - 1; year <= DEMO_YEARS.to; year += 1) {
    for (let n = 0; n < (AFTERCARE_INTAKE[year] ?? 0); n += 1) {
      k += 1;
      const ref = `E-${String(k).padStart(4, '0')}`;
      const start = addDays(yearStart(year), r.int(0, year === DEMO_YEARS.to ? 300 : 364));
      const birthDate = addDays(start, -(18 * 365 + r.int(5, 400)));
      const main = makeIntervention(r, PROFILE('eftervaern'), {
        ref: `${ref}-1`,
        startDate: start,
      });
      const limit = addDays(birthDate, 23 * 365);
      if (main.endDate && main.endDate > limit) main.endDate = limit;
      let record: CaseRecord = {
        ref,
        household: `EH-${k}`,
        unit: 'unge',
        person: { ref: `EP-${k}`, birthDate },
        interventions: [main],
      };
      const end = main.endDate ?? limit;
      const inSpring2020 = start < '2020-03-01' && end > '2020-05-31';
      const stepStart = inSpring2020
        ? addDays(d('2020-03-01'), r.int(0, 80))
        : addDays(start, r.int(240, 420));
      if (stepStart < end && r.chance(inSpring2020 ? 0.75 : 0.5)) {
        const decidedOn = addDays(stepStart, -r.int(5, 25));
        const adjustment: Intervention = {
          ...main,
          ref: `${ref}-2`,
          status: 'expected',
          modifies: main.ref,
          decidedOn,
          startDate: stepStart,
          payment: scalePlan(main.payment, 0.45 + r.next() * 0.2),
        };
        record = { ...record, interventions: [...record.interventions, adjustment] };
        record = grantIfDecided(record, adjustment.ref, addDays(decidedOn, r.int(0, 10)));
      }
      cases.push(record);
    }
  }
  return cases;
}

/**
 * Preventive measures bought from external providers (family treatment), for children 5–16:
 * one measure each, prices rising a little every year.
 */
export function generateExternal(seed: number): CaseRecord[] {
  const r = new Random(seed);
  const cases: CaseRecord[] = [];
  let k = 0;
  for (let year = DEMO_YEARS.from - 1; year <= DEMO_YEARS.to; year += 1) {
    for (let n = 0; n < (EXTERNAL_INTAKE[year] ?? 0); n += 1) {
      k += 1;
      const ref = `X-${String(k).padStart(4, '0')}`;
      const start = addDays(yearStart(year), r.int(0, year === DEMO_YEARS.to ? 300 : 364));
      const main = makeIntervention(r, PROFILE('eksternForebyggende'), {
        ref: `${ref}-1`,
        startDate: start,
      });
      cases.push({
        ref,
        household: `XH-${k}`,
        unit: 'myndighed',
        person: { ref: `XP-${k}`, birthDate: addDays(start, -r.int(5 * 365, 16 * 365)) },
        interventions: [
          { ...main, payment: scalePlan(main.payment, 1 + 0.025 * (year - DEMO_YEARS.from)) },
        ],
      });
    }
  }
  return cases;
}

/**
 * Young people (13–17) whose household gets a second measure while the first runs, and
 * sometimes a third. From 2020 a second measure needs the head of unit's approval, so a third is
 * rarer.
 */
export function generateFamilies(seed: number): CaseRecord[] {
  const r = new Random(seed);
  const cases: CaseRecord[] = [];
  const kinds = [PROFILE('familiebehandling'), PROFILE('kontaktperson'), PROFILE('pps')];
  let k = 0;
  for (let year = DEMO_YEARS.from - 1; year <= DEMO_YEARS.to; year += 1) {
    for (let n = 0; n < FAMILY_INTAKE; n += 1) {
      k += 1;
      const ref = `F-${String(k).padStart(4, '0')}`;
      const start = addDays(yearStart(year), r.int(0, year === DEMO_YEARS.to ? 300 : 364));
      const first = r.int(0, 2);
      const main = makeIntervention(r, kinds[first] ?? kinds[0]!, {
        ref: `${ref}-1`,
        startDate: start,
      });
      const interventions: Intervention[] = [main];
      const end = main.endDate ?? addDays(start, 365);
      const later = (c: number) => (start >= '2020-02-01' ? [0.55, 0.1][c] : [0.55, 0.4][c]) ?? 0;
      for (let m = 1; m <= 2; m += 1) {
        if (!r.chance(later(m - 1))) break;
        const from = addDays(start, r.int(20, 120) * m);
        if (from >= end) break;
        const extra = makeIntervention(r, kinds[(first + m) % kinds.length] ?? kinds[0]!, {
          ref: `${ref}-${m + 1}`,
          kind: 'supplementary',
          startDate: from,
        });
        if (extra.endDate && extra.endDate > end) extra.endDate = end;
        interventions.push(extra);
      }
      cases.push({
        ref,
        household: `FH-${k}`,
        unit: 'unge',
        person: { ref: `FP-${k}`, birthDate: addDays(start, -(13 * 365 + r.int(0, 4 * 365))) },
        interventions,
      });
    }
  }
  return cases;
}

/**
 * The background from 2017 to 2026: ordinary cases (no aftercare, no external preventive
 * measures, one measure at a time per case) starting from late 2015 (`BACKGROUND_CASES`), and a
 * warm-up: the same generator with its own seed and the same number of new cases a day, whose
 * cases start from late 2004 (`DEMO_WARM_UP_FROM`) until the background's first. Of the warm-up
 * only the cases still running in 2016 or later are kept (the first budget looks back at 2016).
 * Without it the stock of running cases would start from zero in late 2015 and build up for
 * years, which no budget adopted before its year foresees; with it, 2016 and 2017 have about as
 * many running cases as the years after (measures of some children run for many years, so the
 * warm-up reaches back a decade). The ledger still starts in 2017. The focus streams have no
 * warm-up: they start in 2016, a year before the ledger, and their measures are short (at most
 * two and a half years, in aftercare; most far less).
 */
export function generateBackground(seeds: { background: number; warmUp: number }): {
  rates: Rate[];
  cases: CaseRecord[];
} {
  const options = {
    toYear: DEMO_YEARS.to,
    units: DEMO_UNIT_KEYS,
    withoutFocusAreas: true,
  } as const;
  const background = generateCases({
    ...options,
    seed: seeds.background,
    cases: BACKGROUND_CASES,
    fromYear: DEMO_YEARS.from,
    prefix: 'S',
  });
  // the background's cases start between 400 days before 2017 and 60 days before 2027
  const firstStart = addDays(yearStart(DEMO_YEARS.from), -400);
  const perDay = BACKGROUND_CASES / (daysBetween(firstStart, d(`${DEMO_YEARS.to}-12-31`)) - 60);
  const warmUpFrom = addDays(yearStart(DEMO_WARM_UP_FROM), -400);
  const warmUp = generateCases({
    ...options,
    seed: seeds.warmUp,
    cases: Math.round(perDay * daysBetween(warmUpFrom, firstStart)),
    fromYear: DEMO_WARM_UP_FROM,
    startsBefore: firstStart,
    prefix: 'W',
  }).cases.filter((c) =>
    c.interventions.some((i) => i.endDate === null || i.endDate >= yearStart(DEMO_YEARS.from - 1)),
  );
  return { rates: background.rates, cases: [...warmUp, ...background.cases] };
}

/**
 * The demo municipality from 2017 to 2026: the background with its warm-up
 * (`generateBackground`), and three streams for the status report's focus areas, each an
 * ordinary stream of cases with its own seed (`DEMO_SEEDS`).
 */
export function generateDemoMunicipality(seeds = DEMO_SEEDS): {
  rates: Rate[];
  cases: CaseRecord[];
} {
  const background = generateBackground(seeds);
  return {
    rates: background.rates,
    cases: [
      ...background.cases,
      ...generateAftercare(seeds.aftercare),
      ...generateExternal(seeds.external),
      ...generateFamilies(seeds.families),
    ],
  };
}

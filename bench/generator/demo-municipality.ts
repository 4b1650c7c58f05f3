import {
  CATEGORY_GROUPS,
  computeYear,
  type CaseRecord,
  type Intervention,
  type Rate,
} from '../../src/domain/cases';
import { ore } from '../../src/domain/money';
import { addDays, type IsoDate } from '../../src/domain/months';
import { generateCases, makeIntervention, profileNamed as PROFILE, scalePlan } from './generator';
import { Random } from './random';

/**
 * The figures of the reference status report (status maj 2020) that the demo reproduces, in
 * øre, and exactly how each is read from the statements (docs/formats.md, "Cases format"):
 * - aftercare: category `eftervaern`, expected cost of the year;
 * - external providers: preventive measures (category group `forebyggende`) bought from an
 *   external provider — placements are excluded, being external by nature;
 * - 2019 figures are the year 2019 as of 2019-12-31, 2020 figures the year 2020 as of 2020-05-31.
 */
export const DEMO_TARGETS = {
  aftercare2019: ore(851_230_000),
  aftercare2020May: ore(593_410_000),
  external2019: ore(789_340_000),
  external2020May: ore(471_280_000),
} as const;

/** The households with more than one measure (13–17): counts on 2019-12-31 and on 2020-05-31. */
export const DEMO_FAMILIES = {
  december2019: [3, 3, 3, 2, 2, 3, 2, 2],
  may2020: [2, 3, 2, 2, 2, 2, 2, 2],
} as const;

export const DEMO_UNIT_KEYS = { children: 'myndighed', youth: 'unge', disability: 'handicap' };

const d = (s: string) => s as IsoDate;

function isAftercare(i: Intervention): boolean {
  return i.category === 'eftervaern';
}

function isExternalPreventive(i: Intervention): boolean {
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

/**
 * The demo municipality: a generated background from 2017 (no aftercare, no external
 * preventive measures), then the focus areas of the status report built on purpose, and a
 * final correction (efterregulering) per figure so the statements give the report's figures.
 */
export function generateDemoMunicipality(seed = 2020): { rates: Rate[]; cases: CaseRecord[] } {
  const background = generateCases({
    seed,
    cases: 2400,
    fromYear: 2017,
    toYear: 2021,
    units: DEMO_UNIT_KEYS,
    withoutFocusAreas: true,
    prefix: 'S',
  });
  const r = new Random(seed + 1);
  const cases = [...background.cases];
  const rates = new Map(background.rates.map((x) => [x.code, x]));

  // Aftercare (efterværn): young people 18–22, stepped down during spring 2020.
  for (let k = 1; k <= 48; k += 1) {
    const ref = `E-${String(k).padStart(4, '0')}`;
    const start = addDays(d('2018-01-01'), r.int(0, 700));
    const main = makeIntervention(r, PROFILE('eftervaern'), { ref: `${ref}-1`, startDate: start });
    main.endDate = addDays(start, r.int(420, 1000));
    const interventions: Intervention[] = [main];
    if (main.endDate > '2020-04-01' && r.chance(0.7)) {
      const stepStart = addDays(d('2020-03-01'), r.int(0, 80));
      interventions.push({
        ...main,
        ref: `${ref}-2`,
        status: 'expected',
        modifies: main.ref,
        decidedOn: addDays(stepStart, -r.int(5, 25)),
        startDate: stepStart,
        payment: scalePlan(main.payment, 0.4 + r.next() * 0.15),
      });
    }
    cases.push({
      ref,
      household: `EH-${k}`,
      unit: 'unge',
      person: { ref: `EP-${k}`, birthDate: addDays(start, -(18 * 365 + r.int(10, 700))) },
      interventions,
    });
  }

  // External providers of preventive measures: bought while the internal service had waiting lists.
  for (let k = 1; k <= 70; k += 1) {
    const ref = `X-${String(k).padStart(4, '0')}`;
    const start =
      k <= 54 ? addDays(d('2018-12-01'), r.int(0, 330)) : addDays(d('2020-01-05'), r.int(0, 120));
    const main = makeIntervention(r, PROFILE('eksternForebyggende'), {
      ref: `${ref}-1`,
      startDate: start,
    });
    cases.push({
      ref,
      household: `XH-${k}`,
      unit: 'myndighed',
      person: { ref: `XP-${k}`, birthDate: addDays(start, -r.int(5 * 365, 16 * 365)) },
      interventions: [main],
    });
  }

  // Eight families (13–17) with more than one measure at the end of 2019 and in May 2020.
  DEMO_FAMILIES.december2019.forEach((count, f) => {
    const ref = `F-${String(f + 1).padStart(4, '0')}`;
    const may = DEMO_FAMILIES.may2020[f] ?? count;
    const kinds = [PROFILE('familiebehandling'), PROFILE('kontaktperson'), PROFILE('pps')];
    const interventions: Intervention[] = [];
    for (let m = 0; m < count; m += 1) {
      const start = addDays(d('2019-06-01'), r.int(0, 150));
      const i = makeIntervention(r, kinds[m % kinds.length]!, {
        ref: `${ref}-${m + 1}`,
        kind: m === 0 ? 'main' : 'supplementary',
        startDate: start,
      });
      // those that stop before May 2020 end in March; the others run past the summer
      i.endDate = m < may ? d('2020-09-30') : d('2020-03-31');
      interventions.push(i);
    }
    cases.push({
      ref,
      household: `FH-${f + 1}`,
      unit: 'myndighed',
      person: { ref: `FP-${f + 1}`, birthDate: addDays(d('2004-06-01'), r.int(0, 300)) },
      interventions,
    });
  });

  // Corrections (efterregulering) so the statements give the report's figures exactly.
  const correction = (
    ref: string,
    unit: string,
    birthDate: IsoDate,
    profileName: 'eftervaern' | 'eksternForebyggende',
    year: number,
    asOf: IsoDate,
    date: IsoDate,
    target: number,
    match: (i: Intervention) => boolean,
  ) => {
    const now = expectedFor(cases, rates, year, asOf, match);
    const base = makeIntervention(r, PROFILE(profileName), { ref: `${ref}-1`, startDate: date });
    cases.push({
      ref,
      household: `${ref}-H`,
      unit,
      person: { ref: `${ref}-P`, birthDate },
      interventions: [
        {
          ...base,
          provider: {
            ...base.provider,
            external: profileName === 'eksternForebyggende' ? true : base.provider.external,
          },
          decidedOn: addDays(date, -5),
          endDate: date,
          payment: { type: 'one-time', amountOre: ore(target - now) },
        },
      ],
    });
  };
  correction(
    'K-0001',
    'unge',
    d('2000-02-01'),
    'eftervaern',
    2019,
    d('2019-12-31'),
    d('2019-11-15'),
    DEMO_TARGETS.aftercare2019,
    isAftercare,
  );
  correction(
    'K-0002',
    'unge',
    d('2000-03-01'),
    'eftervaern',
    2020,
    d('2020-05-31'),
    d('2020-04-15'),
    DEMO_TARGETS.aftercare2020May,
    isAftercare,
  );
  correction(
    'K-0003',
    'myndighed',
    d('2008-04-01'),
    'eksternForebyggende',
    2019,
    d('2019-12-31'),
    d('2019-10-15'),
    DEMO_TARGETS.external2019,
    isExternalPreventive,
  );
  correction(
    'K-0004',
    'myndighed',
    d('2008-05-01'),
    'eksternForebyggende',
    2020,
    d('2020-05-31'),
    d('2020-04-20'),
    DEMO_TARGETS.external2020May,
    isExternalPreventive,
  );
  return { rates: background.rates, cases };
}

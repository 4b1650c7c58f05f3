import {
  grantIntervention,
  type CaseRecord,
  type Intervention,
  type PaymentPlan,
  type Rate,
} from '../../../domain/cases';
import { ore, oreFromKroner, type Ore } from '../../../domain/money';
import {
  addDays,
  firstDayOf,
  fromDayNumber,
  type IsoDate,
  lastDayOf,
  toDayNumber,
} from '../../../domain/months';
import { Random } from './random';

/**
 * The deterministic case generator shared by tests, the demo and the benchmarks: a seed and a
 * size give the same municipality every time. Cases carry refs only (no CPR, no names).
 * `unit` of each generated case is one of the unit keys given.
 */
export interface GeneratorOptions {
  seed: number;
  cases: number;
  /** first and last year with activity */
  fromYear: number;
  toYear: number;
  /** unit keys: cases for children (0–17), for young people (13–22) and for disabilities */
  units: { children: string; youth: string; disability: string };
  /** leave out aftercare and external preventive measures (the demo adds those itself) */
  withoutFocusAreas?: boolean;
  /** weights of 1, 2, 3 and 4 measures one after another per case (default 5, 3, 2, 1) */
  measureWeights?: [number, number, number, number];
  /** prefix of every ref, so several generated sets can live side by side */
  prefix?: string;
  /**
   * cases start from 400 days before `fromYear` until this day (default: 60 days before the end
   * of `toYear`); their measures may run on to the end of `toYear`
   */
  startsBefore?: IsoDate;
}

/**
 * Named sizes of a generated municipality, shared by the benchmarks (and any test that wants
 * one): cases (about 2,6 interventions each), the years with activity and the ledger postings
 * a year (the ledger file generator, `bench/generator/ledger.ts`, writes them).
 */
export const MUNICIPALITY_SIZES = {
  /** A large municipality's decade: about 60.000 interventions and 10 million postings. */
  large: { cases: 23_000, fromYear: 2016, toYear: 2025, units: 40, postingsPerYear: 1_000_000 },
} as const;

/** KL's foster-family fee per unit and month (illustrative dated periods; 2023 as KL states it). */
export const VEDERLAG_RATE: Rate = {
  code: 'vederlag',
  name: 'Plejefamilievederlag pr. vederlagsenhed pr. måned',
  source:
    'KL: vederlag og kost- og logibeløb til plejefamilier (2023: 154,31 kr. pr. dag = 4.694 kr. pr. måned)',
  periods: [
    { from: '2016-01-01' as IsoDate, to: '2018-01-01' as IsoDate, amountOre: ore(430_000) },
    { from: '2018-01-01' as IsoDate, to: '2020-01-01' as IsoDate, amountOre: ore(440_000) },
    { from: '2020-01-01' as IsoDate, to: '2022-01-01' as IsoDate, amountOre: ore(452_000) },
    { from: '2022-01-01' as IsoDate, to: '2023-01-01' as IsoDate, amountOre: ore(462_000) },
    { from: '2023-01-01' as IsoDate, to: null, amountOre: ore(469_400) },
  ],
};

export type Profile = {
  category: string;
  paragraph: string;
  accountFunction: string;
  external: boolean | 'mixed';
  provider: string;
  plan: (r: Random) => PaymentPlan;
  /** days */
  duration: [number, number];
};

const kr = (r: Random, min: number, max: number): Ore => oreFromKroner(r.int(min, max));
const monthly = (amountOre: Ore, day = 1): PaymentPlan => ({
  type: 'running',
  frequency: 'monthly',
  dayOfMonth: day,
  amountOre,
});

const PROFILES = {
  plejefamilie: {
    category: 'anbringelse-plejefamilie',
    paragraph: 'SEL §52 stk. 3 nr. 7',
    accountFunction: '5.28.22',
    external: false,
    provider: 'Plejefamilie',
    plan: (r) => ({
      type: 'running',
      frequency: 'monthly',
      dayOfMonth: 1,
      units: r.int(2, 5),
      rate: 'vederlag',
    }),
    duration: [300, 1500],
  },
  netvaerk: {
    category: 'anbringelse-netvaerksplejefamilie',
    paragraph: 'SEL §52 stk. 3 nr. 7',
    accountFunction: '5.28.22',
    external: false,
    provider: 'Netværksplejefamilie',
    plan: (r) => monthly(kr(r, 6_000, 12_000)),
    duration: [300, 1500],
  },
  opholdssted: {
    category: 'anbringelse-opholdssted',
    paragraph: 'SEL §52 stk. 3 nr. 7',
    accountFunction: '5.28.23',
    external: true,
    provider: 'Opholdssted',
    plan: (r) => ({ type: 'running', frequency: 'daily', amountOre: kr(r, 2_000, 3_400) }),
    duration: [200, 1000],
  },
  doegn: {
    category: 'anbringelse-doegninstitution',
    paragraph: 'SEL §52 stk. 3 nr. 7',
    accountFunction: '5.28.23',
    external: true,
    provider: 'Døgninstitution',
    plan: (r) => ({ type: 'running', frequency: 'daily', amountOre: kr(r, 2_800, 4_600) }),
    duration: [150, 800],
  },
  egetVaerelse: {
    category: 'anbringelse-eget-vaerelse',
    paragraph: 'SEL §52 stk. 3 nr. 7',
    accountFunction: '5.28.23',
    external: false,
    provider: 'Eget værelse',
    plan: (r) => monthly(kr(r, 9_000, 16_000)),
    duration: [150, 700],
  },
  familiebehandling: {
    category: 'familiebehandling',
    paragraph: 'SEL §52 stk. 3 nr. 3',
    accountFunction: '5.28.21',
    external: false,
    provider: 'Slagelse Familie Center',
    plan: (r) => ({ type: 'running', frequency: 'weekly', amountOre: kr(r, 1_800, 4_200) }),
    duration: [90, 500],
  },
  pps: {
    category: 'praktisk-paedagogisk-stoette',
    paragraph: 'SEL §52 stk. 3 nr. 2',
    accountFunction: '5.28.21',
    external: false,
    provider: 'Familiekonsulenterne',
    plan: (r) => ({ type: 'running', frequency: 'weekly', amountOre: kr(r, 1_200, 2_600) }),
    duration: [90, 400],
  },
  kontaktperson: {
    category: 'kontaktperson',
    paragraph: 'SEL §52 stk. 3 nr. 6',
    accountFunction: '5.28.21',
    external: false,
    provider: 'Kontaktpersonkorpset',
    plan: (r) => ({ type: 'running', frequency: 'biweekly', amountOre: kr(r, 2_500, 5_500) }),
    duration: [120, 700],
  },
  aflastning: {
    category: 'aflastning',
    paragraph: 'SEL §52 stk. 3 nr. 5',
    accountFunction: '5.28.21',
    external: false,
    provider: 'Aflastningsfamilie',
    plan: (r) => monthly(kr(r, 4_000, 11_000), 15),
    duration: [180, 900],
  },
  merudgifter: {
    category: 'merudgifter',
    paragraph: 'SEL §41',
    accountFunction: '5.28.24',
    external: false,
    provider: 'Forældre',
    plan: (r) => monthly(kr(r, 800, 4_000), 10),
    duration: [365, 1800],
  },
  tabtArbejdsfortjeneste: {
    category: 'tabt-arbejdsfortjeneste',
    paragraph: 'SEL §42',
    accountFunction: '5.28.24',
    external: false,
    provider: 'Forældre',
    plan: (r) => monthly(kr(r, 14_000, 30_000), 31),
    duration: [365, 1800],
  },
  eksternForebyggende: {
    category: 'familiebehandling',
    paragraph: 'SEL §52 stk. 3 nr. 3',
    accountFunction: '5.28.21',
    external: true,
    provider: 'Ekstern familiebehandler',
    plan: (r) => ({ type: 'running', frequency: 'weekly', amountOre: kr(r, 3_500, 8_000) }),
    duration: [90, 300],
  },
  eftervaern: {
    category: 'eftervaern',
    paragraph: 'SEL §76',
    accountFunction: '5.28.23',
    external: 'mixed',
    provider: 'Ungeteamet',
    plan: (r) => monthly(kr(r, 10_000, 26_000)),
    duration: [200, 900],
  },
} satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

/** A named intervention profile: category, paragraph, account function, provider and price. */
export function profileNamed(name: ProfileName): Profile {
  return PROFILES[name];
}

const day = (d: IsoDate) => toDayNumber(d);

function birthDateFor(r: Random, ageLow: number, ageHigh: number, on: number): IsoDate {
  const age = r.int(ageLow, ageHigh);
  return fromDayNumber(on - age * 365 - r.int(0, 364));
}

function ageOn(birth: IsoDate, onDay: number): number {
  return Math.floor((onDay - day(birth)) / 365.25);
}

function profileFor(r: Random, age: number, disability: boolean, withoutFocus: boolean): Profile {
  if (disability)
    return PROFILES[
      r.weighted([
        ['merudgifter', 3],
        ['tabtArbejdsfortjeneste', 1],
        ['aflastning', 1],
      ] as const)
    ];
  if (age >= 18) return PROFILES[withoutFocus ? 'kontaktperson' : 'eftervaern'];
  const options: [ProfileName, number][] =
    age <= 12
      ? [
          ['plejefamilie', 4],
          ['netvaerk', 1],
          ['familiebehandling', 6],
          ['pps', 4],
          ['aflastning', 2],
          ['doegn', 1],
        ]
      : [
          ['plejefamilie', 2],
          ['opholdssted', 3],
          ['doegn', 2],
          ['egetVaerelse', 1],
          ['familiebehandling', 3],
          ['kontaktperson', 4],
          ['pps', 2],
        ];
  if (!withoutFocus) options.push(['eksternForebyggende', 2]);
  return PROFILES[r.weighted(options)];
}

/**
 * The named firms an external measure is bought from (made-up names; no CVR, so none can be
 * mistaken for a real company's), by the kind of place the profile names. So the statements
 * and the status report's focus area can be read provider by provider, as in a municipality.
 */
const EXTERNAL_FIRMS: Record<string, readonly string[]> = {
  Opholdssted: [
    'Opholdsstedet Skovbrynet',
    'Opholdsstedet Lærkereden',
    'Bo- og behandlingsstedet Fjordglimt',
    'Opholdsstedet Solhøj',
  ],
  Døgninstitution: [
    'Døgninstitutionen Egebakken',
    'Behandlingshjemmet Kildegården',
    'Ungdomshjemmet Havbrisen',
  ],
  'Eksternt bosted': ['Bostedet Kastanjen', 'Ungebostedet Trappen'],
  'Ekstern familiebehandler': [
    'Familiehuset Horisont ApS',
    'Familieterapeuterne Nord ApS',
    'Forældre & Børn Rådgivning ApS',
  ],
};

/**
 * The firm of an external measure: one of its kind's firms, picked from what was already drawn
 * for the measure (its start and its price), so naming firms draws nothing from the seeded
 * sequence and every figure of the demo stays as it was.
 */
function firmOf(kind: string, startDate: IsoDate, plan: PaymentPlan): string {
  const firms = EXTERNAL_FIRMS[kind];
  if (!firms) return kind;
  let h = 0;
  for (const ch of `${startDate}|${plan.amountOre ?? plan.units ?? 0}`)
    h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return firms[h % firms.length] ?? kind;
}

/** One intervention from a profile. */
export function makeIntervention(
  r: Random,
  profile: Profile,
  over: Partial<Intervention> & { ref: string; startDate: IsoDate },
): Intervention {
  const external = profile.external === 'mixed' ? r.chance(0.3) : profile.external;
  const decidedOn = addDays(over.startDate, -r.int(3, 30));
  const endDate = addDays(over.startDate, r.int(profile.duration[0], profile.duration[1]));
  const payment = profile.plan(r);
  const kind = external && profile.external === 'mixed' ? 'Eksternt bosted' : profile.provider;
  return {
    kind: 'main',
    status: 'granted',
    modifies: null,
    decidedOn,
    category: profile.category,
    paragraph: profile.paragraph,
    provider: { name: external ? firmOf(kind, over.startDate, payment) : kind, external },
    accountFunction: profile.accountFunction,
    endDate,
    followOn: false,
    payment,
    ...over,
  };
}

/** Scales a plan's amount (fixed amounts and units), rounding to whole kroner. */
export function scalePlan(plan: PaymentPlan, factor: number): PaymentPlan {
  if (plan.amountOre !== undefined && plan.amountOre !== null) {
    return { ...plan, amountOre: ore(Math.round((plan.amountOre * factor) / 100) * 100) };
  }
  if (plan.units !== undefined && plan.units !== null) {
    return { ...plan, units: Math.max(1, Math.round(plan.units * factor)) };
  }
  return plan;
}

/**
 * Generates `cases` cases with activity between `fromYear` and `toYear`: each case runs one
 * measure after another (some with an expected or granted adjustment, a follow-on cost for
 * placements, an occasional one-off or draft), so a household has one measure at a time.
 */
export function generateCases(options: GeneratorOptions): { rates: Rate[]; cases: CaseRecord[] } {
  const r = new Random(options.seed);
  const prefix = options.prefix ?? 'G';
  const first = day(firstDayOf(options.fromYear));
  const last = day(lastDayOf(options.toYear));
  const lastStart = options.startsBefore ? day(options.startsBefore) - 1 : last - 60;
  const cases: CaseRecord[] = [];
  for (let k = 0; k < options.cases; k += 1) {
    const disability = r.chance(0.12);
    const start = r.int(first - 400, lastStart);
    const youth = !disability && r.chance(0.3);
    const birthDate = birthDateFor(r, youth ? 13 : 0, youth ? 19 : 12, start);
    const unit = disability
      ? options.units.disability
      : youth
        ? options.units.youth
        : options.units.children;
    const ref = `${prefix}-${String(k + 1).padStart(6, '0')}`;
    const interventions: Intervention[] = [];
    let cursor = start;
    let n = 0;
    const weights = options.measureWeights ?? [5, 3, 2, 1];
    const chains = r.weighted([
      [1, weights[0]],
      [2, weights[1]],
      [3, weights[2]],
      [4, weights[3]],
    ] as const);
    for (let c = 0; c < chains && cursor <= last; c += 1) {
      const age = ageOn(birthDate, cursor);
      if (age >= 23) break;
      const profile = profileFor(r, age, disability, options.withoutFocusAreas ?? false);
      n += 1;
      const main = makeIntervention(r, profile, {
        ref: `${ref}-${n}`,
        kind: c === 0 ? 'main' : r.chance(0.5) ? 'main' : 'supplementary',
        startDate: fromDayNumber(cursor),
      });
      if (main.endDate && day(main.endDate) > last && r.chance(0.4)) main.endDate = null;
      interventions.push(main);
      const end = main.endDate ? day(main.endDate) : last;
      if (profile.category.startsWith('anbringelse') && r.chance(0.6)) {
        n += 1;
        interventions.push({
          ...main,
          ref: `${ref}-${n}`,
          kind: 'supplementary',
          followOn: true,
          category: profile.category,
          provider: { name: 'Følgeudgifter', external: false },
          payment: monthly(kr(r, 800, 3_500), 20),
        });
      }
      if (end - cursor > 120 && r.chance(0.3)) {
        n += 1;
        const adjStart = cursor + r.int(60, end - cursor - 30);
        const adjustment: Intervention = {
          ...main,
          ref: `${ref}-${n}`,
          status: 'expected',
          modifies: main.ref,
          decidedOn: fromDayNumber(adjStart - r.int(5, 40)),
          startDate: fromDayNumber(adjStart),
          payment: scalePlan(main.payment, 0.6 + r.next() * 0.6),
        };
        interventions.push(adjustment);
        if (r.chance(0.7)) {
          const granted = grantIntervention(
            { ref, household: '', unit, person: { ref: '', birthDate }, interventions },
            adjustment.ref,
            adjustment.decidedOn,
          );
          if (granted.ok) {
            interventions.length = 0;
            interventions.push(...granted.record.interventions);
          }
        }
      }
      if (r.chance(0.05)) {
        n += 1;
        interventions.push({
          ...main,
          ref: `${ref}-${n}`,
          kind: 'supplementary',
          payment: { type: 'one-time', amountOre: kr(r, 2_000, 25_000) },
          endDate: main.startDate,
          category: 'andet',
          provider: { name: 'Diverse', external: false },
          paragraph: 'SEL §52a',
        });
      }
      if (r.chance(0.03)) {
        n += 1;
        interventions.push({ ...main, ref: `${ref}-${n}`, status: 'draft', modifies: null });
      }
      cursor = end + r.int(1, 200);
    }
    if (interventions.length === 0) continue;
    const household =
      r.chance(0.1) && cases.length > 0 && ageOn(birthDate, last) <= 10
        ? youngSibling(cases)
        : null;
    cases.push({
      ref,
      household: household ?? `${prefix}H-${String(k + 1).padStart(6, '0')}`,
      unit,
      person: { ref: `${prefix}P-${String(k + 1).padStart(6, '0')}`, birthDate },
      interventions,
    });
  }
  return { rates: [VEDERLAG_RATE], cases };

  function youngSibling(existing: CaseRecord[]): string | null {
    const other = existing[existing.length - 1];
    if (!other?.person.birthDate) return null;
    return ageOn(other.person.birthDate, last) <= 10 ? other.household : null;
  }
}

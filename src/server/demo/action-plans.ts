import type { Queryable } from '../../db/database';
import { insertPlan, insertVersion, replacePlan } from '../../db/repositories/action-plans';
import { NO_SOURCES, type ActionPlan, type PlanStatus } from '../../domain/action-plan';
import { oreFromKroner, type Ore } from '../../domain/money';
import { documentToPlan, type ActionPlanDocument } from '../../shared/schemas/action-plan';
import { linkPlanToForecast } from '../services/action-plan-trigger-service';
import { DEMO_CENTER, DEMO_UNITS, DEMO_USERS } from './organisation';

const unitByKey = (key: string) => {
  const unit = DEMO_UNITS.find((u) => u.key === key);
  if (!unit) throw new Error(`demo unit ${key} missing`);
  return unit;
};
const MYNDIGHED = unitByKey('myndighed');
const UNGE = unitByKey('unge');
const displayName = (username: string) =>
  DEMO_USERS.find((u) => u.username === username)?.displayName ?? username;

/**
 * HANDLEPLAN 2018 exactly as the reference document has it (figures, texts, causes); the
 * header is filled from the demo organisation, with plausible start and update dates.
 */
export const REFERENCE_PLAN_2018: ActionPlanDocument = {
  format: 'overblik/action-plan@1',
  title: 'Handleplan 2018',
  year: 2018,
  center: {
    name: DEMO_CENTER.name,
    responsible: DEMO_CENTER.responsible,
  },
  unit: {
    name: MYNDIGHED.name,
    responsible: MYNDIGHED.responsible,
  },
  startedOn: '2018-04-01',
  updatedOn: '2018-05-15',
  cause:
    'Udfordringen er relateret til forventet merforbrug i 2017. Summen af det forventede merforbrug er relateret til:',
  causes: [
    'Tilgang i indsatser efter budgetopfølgningen, december 2017',
    'Afvigelser i forhold til disponerede forventet udgift, herunder uforudsete regninger',
    'Indkomne regninger efter budgetopfølgning pr. 11. december, og med tilbagevirkende kraft',
    'Manglende indtægter i Slagelse Familie Center',
    'Yderligere refusion for SDE',
  ],
  areas: [
    {
      number: 1,
      title: 'Følgeudgifter af anbringelser',
      goal: 'Nedbringelse af følgeudgifter til anbringelser svarende til 5 mio. kr., hvilket er en direkte gevinstrealisering af tiltag, der er iværksat ultimo 2017.',
      targetAmount: 5000000,
      action:
        'Der arbejdes med et skærpet blik på handleplaner i alle anbringelser i forbindelse med sagsbehandlingernes nye systematiske praksis. De opdaterede handleplaner danner grundlag for justering af ydelser og har fokus på, at der ikke er "følgeudgifter" for ekstraydelser, som "grundleverancen" indeholder. "Følgeudgifter" bliver konteret separat og udgiftsniveauet bliver fulgt tæt.',
      consequences:
        'Foranstaltningen tilpasses det individuelle behov, jf. handleplanen og sikrer samtidig, at der ikke bliver "købt" samme ydelse flere gange.',
      monthlyEffect: [0, 0, 0, 0, 300000, 500000, 700000, 700000, 700000, 700000, 700000, 700000],
    },
    {
      number: 2,
      title: 'Anbringelses type',
      goal: 'Aktiv ændring i relevante anbringelsestyper fra færre anbringelser i institutioner til flere anbringelser i plejefamilier. Tiltaget vil medføre et fald i den samlede anbringelsesudgift, svarende til 0,3 mio. kr.',
      targetAmount: 300000,
      action:
        'I forbindelse med gennemgang af følgeudgifter, laves en vurdering af, om anbringelse på institution matcher barnet / den unges individuelle behov, eller om barnet/ den unge vil profitere mere af en plejefamilie.',
      consequences:
        'Eventuel ændring af anbringelsessted for barnet/ den unge, således at det bedste match opnås.',
      monthlyEffect: [0, 0, 0, 0, 0, 0, 50000, 50000, 50000, 50000, 50000, 50000],
    },
    {
      number: 3,
      title: 'Egenbetaling fra forældre',
      goal: 'Aktiv anvendelse af egen betaling fra forældre ved anbringelser, svarende til 0,3 mio. kr.',
      targetAmount: 300000,
      action:
        'Alle anbringelser bliver gennemgået med henblik på at træffe afgørelse om forældrenes pligt til at bidrage til udgifterne til barnets ophold - jf. lov om social service',
      consequences:
        'Forældrene bliver sat i egenbetaling i overensstemmelse med lov om social service.',
      monthlyEffect: [0, 0, 0, 10000, 20000, 30000, 40000, 40000, 40000, 40000, 40000, 40000],
    },
    {
      number: 4,
      title: 'Forebyggende foranstaltninger',
      goal: 'Aktiv anvendelse af praktisk pædagogisk bistand i de situationer, hvor behovet ikke er reel "familiebehandling", svarende til 0,7 mio. kr.',
      targetAmount: 700000,
      action:
        'Alle familiebehandlingsindsatser gennemgås og vurderes i forhold til om behovet kan dækkes ved praktisk pædagogisk bistand. Ved gennemgang anvendes familierådslagning i relevante sager.',
      consequences:
        'Indsatsen tilpasses det individuelle behov jf. handleplanen, hvilket kan give ændringer i valg af leverandør. Der kan ligeledes blive tale om, at "familienetværket" tager over, hvor det er relevant.',
      monthlyEffect: [0, 0, 0, 10000, 30000, 40000, 70000, 120000, 120000, 120000, 120000, 70000],
    },
    {
      number: 5,
      title: 'Tilpasning af dobbeltforanstaltning',
      goal: 'Skærpet vurdering af foranstaltninger for børn og unge, der modtager specialtilbud, således at eventuelle dobbeltforanstaltninger bliver tilpasset det aktuelle behov, svarende til 0,4 mio. kr.',
      targetAmount: 400000,
      action:
        'Alle foranstaltninger relateret til specialtilbud bliver gennemgået med henblik på at tilpasse indholdet af foranstaltningen til de aktuelle behov, og således at behovet alene bliver dækket én gang. Fokus er, at der ikke er køb af ekstra ydelser, som allerede er en del af specialtilbuddets grundleverance.',
      consequences:
        'Indsatsen tilpasses det individuelle behov jf. handleplanen og specialtilbuddets grundleverance.',
      monthlyEffect: [0, 0, 0, 0, 25000, 35000, 50000, 50000, 50000, 50000, 70000, 70000],
    },
    {
      number: 6,
      title: 'Controlling af eksisterende indsatser',
      goal: 'Færre revisitationer og øget udslusning fra specialtilbud til almentilbud, svarende til 0,1 mio. kr.',
      targetAmount: 100000,
      action:
        'I tæt samspil med indsatsen på specialområdet under Center for Skole bliver der foretaget en vurdering af den nødvendige socialfaglige indsats for at understøtte udslusning af specialelever til almentilbud. Handlingen skal ses i direkte sammenhæng med "Handleplan 2018, Center for Skole, specialområdet, Indsats 1"',
      consequences: 'Den socialfaglige indsats forventes at være af mindre indgribende karakter.',
      monthlyEffect: [0, 0, 0, 0, 0, 0, 0, 20000, 20000, 20000, 20000, 20000],
    },
    {
      number: 7,
      title: 'Indsatser på handicapområdet',
      goal: 'Skærpet vurdering af kompenserende tilbud med henblik på at undgå eventuel overkompensation, svarende til 0,8 mio. kr.',
      targetAmount: 800000,
      action:
        'Ved opfølgning på handicapsager bliver tilbud til forældre vurderet og justeret i henhold til forældrenes aktuelle behov.',
      consequences: 'Tilbuddet til forældrene tilpasses det aktuelle behov.',
      monthlyEffect: [0, 0, 0, 0, 100000, 100000, 100000, 100000, 100000, 100000, 100000, 100000],
    },
  ],
  expectedOverspend: {
    atStart: 7600000,
    atLastUpdate: 0,
    afterThisUpdate: 0,
  },
};

const months = (...kroner: number[]): Ore[] => kroner.map((k) => oreFromKroner(k));
const nothing = (): (Ore | null)[] => Array.from({ length: 12 }, () => null);

/**
 * The current plan of "Ungeteam og efterværn": the follow-up as of 31 August shows the unit over
 * budget (more young people in aftercare, external providers' prices), so a plan is drafted in
 * September. Its "forventet merforbrug" figures are not typed: they are filled from the forecast
 * at the plan's dates when the versions are saved (`linkPlanToForecast`, as in the app).
 */
function ungePlan2026(): ActionPlan {
  return {
    title: 'Handleplan 2026',
    year: 2026,
    center: { name: DEMO_CENTER.name, responsible: DEMO_CENTER.responsible },
    unit: { name: UNGE.name, responsible: UNGE.responsible },
    startedOn: '2026-09-10',
    updatedOn: '2026-09-10',
    cause:
      'Budgetopfølgningen pr. 31. august viser et forventet merforbrug på efterværn og eksterne leverandører. Merforbruget er relateret til:',
    causes: [
      'Flere unge i efterværn (ungestøtte) end budgetteret',
      'Stigende priser hos eksterne leverandører',
      'Dobbeltforanstaltninger, der ikke er revisiteret',
    ],
    areas: [
      {
        number: 1,
        title: 'Efterværn trappes ned',
        goal: 'Støtten i efterværn trappes ned, efterhånden som den unge bliver ældre, svarende til 0,45 mio. kr. i 2026.',
        targetAmount: oreFromKroner(450_000),
        action:
          'Alle afgørelser om efterværn træffes på visitationsmødet. Sagerne følges op 3-4 gange årligt, skiftevis af faglig koordinator og funktionsleder.',
        consequences: 'Den unge får støtte, der passer til alder og behov.',
        monthlyEffect: months(0, 0, 0, 0, 0, 0, 0, 0, 0, 150_000, 150_000, 150_000),
        realisedEffect: nothing(),
        // measured from the aftercare commitments against the plan's start, not typed
        actsOn: { kind: 'category_group', value: 'eftervaern' },
      },
      {
        number: 2,
        title: 'Eksterne leverandører',
        goal: 'Flere indsatser leveres af kommunens egne tilbud i stedet for eksterne leverandører, svarende til 0,3 mio. kr. i 2026.',
        targetAmount: oreFromKroner(300_000),
        action:
          'Nye indsatser visiteres først til egne tilbud; eksterne aftaler genforhandles ved udløb.',
        consequences: 'Færre leverandørskift for de unge, der allerede er i et tilbud.',
        monthlyEffect: months(0, 0, 0, 0, 0, 0, 0, 0, 0, 100_000, 100_000, 100_000),
        realisedEffect: nothing(),
      },
      {
        number: 3,
        title: 'Revisitation af dobbeltforanstaltninger',
        goal: 'Familier med mere end én indsats revisiteres med godkendelse fra funktionsleder, svarende til 0,17 mio. kr. i 2026.',
        targetAmount: oreFromKroner(170_000),
        action:
          'Funktionslederen godkender en anden indsats til en familie; eksisterende sager gennemgås.',
        consequences: 'Indsatsen tilpasses det aktuelle behov.',
        monthlyEffect: months(0, 0, 0, 0, 0, 0, 0, 0, 0, 50_000, 60_000, 60_000),
        realisedEffect: nothing(),
      },
    ],
    // filled from the forecast when saved
    expectedOverspend: { atStart: null, atLastUpdate: null, afterThisUpdate: null },
    overspendSources: NO_SOURCES,
  };
}

async function unitId(tx: Queryable, name: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name]);
  if (!row) throw new Error(`demo unit ${name} missing`);
  return row.id;
}

/**
 * Saves a version of a demo plan as the app saves it on that day: the expected-overspend figures
 * are filled from the forecast at the plan's dates (a figure already taken for a date is kept),
 * and "ved sidste opdatering" is the previous version's "efter denne opdatering".
 */
async function saveVersion(
  tx: Queryable,
  input: {
    planId: string;
    unitId: string;
    plan: ActionPlan;
    previous: ActionPlan;
    status: PlanStatus;
    by: string;
    at: string;
    comment: string;
  },
): Promise<ActionPlan> {
  const at = new Date(input.at);
  const linked = await linkPlanToForecast(
    { db: tx, now: () => at },
    input.unitId,
    { ...input.plan, overspendSources: input.previous.overspendSources },
    input.previous.overspendSources,
  );
  const previous = input.previous.expectedOverspend;
  const plan: ActionPlan = {
    ...linked,
    expectedOverspend: {
      ...linked.expectedOverspend,
      atLastUpdate: previous.afterThisUpdate ?? previous.atStart,
    },
  };
  const version = await replacePlan(tx, {
    id: input.planId,
    plan,
    status: input.status,
    by: input.by,
    at,
  });
  await insertVersion(tx, {
    planId: input.planId,
    version,
    status: input.status,
    at,
    byId: null,
    by: input.by,
    comment: input.comment,
    plan,
  });
  return plan;
}

/**
 * The demo's action plans: the reference HANDLEPLAN 2018 (active), imported as the document has
 * it, its figures as typed there; and the 2026 plan of "Ungeteam og efterværn" (a draft after
 * the follow-up as of 31 August, activated, updated after October with realised effects), whose
 * figures come from the forecast at its dates; its area "Efterværn trappes ned" acts on the
 * aftercare category group, so its realised effect is measured from the commitments (the others
 * are typed). Loaded after the budgets and the ledger
 * (src/server/demo/budget.ts), so "handleplan påkrævet" and the plan's figures follow from the
 * same forecast; no figure of the 2026 plan is entered by hand.
 */
export async function seedDemoActionPlans(tx: Queryable): Promise<void> {
  const okonomi = displayName('okonomi');
  const leder = displayName('leder');
  const myndighedId = await unitId(tx, MYNDIGHED.name);
  const ungeId = await unitId(tx, UNGE.name);

  const reference = documentToPlan(REFERENCE_PLAN_2018);
  const refAt = new Date('2018-04-01T09:00:00Z');
  const refId = await insertPlan(tx, {
    unitId: myndighedId,
    plan: reference,
    status: 'draft',
    by: okonomi,
    at: refAt,
  });
  await insertVersion(tx, {
    planId: refId,
    version: 1,
    status: 'draft',
    at: refAt,
    byId: null,
    by: okonomi,
    comment: 'Handleplanen oprettet',
    plan: reference,
  });
  const refActiveAt = new Date('2018-05-15T12:00:00Z');
  const refVersion = await replacePlan(tx, {
    id: refId,
    plan: reference,
    status: 'active',
    by: leder,
    at: refActiveAt,
  });
  await insertVersion(tx, {
    planId: refId,
    version: refVersion,
    status: 'active',
    at: refActiveAt,
    byId: null,
    by: leder,
    comment: 'Forelagt fagudvalget',
    plan: reference,
  });

  const draft = ungePlan2026();
  const v1At = new Date('2026-09-10T10:00:00Z');
  const v1 = await linkPlanToForecast({ db: tx, now: () => v1At }, ungeId, draft, NO_SOURCES);
  const ungePlanId = await insertPlan(tx, {
    unitId: ungeId,
    plan: v1,
    status: 'draft',
    by: okonomi,
    at: v1At,
  });
  await insertVersion(tx, {
    planId: ungePlanId,
    version: 1,
    status: 'draft',
    at: v1At,
    byId: null,
    by: okonomi,
    comment: 'Kladde efter budgetopfølgningen pr. 31. august',
    plan: v1,
  });

  const v2 = await saveVersion(tx, {
    planId: ungePlanId,
    unitId: ungeId,
    plan: { ...v1, updatedOn: '2026-09-17' },
    previous: v1,
    status: 'active',
    by: leder,
    at: '2026-09-17T08:30:00Z',
    comment: 'Godkendt af funktionslederen og sendt til fagudvalget',
  });

  await saveVersion(tx, {
    planId: ungePlanId,
    unitId: ungeId,
    plan: {
      ...v2,
      updatedOn: '2026-11-06',
      areas: v2.areas.map((a) => {
        // area 1 is measured from the commitments; the others are typed as before
        const r = [...a.realisedEffect];
        if (!a.actsOn) r[9] = oreFromKroner(a.number === 2 ? 45_000 : 50_000);
        return a.number === 2
          ? {
              ...a,
              goal: 'Flere indsatser leveres af kommunens egne tilbud i stedet for eksterne leverandører, svarende til 0,2 mio. kr. i 2026.',
              targetAmount: oreFromKroner(200_000),
              monthlyEffect: months(0, 0, 0, 0, 0, 0, 0, 0, 0, 50_000, 75_000, 75_000),
              realisedEffect: r,
            }
          : { ...a, realisedEffect: r };
      }),
    },
    previous: v2,
    status: 'active',
    by: okonomi,
    at: '2026-11-06T13:15:00Z',
    comment:
      'Budgetopfølgning pr. 31. oktober: realiseret effekt i oktober registreret; færre genforhandlede aftaler end ventet',
  });
}

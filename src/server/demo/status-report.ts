import type { Queryable } from '../../db/database';
import { insertReport, type ReportContent } from '../../db/repositories/status-reports';
import type { IsoDate } from '../../domain/months';

/**
 * "Økonomisk handleplan på det specialiserede børneområde 2020 - status maj" with the
 * reference's three focus areas and texts. The figures are not typed in: they are computed
 * from the demo's cases (aftercare 8,5 → 5,9 mio. kr., external providers of preventive
 * measures 7,9 → 4,7 mio. kr., 8 families aged 13–17 with more than one intervention). The
 * reference's 2019 figures are spending; Overblik's are the year's commitment as of 31.12.2019,
 * and the intro says which.
 */
export const STATUS_REPORT_MAY_2020: ReportContent = {
  title: 'Økonomisk handleplan på det specialiserede børneområde 2020 - status maj',
  year: 2020,
  asOf: '2020-05-31' as IsoDate,
  intro: [
    'I forbindelse med disponeringssagen på det specialiserede børneområde i september 2018 blev der udarbejdet en handleplan for at bremse de stigende udgifter. Udvalget fik sidst en orientering om status i november 2019, hvor det blev besluttet, at der i 2020 fortsat skulle være et fokus på økonomien på området.',
    'Generelt har der siden vedtagelse af handleplanen været et fokus på, hvordan økonomien på området kan monitoreres og styres - og det skærpede fokus har medført konkrete besparelser på området.',
    'For at sikre fortsat fokus på styring af økonomien på det specialiserede børneområde vil dette fortsat følges tæt af ledelsen. På udvalgsmødet i november 2019 blev det fremlagt, at der i 2020 vil være særlig fokus på efterværnssager, eksterne leverandører og antallet af indsatser pr. familie på 13-18 år.',
    'Om tallene: Udgifterne i 2019 er årets disponerede udgifter pr. 31.12.2019, det vil sige det, sagernes betalingsplaner har betalt i året. Det er ikke regnskabets bogførte forbrug, som kan afvige, fx ved sene regninger. Tallene for maj 2020 er disponeret pr. 31.05.2020: betalt til og med maj og det, de aktive indsatser koster resten af året.',
  ].join('\n'),
  closing:
    'I november vil der blive forelagt en fornyet status på målene for 2020 samt et bud på mål for 2021.',
  focusAreas: [
    {
      title: 'Efterværnssager – fokus på om det er den rigtige indsats',
      action: [
        'Gennemgang af alle efterværnssager sammen med ungeteam.',
        'Fokus på at opstille mål for efterværn med gradvis reducering af støtte for at sikre, at den unge er klar.',
        'Fokus på om efterværn er den rigtige indsats eller om der er sager som i stedet tilhører i Voksen-handicap.',
      ].join('\n'),
      judgement: [
        'Alle sager er gennemgået – og der har været et konkret fokus på nedsættelse af omfang af støttetimer i takt med at de unge bliver ældre.',
        'Der er fortsat fokus på om sagerne er placeret det rigtige sted. Nogle sager bliver flyttet til voksen – handicap området, da de er i målgruppen herfor.',
        'Fremadrettet er proceduren i forhold til efterværnssager, at sagerne gennemgås 3-4 gange om året, hvor det hver anden gang varetages af den faglige koordinator med fokus på den faglige del og hver anden gang af funktionsleder med fokus på økonomien.',
        'Desuden er det i foråret 2020 besluttet, at alle afgørelser om efterværnssager skal afgøres på visitationsmøde – tidligere var det en afgørelse, der lå hos den enkelte rådgiver.',
        'Disponeringen indikerer, at målet om nedbringelse af udgiften vil blive indfriet i 2020.',
      ].join('\n'),
      cost: { group: 'eftervaern', provider: null },
      families: null,
    },
    {
      title: 'Eksterne leverandører\n- En stigning af udgifter i 2019 trods tidligere indsats.',
      action: [
        'Fortsættelse af mål fra seneste økonomiske handleplan, da der trods indsats fortsat er sket en stigning.',
        'Gennemgang af alle sager med fokus på om der sker en progression i den enkelte sag og ellers ændre indsatsen.',
      ].join('\n'),
      judgement: [
        'Alle sager er gennemgået.',
        'Det har dog i indeværende år været nødvendigt at købe opgaver eksternt, da der har været lange ventelister til den interne ydelse.',
        'Endvidere er det nødvendigt at tilkøbe nogle ydelser eksternt, da kommunen ikke selv har de fornødne kompetencer samt til familier med bl.a. anden etnisk oprindelse end dansk og til forældrekompetenceundersøgelser.',
        'Desuden købes der indimellem foranstaltninger ved eksterne leverandører som alternativ til anbringelse.',
        'Disponeringen indikerer, at målet om nedbringelse af udgiften til eksterne leverandører vil blive indfriet i 2020.',
      ].join('\n'),
      cost: { group: 'forebyggende', provider: 'ekstern' },
      families: null,
    },
    {
      title:
        'Opbremsning af stigningen i antallet af indsatser pr. familie på børneområdet (13-18 år)',
      action: [
        'Lige som der tidligere var fokus på dette for de 0-12 årige ønskes et fokus på dette for de 13-18 årige.',
        'Alle sager med mere end én foranstaltning skal godkendes af funktionslederen.',
      ].join('\n'),
      judgement: [
        'Dette er skrevet ind i intern håndbog (kompetenceplan), at fremadrettet skal det godkendes af funktionsleder, hvis en familie skal bevilliges mere end 1 indsats.',
        'Antallet af familier er uændret, men der er et fald i antal foranstaltninger pr. familie.',
      ].join('\n'),
      cost: null,
      families: { band: '13-17' },
    },
  ],
};

/** Stores the May 2020 status report as a draft, so its figures are computed from the cases. */
export async function seedDemoStatusReport(tx: Queryable): Promise<void> {
  await insertReport(tx, {
    content: STATUS_REPORT_MAY_2020,
    by: 'okonomi',
    at: new Date('2020-06-02T08:00:00Z'),
  });
}

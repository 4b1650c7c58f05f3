import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { insertRound, insertRoundLines } from '../../db/repositories/follow-up';
import {
  insertPostings,
  upsertLedgerSource,
  type PostingBatch,
} from '../../db/repositories/ledger';
import { SYSTEM_ACTOR, type Actor } from '../../domain/access';
import { actualsThrough, endOfMonth, nextMonth } from '../../domain/budget/booked-period';
import { DEFAULT_INTAKE_PARAMS } from '../../domain/forecast/forecast';
import { oreFromKroner } from '../../domain/money';
import { addDays, daysInMonth, type IsoDate } from '../../domain/months';
import { closeLedgerMonthsIn } from '../services/booked-period-service';
import { computeForecastLines, ForecastData } from '../services/forecast-service';

/** The demo's years of ledger history: ten years up to and including the current one. */
export const DEMO_FIRST_YEAR = 2017;
export const DEMO_CURRENT_YEAR = 2026;
/** Postings of the current year run to the end of this month. */
export const DEMO_POSTED_THROUGH_MONTH = 10;

/** Unit codes (omkostningssted) in the demo's financial system. */
const UNIT_CODES: Record<string, string> = {
  'Myndighed, det specialiserede børneområde': '4110',
  'Ungeteam og efterværn': '4120',
  Børnehandicap: '4130',
  'Slagelse Familie Center': '4140',
};

/** Yearly spending level in kroner per unit and function in the first year; grows a little each year. */
const LEVELS: Record<string, Record<string, number>> = {
  'Myndighed, det specialiserede børneområde': {
    '5.28.21': 18_000_000,
    '5.28.22': 24_000_000,
    '5.28.23': 31_000_000,
  },
  'Ungeteam og efterværn': { '5.28.21': 6_500_000, '5.28.23': 9_000_000 },
  Børnehandicap: { '5.28.21': 7_200_000, '5.28.25': 4_100_000 },
  'Slagelse Familie Center': { '5.28.20': 3_300_000, '5.28.21': 5_600_000 },
};

/** Seasonality (per mille of the year) as these areas see it: a quiet July, invoices piling up in December. */
const KNOWN_FUNCTIONS = new Set(['5.28.20', '5.28.21', '5.28.22', '5.28.23', '5.28.24', '5.28.25']);

const SEASON = [80, 80, 84, 82, 84, 84, 66, 80, 84, 86, 86, 104];

const TEXTS: Record<string, string[]> = {
  '5.28.20': ['Opsøgende gadeplansarbejde', 'SSP-indsats', 'Natteravne, tilskud'],
  '5.28.21': [
    'Familiebehandling',
    'Aflastning',
    'Støtte- og kontaktperson',
    'Praktisk pædagogisk støtte',
    'Konsulentbistand',
  ],
  '5.28.22': [
    'Plejefamilievederlag',
    'Plejefamilie, omkostninger',
    'Netværksplejefamilie',
    'Kommunal plejefamilie',
  ],
  '5.28.23': [
    'Døgnophold, opholdssted',
    'Døgninstitution, takst',
    'Socialpædagogisk opholdssted',
    'Efterværn, eget værelse',
  ],
  '5.28.25': ['Særligt dagtilbud', 'Særlig klub', 'Kørsel til særligt dagtilbud'],
};

/** A small deterministic random generator, so the demo is the same every time. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The seed of each unit's spending outside the case system (own staff and institutions, bills
 * not on a case): one ordinary random stream per unit, so one unit's draws never move another's.
 * Chosen once by `bench/generator/calibrate-budget.ts` (see there); nothing else is tuned.
 */
export const DEMO_LEDGER_SEEDS: Record<string, number> = {
  'Myndighed, det specialiserede børneområde': 50,
  'Ungeteam og efterværn': 1,
  Børnehandicap: 1,
  'Slagelse Familie Center': 31,
};

/** Price and wage adjustment (pris- og lønfremskrivning) the budget is raised by, in per mille. */
export const DEMO_PRICE_WAGE_PERMILLE = 20;

/** The budget is adopted on this day of the year before (the council's second reading). */
const ADOPTED_MONTH_DAY = '10-10';
/** The follow-up the budget agreement builds on: the year before, as of 31 August. */
const BUDGET_BASE_MONTH_DAY = '08-31';

/** Kroner rounded to whole thousands, as budgets are adopted; øre. */
function thousands(ore: number): number {
  return Math.round(ore / 100_000) * 100_000;
}

/**
 * Budgets and ten years of ledger postings for the demo municipality (see
 * `seedDemoLedgerAndBudgets`), the months closed as the finance partner would, and frozen
 * follow-up rounds of the reference year and of this year.
 */
export async function seedDemoBudget(tx: Queryable, today: string, at: Date): Promise<void> {
  const data = await seedDemoLedgerAndBudgets(tx, at);
  await closeDemoMonths(tx, today);
  // Follow-up rounds of the reference year and of this year, frozen as they would have been.
  const rounds: { year: number; name: string; asOf: string }[] = [
    { year: 2018, name: 'Budgetopfølgning 1, 2018', asOf: '2018-03-31' },
    {
      year: DEMO_CURRENT_YEAR,
      name: `Budgetopfølgning 2, ${DEMO_CURRENT_YEAR}`,
      asOf: `${DEMO_CURRENT_YEAR}-05-31`,
    },
    {
      year: DEMO_CURRENT_YEAR,
      name: `Budgetopfølgning 3, ${DEMO_CURRENT_YEAR}`,
      asOf: `${DEMO_CURRENT_YEAR}-08-31`,
    },
  ];
  for (const r of rounds) {
    const id = await insertRound(tx, {
      ...r,
      actualsThrough: actualsThrough(r.asOf, await data.bookedThrough()),
      intakeParams: DEFAULT_INTAKE_PARAMS,
      by: 'Overblik',
      // frozen a week after its date, when the month's postings are in
      at: new Date(`${addDays(r.asOf as IsoDate, 8)}T12:00:00Z`),
    });
    if (!id) continue;
    await insertRoundLines(
      tx,
      id,
      await computeForecastLines(data, tx, {
        year: r.year,
        asOf: r.asOf,
        unitIds: null,
        intake: DEFAULT_INTAKE_PARAMS,
      }),
    );
  }
  await recordAudit(tx, SYSTEM_ACTOR, { action: 'demo.load', objectType: 'budget' });
}

/**
 * Ten years of ledger postings consistent with the demo's cases, and the adopted budgets: every
 * payment the cases made in a past month becomes postings too (the committed cost as of the
 * year's end), on top of the spending outside the case system (`LEVELS`, each unit drawn from
 * its own seed). The original budget of each unit and function is adopted before its year by
 * one rule (see `adoptedBudgets`); there are no corrections and no transfers, so every expected
 * overspend is what the ordinary postings and cases give. Answers the reader it used.
 * `throughYear` stops after that year (the calibration's quick look at the first years; each
 * year's draws follow the years before, so the years seeded are the same as in the whole demo).
 */
export async function seedDemoLedgerAndBudgets(
  tx: Queryable,
  at: Date,
  seeds: Record<string, number> = DEMO_LEDGER_SEEDS,
  throughYear = DEMO_CURRENT_YEAR,
): Promise<ForecastData> {
  const units = await tx.query<{ id: string; name: string }>(
    'SELECT id, name FROM units ORDER BY name',
  );
  const unitId = new Map(units.map((u) => [u.name, u.id]));
  const codes: Record<string, string> = {};
  for (const [name, code] of Object.entries(UNIT_CODES)) {
    const id = unitId.get(name);
    if (id) codes[code] = id;
  }
  await upsertLedgerSource(
    tx,
    'KMD Opus',
    {
      date: 'Bogføringsdato',
      account: 'Kontostreng',
      unit: 'Omkostningssted',
      amount: 'Beløb',
      text: 'Posteringstekst',
      unitCodes: codes,
    },
    at,
  );
  await upsertLedgerSource(
    tx,
    'Fujitsu Prisme',
    {
      date: 'Dato',
      account: 'Konto',
      unit: 'Enhed',
      amount: 'Beløb kr.',
      text: 'Tekst',
      unitCodes: codes,
    },
    at,
  );

  // One reader for the whole demo: each (year, as-of) of actuals and commitments is read once.
  const data = new ForecastData(tx, null);
  const rands = new Map(Object.keys(LEVELS).map((u) => [u, random(seeds[u] ?? 1)]));
  for (let year = DEMO_FIRST_YEAR; year <= throughYear; year++) {
    await insertBudgets(tx, year, await adoptedBudgets(tx, data, unitId, year));
    const lastMonth = year === DEMO_CURRENT_YEAR ? DEMO_POSTED_THROUGH_MONTH : 12;
    const [imp] = await tx.query<{ id: string }>(
      `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by, line_count, posting_count, late_count, created_at, finished_at)
       VALUES ('KMD Opus', $1, $2, $3, 0, 'done', 'system', 0, 0, 0, $4, $4) RETURNING id`,
      [year, `posteringer-${year}.csv`, `demo-${year}`, at],
    );
    const importId = imp?.id ?? '';
    const batch: PostingBatch = {
      lineNo: [],
      postedOn: [],
      unitId: [],
      accountFunction: [],
      group: [],
      dranst: [],
      accountString: [],
      amountOre: [],
      text: [],
      isLate: [],
    };
    const add = (uid: string, fn: string, date: string, amountOre: number, text: string) => {
      batch.lineNo.push(batch.lineNo.length + 2);
      batch.postedOn.push(date);
      batch.unitId.push(uid);
      batch.accountFunction.push(fn);
      batch.group.push('001');
      batch.dranst.push('1');
      batch.accountString.push(`${fn}.001.1`);
      batch.amountOre.push(amountOre);
      batch.text.push(text);
      batch.isLate.push(false);
    };
    for (const [unitName, fns] of Object.entries(LEVELS)) {
      const uid = unitId.get(unitName);
      const rand = rands.get(unitName);
      if (!uid || !rand) continue;
      for (const [fn, level] of Object.entries(fns)) {
        const yearLevel = plannedLevel(level, year) * (0.94 + rand() * 0.12);
        for (let m = 1; m <= lastMonth; m++) {
          const monthOre = oreFromKroner((yearLevel * (SEASON[m - 1] ?? 83)) / 1000);
          const parts = 6;
          let left: number = monthOre;
          for (let p = 0; p < parts; p++) {
            const amount =
              p === parts - 1 ? left : Math.round((monthOre / parts) * (0.7 + rand() * 0.6));
            left -= amount;
            const day = Math.min(daysInMonth(year, m), 1 + Math.floor(rand() * 28));
            const texts = TEXTS[fn] ?? ['Udgift'];
            add(
              uid,
              fn,
              isoDate(year, m, day),
              amount,
              texts[Math.floor(rand() * texts.length)] ?? 'Udgift',
            );
          }
        }
      }
    }
    // The cases' payments: what was committed for a past month is what was paid that month.
    const asOf =
      year === DEMO_CURRENT_YEAR
        ? isoDate(year, lastMonth, daysInMonth(year, lastMonth))
        : `${year}-12-31`;
    const casePayments = await data.committed(year, asOf);
    for (const [k, months] of casePayments) {
      const [uid = '', fn = ''] = k.split('|');
      for (let m = 1; m <= lastMonth; m++) {
        const amount = months[m - 1] ?? 0;
        if (amount === 0) continue;
        add(
          uid,
          fn,
          isoDate(year, m, Math.min(25, daysInMonth(year, m))),
          amount,
          'Betalinger efter sagernes betalingsplaner',
        );
      }
    }
    await insertPostings(tx, importId, batch);
    await tx.query('UPDATE ledger_imports SET line_count = $2, posting_count = $2 WHERE id = $1', [
      importId,
      batch.lineNo.length,
    ]);
  }

  return data;
}

/** The planned yearly level (kroner) of spending outside the cases: the first year's, grown 3,5 % a year. */
function plannedLevel(firstYearLevel: number, year: number): number {
  return firstYearLevel * (1 + 0.035 * (year - DEMO_FIRST_YEAR));
}

/**
 * The original budget (øre) of each unit and function for `year`, as the council adopts it in
 * October the year before: what the year before is expected to cost, as known then (never
 * anything later), raised by the price and wage adjustment:
 * - from the demo's third year on: the budget follow-up of the year before as of 31 August (the
 *   forecast, standard intake method: spending through August, committed cost for the rest of
 *   that year, expected intake estimated from the years before it);
 * - in the first two years the ledger has no such follow-up: none at all before its first year,
 *   and in its first year no earlier year to estimate the rest of the year's spending from (the
 *   follow-up would leave out a third of the spending outside the cases). There it is the planned
 *   level of spending outside the cases plus what the cases cost in the year before as the case
 *   system knew it on the adoption day (paid to date, committed for the rest of that year); the
 *   case system's history runs back before the ledger's (the warm-up, ./generator).
 * Rounded to whole thousands kroner; functions outside the chart's 5.28.20–25 get no budget.
 */
async function adoptedBudgets(
  tx: Queryable,
  data: ForecastData,
  unitId: ReadonlyMap<string, string>,
  year: number,
): Promise<Map<string, number>> {
  const base = new Map<string, number>();
  if (year - DEMO_FIRST_YEAR >= 2) {
    const lines = await computeForecastLines(data, tx, {
      year: year - 1,
      asOf: `${year - 1}-${BUDGET_BASE_MONTH_DAY}`,
      unitIds: null,
      intake: DEFAULT_INTAKE_PARAMS,
      bookedThrough: `${year - 1}-${BUDGET_BASE_MONTH_DAY}`,
    });
    for (const l of lines) base.set(`${l.unitId}|${l.accountFunction}`, l.forecastOre);
  } else {
    for (const [unitName, fns] of Object.entries(LEVELS)) {
      const uid = unitId.get(unitName);
      if (uid)
        for (const [fn, level] of Object.entries(fns))
          base.set(`${uid}|${fn}`, oreFromKroner(plannedLevel(level, year)));
    }
    const cost = await data.committed(year - 1, `${year - 1}-${ADOPTED_MONTH_DAY}`);
    for (const [k, months] of cost)
      base.set(k, (base.get(k) ?? 0) + months.reduce((a, b) => a + b, 0));
  }
  const budgets = new Map<string, number>();
  for (const [k, ore] of base) {
    if (!KNOWN_FUNCTIONS.has(k.split('|')[1] ?? '')) continue;
    budgets.set(k, thousands((ore * (1000 + DEMO_PRICE_WAGE_PERMILLE)) / 1000));
  }
  return budgets;
}

async function insertBudgets(
  tx: Queryable,
  year: number,
  budgets: ReadonlyMap<string, number>,
): Promise<void> {
  for (const [k, originalOre] of budgets) {
    const [uid = '', fn = ''] = k.split('|');
    await tx.query(
      `INSERT INTO budget_lines (unit_id, account_function, year, original_ore, transfer_ore, monthly_profile, updated_by)
       VALUES ($1, $2, $3, $4, 0, $5, 'Overblik')`,
      [uid, fn, year, originalOre, SEASON],
    );
  }
}

/**
 * The finance partner closes each booked month of the demo's ledger ("Luk måned"), from the
 * first through the last posted month, through the same service as in the app.
 */
async function closeDemoMonths(tx: Queryable, today: string): Promise<void> {
  const [user] = await tx.query<{ id: string; display_name: string }>(
    `SELECT id, display_name FROM users WHERE username = 'okonomi'`,
  );
  if (!user) return;
  const unitIds = await tx.query<{ unit_id: string }>(
    'SELECT unit_id FROM user_units WHERE user_id = $1',
    [user.id],
  );
  const okonomi: Actor = {
    userId: user.id,
    username: 'okonomi',
    displayName: user.display_name,
    roles: ['okonomikonsulent'],
    unitIds: unitIds.map((u) => u.unit_id),
  };
  const last = `${DEMO_CURRENT_YEAR}-${String(DEMO_POSTED_THROUGH_MONTH).padStart(2, '0')}`;
  for (
    let month = `${DEMO_FIRST_YEAR}-01`;
    month <= last && endOfMonth(month) < today;
    month = nextMonth(month)
  ) {
    await closeLedgerMonthsIn(tx, okonomi, { source: 'KMD Opus', month, today });
  }
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

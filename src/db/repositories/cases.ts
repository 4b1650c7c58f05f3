import {
  firstPaymentDay,
  lastPaymentDay,
  type CaseRecord,
  type CostCase,
  type Intervention,
  type InterventionEnding,
  type PaymentPlan,
  type Rate,
} from '../../domain/cases';
import type { Ore } from '../../domain/money';
import { fromDayNumber, type IsoDate } from '../../domain/months';
import type { Queryable } from '../database';

/** A stored case: its row identity plus the domain record (`unit` is the unit's id). */
export interface StoredCase {
  id: string;
  unitId: string;
  unitName: string;
  version: number;
  updatedAt: string;
  record: CaseRecord;
}

interface InterventionRow {
  case_id: string;
  ref: string;
  kind: Intervention['kind'];
  status: Intervention['status'];
  modifies_ref: string | null;
  decided_on: string;
  category: string;
  paragraph: string;
  provider_name: string;
  provider_external: boolean;
  account_function: string;
  start_date: string;
  end_date: string | null;
  follow_on: boolean;
  payment: PaymentPlan | string;
  granted_on: string | null;
  endings: InterventionEnding[] | string | null;
}

interface CaseRow {
  id: string;
  ref: string;
  household_ref: string;
  unit_id: string;
  unit_name: string;
  person_ref: string;
  birth_date: string | null;
  version: number;
  updated_at: string;
}

/** The payment plan with keys in one order and no empty fields, so equal plans compare equal. */
export function canonicalPayment(p: PaymentPlan): PaymentPlan {
  const out: PaymentPlan = { type: p.type };
  if (p.frequency) out.frequency = p.frequency;
  if (p.dayOfMonth !== undefined && p.dayOfMonth !== null) out.dayOfMonth = p.dayOfMonth;
  if (p.date) out.date = p.date;
  if (p.amountOre !== undefined && p.amountOre !== null) out.amountOre = p.amountOre;
  if (p.units !== undefined && p.units !== null) out.units = p.units;
  if (p.rate) out.rate = p.rate;
  if (p.payments) out.payments = p.payments.map((x) => ({ date: x.date, amountOre: x.amountOre }));
  if (p.proRata) out.proRata = true;
  return out;
}

/** The history fields as stored: present only when there is history, so equal cases compare equal. */
function historyOf(r: {
  granted_on: string | null;
  endings: InterventionEnding[] | string | null;
}): Pick<Intervention, 'grantedOn' | 'endings'> {
  const out: Pick<Intervention, 'grantedOn' | 'endings'> = {};
  if (r.granted_on !== null) out.grantedOn = r.granted_on as IsoDate;
  const endings =
    typeof r.endings === 'string' ? (JSON.parse(r.endings) as InterventionEnding[]) : r.endings;
  if (endings && endings.length > 0)
    out.endings = endings.map((e) => ({
      endDate: e.endDate,
      decidedOn: e.decidedOn,
      by: e.by ?? null,
      removed: e.removed === true,
    }));
  return out;
}

const CASE_COLUMNS = `c.id, c.ref, c.household_ref, c.unit_id, u.name AS unit_name, c.person_ref,
  c.birth_date, c.version, to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;
const INTERVENTION_COLUMNS = `i.case_id, i.ref, i.kind, i.status, i.modifies_ref, i.decided_on, i.category,
  i.paragraph, p.name AS provider_name, p.external AS provider_external, i.account_function,
  i.start_date, i.end_date, i.follow_on, i.payment, i.granted_on, i.endings`;

function toIntervention(r: InterventionRow): Intervention {
  return {
    ref: r.ref,
    kind: r.kind,
    status: r.status,
    modifies: r.modifies_ref,
    decidedOn: r.decided_on as IsoDate,
    category: r.category,
    paragraph: r.paragraph,
    provider: { name: r.provider_name, external: r.provider_external },
    accountFunction: r.account_function,
    startDate: r.start_date as IsoDate,
    endDate: r.end_date as IsoDate | null,
    followOn: r.follow_on,
    payment: canonicalPayment(
      typeof r.payment === 'string' ? (JSON.parse(r.payment) as PaymentPlan) : r.payment,
    ),
    ...historyOf(r),
  };
}

async function attachInterventions(db: Queryable, rows: CaseRow[]): Promise<StoredCase[]> {
  if (rows.length === 0) return [];
  // no ORDER BY: sorting every row on the server (to disk for a large municipality) costs more
  // than putting each case's few interventions in position order here
  const interventions = await db.query<InterventionRow & { position: number }>(
    `SELECT ${INTERVENTION_COLUMNS}, i.position FROM case_interventions i
       JOIN providers p ON p.id = i.provider_id
      WHERE i.case_id = ANY($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  const byCase = byCaseInOrder(interventions);
  return rows.map((r) => {
    const list = byCase.get(r.id) ?? [];
    return {
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      version: r.version,
      updatedAt: r.updated_at,
      record: {
        ref: r.ref,
        household: r.household_ref,
        unit: r.unit_id,
        person: { ref: r.person_ref, birthDate: r.birth_date as IsoDate | null },
        interventions: list.map(toIntervention),
      },
    };
  });
}

export interface CaseFilter {
  /** null = every unit */
  unitIds?: string[] | null;
  ids?: string[];
  refs?: string[];
  /** only cases with a payment on or after `from` and on or before `to` */
  paysBetween?: { from: IsoDate; to: IsoDate };
}

/** The WHERE clause (on `cases c`) and its parameters for a filter. */
function caseWhere(filter: CaseFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (filter.unitIds) add('c.unit_id = ANY(?::uuid[])', filter.unitIds);
  if (filter.ids) add('c.id = ANY(?::uuid[])', filter.ids);
  if (filter.refs) add('c.ref = ANY(?::text[])', filter.refs);
  if (filter.paysBetween) {
    params.push(filter.paysBetween.from, filter.paysBetween.to);
    where.push(`EXISTS (SELECT 1 FROM case_interventions s WHERE s.case_id = c.id
      AND s.first_payment_date <= $${params.length}::date
      AND (s.last_payment_date IS NULL OR s.last_payment_date >= $${params.length - 1}::date))`);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Loads cases with all their interventions. */
export async function loadCases(db: Queryable, filter: CaseFilter = {}): Promise<StoredCase[]> {
  const where = caseWhere(filter);
  const rows = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN units u ON u.id = c.unit_id
      ${where.sql} ORDER BY c.ref`,
    where.params,
  );
  return attachInterventions(db, rows);
}

/**
 * Loads cases with only what their cost depends on (`CostCase`; `unit` is the unit's id), in
 * case ref order with each case's interventions in their order: about half the columns of
 * `loadCases`, for the forecast's committed cost of a whole municipality.
 */
export async function loadCostCases(db: Queryable, filter: CaseFilter = {}): Promise<CostCase[]> {
  const where = caseWhere(filter);
  const rows = await db.query<{
    id: string;
    ref: string;
    unit_id: string;
    person_ref: string;
    birth_date: string | null;
  }>(
    `SELECT c.id, c.ref, c.unit_id, c.person_ref, c.birth_date FROM cases c
      ${where.sql} ORDER BY c.ref`,
    where.params,
  );
  if (rows.length === 0) return [];
  const interventions = await db.query<{
    case_id: string;
    position: number;
    ref: string;
    status: Intervention['status'];
    modifies_ref: string | null;
    decided_on: string;
    account_function: string;
    start_date: string;
    end_date: string | null;
    follow_on: boolean;
    payment: PaymentPlan | string;
    granted_on: string | null;
    endings: InterventionEnding[] | string | null;
  }>(
    `SELECT i.case_id, i.position, i.ref, i.status, i.modifies_ref, i.decided_on,
       i.account_function, i.start_date, i.end_date, i.follow_on, i.payment, i.granted_on, i.endings
       FROM case_interventions i WHERE i.case_id = ANY($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  const byCase = byCaseInOrder(interventions);
  return rows.map((r) => {
    const list = byCase.get(r.id) ?? [];
    return {
      ref: r.ref,
      unit: r.unit_id,
      person: { ref: r.person_ref, birthDate: r.birth_date as IsoDate | null },
      interventions: list.map((i) => ({
        ref: i.ref,
        status: i.status,
        modifies: i.modifies_ref,
        decidedOn: i.decided_on as IsoDate,
        accountFunction: i.account_function,
        startDate: i.start_date as IsoDate,
        endDate: i.end_date as IsoDate | null,
        followOn: i.follow_on,
        payment: canonicalPayment(
          typeof i.payment === 'string' ? (JSON.parse(i.payment) as PaymentPlan) : i.payment,
        ),
        ...historyOf(i),
      })),
    };
  });
}

export interface CaseSummaryRow {
  id: string;
  ref: string;
  household_ref: string;
  unit_id: string;
  unit_name: string;
  person_ref: string;
  birth_date: string | null;
  interventions: number;
  active: number;
}

/** A page of cases with counts, newest reference last; `search` matches case or household ref. */
export async function listCaseSummaries(
  db: Queryable,
  filter: {
    unitIds: string[] | null;
    search?: string;
    onDate: IsoDate;
    limit: number;
    offset: number;
  },
): Promise<{ rows: CaseSummaryRow[]; total: number }> {
  const params: unknown[] = [filter.onDate];
  const where: string[] = [];
  if (filter.unitIds) {
    params.push(filter.unitIds);
    where.push(`c.unit_id = ANY($${params.length}::uuid[])`);
  }
  if (filter.search) {
    params.push(`%${filter.search.replace(/[%_\\]/g, '\\$&')}%`);
    where.push(`(c.ref ILIKE $${params.length} OR c.household_ref ILIKE $${params.length})`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases c WHERE $1::date IS NOT NULL ${where.length ? `AND ${where.join(' AND ')}` : ''}`,
    params,
  );
  params.push(filter.limit, filter.offset);
  const rows = await db.query<CaseSummaryRow>(
    `SELECT c.id, c.ref, c.household_ref, c.unit_id, u.name AS unit_name, c.person_ref, c.birth_date,
            (SELECT count(*)::int FROM case_interventions i WHERE i.case_id = c.id) AS interventions,
            (SELECT count(*)::int FROM case_interventions i WHERE i.case_id = c.id AND i.status <> 'draft'
               AND i.start_date <= $1::date AND (i.end_date IS NULL OR i.end_date >= $1::date)) AS active
       FROM cases c JOIN units u ON u.id = c.unit_id ${w}
      ORDER BY c.ref LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

/** How a rate period open at its start is stored: `valid_from` is part of the period's key. */
const OPEN_START = '-infinity';

export async function listRates(db: Queryable): Promise<(Rate & { version: number })[]> {
  const rates = await db.query<{
    code: string;
    name: string;
    source: string | null;
    version: number;
  }>('SELECT code, name, source, version FROM case_rates ORDER BY code');
  const periods = await db.query<{
    rate_code: string;
    valid_from: string;
    valid_to: string | null;
    amount_ore: number;
    /** an open start is stored as -infinity (the date is part of the key) */
  }>(
    'SELECT rate_code, valid_from, valid_to, amount_ore FROM case_rate_periods ORDER BY rate_code, valid_from',
  );
  return rates.map((r) => ({
    code: r.code,
    name: r.name,
    source: r.source,
    version: r.version,
    periods: periods
      .filter((p) => p.rate_code === r.code)
      .map((p) => ({
        from: p.valid_from === OPEN_START ? null : (p.valid_from as IsoDate),
        to: p.valid_to as IsoDate | null,
        amountOre: p.amount_ore as Ore,
      })),
  }));
}

/** Stores rates by code; a stored rate's periods are replaced by the given ones. */
export async function upsertRates(tx: Queryable, rates: readonly Rate[], at: Date): Promise<void> {
  for (const r of rates) {
    await tx.query(
      `INSERT INTO case_rates (code, name, source, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source, updated_at = $4,
         version = case_rates.version + 1`,
      [r.code, r.name, r.source, at],
    );
    await replaceRatePeriods(tx, r);
  }
}

/**
 * Stores one rate edited on screen: a new code when `basedOn` is null, otherwise only if the
 * stored rate still has version `basedOn`. Returns the new version, or null when the rate was
 * changed (or created) by someone else meanwhile and nothing was stored.
 */
export async function saveRateVersioned(
  tx: Queryable,
  r: Rate,
  basedOn: number | null,
  at: Date,
): Promise<number | null> {
  const [row] =
    basedOn === null
      ? await tx.query<{ version: number }>(
          `INSERT INTO case_rates (code, name, source, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (code) DO NOTHING RETURNING version`,
          [r.code, r.name, r.source, at],
        )
      : await tx.query<{ version: number }>(
          `UPDATE case_rates SET name = $2, source = $3, updated_at = $5, version = version + 1
           WHERE code = $1 AND version = $4 RETURNING version`,
          [r.code, r.name, r.source, basedOn, at],
        );
  if (!row) return null;
  await replaceRatePeriods(tx, r);
  return row.version;
}

async function replaceRatePeriods(tx: Queryable, r: Rate): Promise<void> {
  await tx.query('DELETE FROM case_rate_periods WHERE rate_code = $1', [r.code]);
  if (r.periods.length === 0) return;
  await tx.query(
    `INSERT INTO case_rate_periods (rate_code, valid_from, valid_to, amount_ore)
     SELECT $1, * FROM unnest($2::date[], $3::date[], $4::bigint[])`,
    [
      r.code,
      r.periods.map((p) => p.from ?? OPEN_START),
      r.periods.map((p) => p.to),
      r.periods.map((p) => p.amountOre),
    ],
  );
}

/**
 * Inserts or updates cases by ref in bulk (a changed case's version goes up); returns each
 * ref's id. `unit` of each record is a unit id.
 */
export async function upsertCases(
  tx: Queryable,
  records: readonly CaseRecord[],
  at: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let k = 0; k < records.length; k += 5000) {
    const chunk = records.slice(k, k + 5000);
    const rows = await tx.query<{ id: string; ref: string }>(
      `INSERT INTO cases (ref, household_ref, unit_id, person_ref, birth_date, created_at, updated_at)
       SELECT *, $6::timestamptz, $6::timestamptz
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::date[])
       ON CONFLICT (ref) DO UPDATE SET household_ref = EXCLUDED.household_ref, unit_id = EXCLUDED.unit_id,
         person_ref = EXCLUDED.person_ref, birth_date = EXCLUDED.birth_date,
         version = cases.version + 1, updated_at = $6
       RETURNING id, ref`,
      [
        chunk.map((c) => c.ref),
        chunk.map((c) => c.household),
        chunk.map((c) => c.unit),
        chunk.map((c) => c.person.ref),
        chunk.map((c) => c.person.birthDate),
        at,
      ],
    );
    for (const r of rows) ids.set(r.ref, r.id);
  }
  return ids;
}

/**
 * Replaces all interventions of the given cases (by case id), in bulk. Each intervention's
 * provider is the registered provider of its name (`providers`, matched without case and
 * surrounding spaces): callers resolve names first (`resolveProviders` in the provider
 * service), so an unknown name is a programming error, refused by the database.
 */
export async function replaceInterventions(
  tx: Queryable,
  cases: readonly { caseId: string; interventions: readonly Intervention[] }[],
): Promise<void> {
  if (cases.length === 0) return;
  await tx.query('DELETE FROM case_interventions WHERE case_id = ANY($1::uuid[])', [
    cases.map((c) => c.caseId),
  ]);
  const flat = cases.flatMap((c) =>
    c.interventions.map((i, position) => ({ caseId: c.caseId, position, i })),
  );
  for (let k = 0; k < flat.length; k += 10_000) {
    const chunk = flat.slice(k, k + 10_000);
    const col = <T>(f: (x: (typeof chunk)[number]) => T) => chunk.map(f);
    const day = (n: number | null) => (n === null ? null : fromDayNumber(n));
    await tx.query(
      `INSERT INTO case_interventions (case_id, position, ref, kind, status, modifies_ref, decided_on,
         category, paragraph, provider_id, account_function, start_date, end_date,
         follow_on, payment, first_payment_date, last_payment_date, granted_on, endings)
       SELECT a, b, c, d, e, f, g, h, i,
              (SELECT pr.id FROM providers pr WHERE lower(btrim(pr.name)) = lower(btrim(j))),
              l, m, n, o, p::jsonb, q, r, s, u::jsonb
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
           $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::date[],
           $14::boolean[], $15::text[], $16::date[], $17::date[], $18::date[], $19::text[])
           AS t(a, b, c, d, e, f, g, h, i, j, l, m, n, o, p, q, r, s, u)`,
      [
        col((x) => x.caseId),
        col((x) => x.position),
        col((x) => x.i.ref),
        col((x) => x.i.kind),
        col((x) => x.i.status),
        col((x) => x.i.modifies),
        col((x) => x.i.decidedOn),
        col((x) => x.i.category),
        col((x) => x.i.paragraph),
        col((x) => x.i.provider.name),
        col((x) => x.i.accountFunction),
        col((x) => x.i.startDate),
        col((x) => x.i.endDate),
        col((x) => x.i.followOn),
        col((x) => JSON.stringify(canonicalPayment(x.i.payment))),
        col((x) => day(firstPaymentDay(x.i.payment, x.i.startDate, x.i.endDate))),
        col((x) => day(lastPaymentDay(x.i.payment, x.i.startDate, x.i.endDate))),
        col((x) => x.i.grantedOn ?? null),
        col((x) => (x.i.endings?.length ? JSON.stringify(x.i.endings) : null)),
      ],
    );
  }
}

/** Bumps a case's version if it is still `version`; false when someone changed it meanwhile. */
export async function touchCase(
  tx: Queryable,
  id: string,
  version: number,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE cases SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2 RETURNING id',
    [id, version, at],
  );
  return rows.length === 1;
}

/** Ids and units of cases by ref (for filters and drill-down links). */
export async function listCaseSummaryIdsByRef(
  db: Queryable,
  refs: readonly string[],
): Promise<{ id: string; ref: string; unit_id: string }[]> {
  return db.query('SELECT id, ref, unit_id FROM cases WHERE ref = ANY($1::text[])', [refs]);
}

/**
 * Interventions grouped by case, each case's in position order. The rows come unsorted: sorting
 * every row on the server (to disk for a large municipality) costs more than sorting each
 * case's few interventions here.
 */
function byCaseInOrder<T extends { case_id: string; position: number }>(
  rows: readonly T[],
): Map<string, T[]> {
  const byCase = new Map<string, T[]>();
  for (const r of rows) {
    const list = byCase.get(r.case_id);
    if (list) list.push(r);
    else byCase.set(r.case_id, [r]);
  }
  for (const list of byCase.values())
    if (list.length > 1) list.sort((a, b) => a.position - b.position);
  return byCase;
}

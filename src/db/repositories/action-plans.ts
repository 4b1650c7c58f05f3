import type { ActsOnKind } from '../../domain/action-plan/acts-on';
import type { OverspendSource } from '../../domain/action-plan/forecast-link';
import type { ActionPlan, PlanStatus } from '../../domain/action-plan/plan';
import { computeTotals, MONTHS_IN_PLAN } from '../../domain/action-plan/plan';
import { ore, type Ore } from '../../domain/money';
import type { Queryable } from '../database';

/** The plan's own row: who owns it, its state and when it last changed. */
export interface PlanMeta {
  id: string;
  unitId: string;
  status: PlanStatus;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

interface PlanRow {
  id: string;
  unit_id: string;
  title: string;
  year: number;
  status: PlanStatus;
  center_name: string | null;
  center_responsible: string | null;
  unit_name: string | null;
  unit_responsible: string | null;
  started_on: string | null;
  updated_on: string | null;
  cause: string | null;
  causes: string[];
  expected_at_start_ore: number | null;
  expected_at_last_update_ore: number | null;
  expected_after_update_ore: number | null;
  at_start_source: OverspendSource['kind'] | null;
  at_start_as_of: string | null;
  at_start_forecast_ore: number | null;
  at_start_reason: string | null;
  after_update_source: OverspendSource['kind'] | null;
  after_update_as_of: string | null;
  after_update_forecast_ore: number | null;
  after_update_reason: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}

const ISO_AT = `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const nullableOre = (v: number | null): Ore | null => (v === null ? null : ore(v));

/** Inserts a new plan (version 1) with its areas and monthly table; returns its id. */
export async function insertPlan(
  tx: Queryable,
  input: { unitId: string; plan: ActionPlan; status: PlanStatus; by: string; at: Date },
): Promise<string> {
  const { plan } = input;
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO action_plans (unit_id, title, year, status, center_name, center_responsible, unit_name,
        unit_responsible, started_on, updated_on, cause, causes, expected_at_start_ore,
        expected_at_last_update_ore, expected_after_update_ore, planned_total_ore,
        at_start_source, at_start_as_of, at_start_forecast_ore, at_start_reason,
        after_update_source, after_update_as_of, after_update_forecast_ore, after_update_reason,
        version, created_at, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
             $17, $18, $19, $20, $21, $22, $23, $24, 1, $25, $25, $26)
     RETURNING id`,
    [input.unitId, ...headerParams(plan, input.status), input.at, input.by],
  );
  if (!row) throw new Error('insert returned no row');
  await insertAreas(tx, row.id, plan);
  return row.id;
}

/** Replaces a plan's content and bumps its version; the caller has checked the version. */
export async function replacePlan(
  tx: Queryable,
  input: { id: string; plan: ActionPlan; status: PlanStatus; by: string; at: Date },
): Promise<number> {
  const [row] = await tx.query<{ version: number }>(
    `UPDATE action_plans SET title = $2, year = $3, status = $4, center_name = $5, center_responsible = $6,
        unit_name = $7, unit_responsible = $8, started_on = $9, updated_on = $10, cause = $11,
        causes = $12, expected_at_start_ore = $13, expected_at_last_update_ore = $14,
        expected_after_update_ore = $15, planned_total_ore = $16,
        at_start_source = $17, at_start_as_of = $18, at_start_forecast_ore = $19, at_start_reason = $20,
        after_update_source = $21, after_update_as_of = $22, after_update_forecast_ore = $23,
        after_update_reason = $24, version = version + 1, updated_at = $25, updated_by = $26
      WHERE id = $1 RETURNING version`,
    [input.id, ...headerParams(input.plan, input.status), input.at, input.by],
  );
  if (!row) throw new Error('plan vanished');
  await tx.query('DELETE FROM action_plan_areas WHERE plan_id = $1', [input.id]);
  await insertAreas(tx, input.id, input.plan);
  return row.version;
}

function headerParams(plan: ActionPlan, status: PlanStatus): unknown[] {
  return [
    plan.title,
    plan.year,
    status,
    plan.center.name,
    plan.center.responsible,
    plan.unit.name,
    plan.unit.responsible,
    plan.startedOn,
    plan.updatedOn,
    plan.cause,
    JSON.stringify(plan.causes),
    plan.expectedOverspend.atStart,
    plan.expectedOverspend.atLastUpdate,
    plan.expectedOverspend.afterThisUpdate,
    computeTotals(plan.areas).grand,
    ...sourceParams(plan.overspendSources.atStart),
    ...sourceParams(plan.overspendSources.afterThisUpdate),
  ];
}

function sourceParams(source: OverspendSource | null): unknown[] {
  return [
    source?.kind ?? null,
    source?.asOf ?? null,
    source?.forecast ?? null,
    source?.reason ?? null,
  ];
}

function sourceOf(
  kind: OverspendSource['kind'] | null,
  asOf: string | null,
  forecast: number | null,
  reason: string | null,
): OverspendSource | null {
  return kind === null ? null : { kind, asOf, forecast: nullableOre(forecast), reason };
}

/**
 * A stored version's document as a plan: versions saved before figures kept their sources
 * have none (typed by hand).
 */
function planOfDocument(document: ActionPlan): ActionPlan {
  return {
    ...document,
    overspendSources: document.overspendSources ?? { atStart: null, afterThisUpdate: null },
  };
}

async function insertAreas(tx: Queryable, planId: string, plan: ActionPlan): Promise<void> {
  if (plan.areas.length === 0) return;
  const a = plan.areas;
  await tx.query(
    `INSERT INTO action_plan_areas (plan_id, position, number, title, goal, target_ore, action, consequences,
        acts_on_kind, acts_on_value)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
        $9::text[], $10::text[])`,
    [
      planId,
      a.map((_, i) => i),
      a.map((x) => x.number),
      a.map((x) => x.title),
      a.map((x) => x.goal),
      a.map((x) => x.targetAmount),
      a.map((x) => x.action),
      a.map((x) => x.consequences),
      a.map((x) => x.actsOn?.kind ?? null),
      a.map((x) => x.actsOn?.value ?? null),
    ],
  );
  const numbers: number[] = [];
  const months: number[] = [];
  const planned: number[] = [];
  const realised: (number | null)[] = [];
  for (const area of a) {
    for (let m = 0; m < MONTHS_IN_PLAN; m++) {
      numbers.push(area.number);
      months.push(m + 1);
      planned.push(area.monthlyEffect[m] ?? 0);
      realised.push(area.realisedEffect[m] ?? null);
    }
  }
  await tx.query(
    `INSERT INTO action_plan_effects (plan_id, area_number, month, planned_ore, realised_ore)
     SELECT $1, * FROM unnest($2::int[], $3::smallint[], $4::bigint[], $5::bigint[])`,
    [planId, numbers, months, planned, realised],
  );
}

/**
 * Who owns each plan and which version is current, without their content: enough to authorise
 * reads and to tell whether answers built from earlier reads of the same versions still hold.
 * Plans that do not exist are missing from the map.
 */
export async function findPlanVersions(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { unitId: string; version: number }>> {
  const rows = await db.query<{ id: string; unitId: string; version: number }>(
    `SELECT id, unit_id AS "unitId", version FROM action_plans WHERE id = ANY($1::uuid[])`,
    [ids],
    { prepare: 'action_plan_versions_by_ids' },
  );
  return new Map(rows.map(({ id, unitId, version }) => [id, { unitId, version }]));
}

/** Locks a plan's row for an update in this transaction and returns its state. */
export async function lockPlan(tx: Queryable, id: string): Promise<PlanMeta | undefined> {
  const rows = await tx.query<PlanMeta>(
    `SELECT id, unit_id AS "unitId", status, version, ${ISO_AT} AS "updatedAt", updated_by AS "updatedBy"
       FROM action_plans WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

/** An area as a JSON array: [number, title, goal, target_ore, action, consequences, acts_on_kind, acts_on_value]. */
type AreaJson = [
  number,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
  ActsOnKind | null,
  string | null,
];
/** One month of effect as a JSON array: [area_number, month (1-12), planned_ore, realised_ore]. */
type EffectJson = [number, number, number | null, number | null];

/**
 * The whole plan: header, areas in order, monthly planned and realised effect, in one round
 * trip. Areas and effects come as two flat JSON arrays of arrays (cheaper to build and parse
 * than nested objects; øre amounts stay below 2^53) and are put together here.
 */
export async function findPlan(
  db: Queryable,
  id: string,
): Promise<{ meta: PlanMeta; plan: ActionPlan } | undefined> {
  const [row] = await db.query<
    PlanRow & { areas: AreaJson[] | null; effects: EffectJson[] | null }
  >(
    `SELECT p.id, p.unit_id, p.title, p.year, p.status, p.center_name, p.center_responsible, p.unit_name,
            p.unit_responsible, p.started_on::text AS started_on, p.updated_on::text AS updated_on, p.cause,
            p.causes, p.expected_at_start_ore, p.expected_at_last_update_ore, p.expected_after_update_ore,
            p.at_start_source, p.at_start_as_of::text AS at_start_as_of, p.at_start_forecast_ore,
            p.at_start_reason, p.after_update_source, p.after_update_as_of::text AS after_update_as_of,
            p.after_update_forecast_ore, p.after_update_reason, p.version, to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at,
            p.updated_by,
            (SELECT json_agg(json_build_array(a.number, a.title, a.goal, a.target_ore, a.action, a.consequences,
                                              a.acts_on_kind, a.acts_on_value)
                             ORDER BY a.position)
               FROM action_plan_areas a WHERE a.plan_id = p.id) AS areas,
            (SELECT json_agg(json_build_array(e.area_number, e.month, e.planned_ore, e.realised_ore))
               FROM action_plan_effects e WHERE e.plan_id = p.id) AS effects
       FROM action_plans p WHERE p.id = $1`,
    [id],
    { prepare: 'action_plan_by_id' },
  );
  if (!row) return undefined;
  const byArea = new Map<number, { planned: (number | null)[]; realised: (number | null)[] }>();
  for (const [area, month, planned, realised] of row.effects ?? []) {
    let months = byArea.get(area);
    if (!months) {
      months = {
        planned: Array<number | null>(MONTHS_IN_PLAN).fill(null),
        realised: Array<number | null>(MONTHS_IN_PLAN).fill(null),
      };
      byArea.set(area, months);
    }
    if (month >= 1 && month <= MONTHS_IN_PLAN) {
      months.planned[month - 1] = planned;
      months.realised[month - 1] = realised;
    }
  }
  const none = Array<number | null>(MONTHS_IN_PLAN).fill(null);
  return {
    meta: {
      id: row.id,
      unitId: row.unit_id,
      status: row.status,
      version: row.version,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    },
    plan: {
      title: row.title,
      year: row.year,
      center: { name: row.center_name, responsible: row.center_responsible },
      unit: { name: row.unit_name, responsible: row.unit_responsible },
      startedOn: row.started_on,
      updatedOn: row.updated_on,
      cause: row.cause,
      causes: row.causes,
      areas: (row.areas ?? []).map(
        ([number, title, goal, target, action, consequences, actsOnKind, actsOnValue]) => ({
          number,
          title,
          goal,
          targetAmount: nullableOre(target),
          action,
          consequences,
          monthlyEffect: (byArea.get(number)?.planned ?? none).map((v) => ore(v ?? 0)),
          realisedEffect: (byArea.get(number)?.realised ?? none).map(nullableOre),
          actsOn:
            actsOnKind === null || actsOnValue === null
              ? null
              : { kind: actsOnKind, value: actsOnValue },
        }),
      ),
      expectedOverspend: {
        atStart: nullableOre(row.expected_at_start_ore),
        atLastUpdate: nullableOre(row.expected_at_last_update_ore),
        afterThisUpdate: nullableOre(row.expected_after_update_ore),
      },
      overspendSources: {
        atStart: sourceOf(
          row.at_start_source,
          row.at_start_as_of,
          row.at_start_forecast_ore,
          row.at_start_reason,
        ),
        afterThisUpdate: sourceOf(
          row.after_update_source,
          row.after_update_as_of,
          row.after_update_forecast_ore,
          row.after_update_reason,
        ),
      },
    },
  };
}

export interface PlanListRow {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  year: number;
  status: PlanStatus;
  version: number;
  plannedTotalOre: number;
  expectedAtStartOre: number | null;
  updatedAt: string;
}

/** Plans in the given units (null = all), newest year first. */
export async function listPlans(
  db: Queryable,
  filter: { unitIds: string[] | null; year?: number; status?: PlanStatus; unitId?: string },
): Promise<PlanListRow[]> {
  return db.query<PlanListRow>(
    `SELECT p.id, p.unit_id AS "unitId", u.name AS "unitName", p.title, p.year, p.status, p.version,
            p.planned_total_ore AS "plannedTotalOre", p.expected_at_start_ore AS "expectedAtStartOre",
            to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
       FROM action_plans p JOIN units u ON u.id = p.unit_id
      WHERE ($1::uuid[] IS NULL OR p.unit_id = ANY($1::uuid[]))
        AND ($2::int IS NULL OR p.year = $2)
        AND ($3::text IS NULL OR p.status = $3)
        AND ($4::uuid IS NULL OR p.unit_id = $4)
      ORDER BY p.year DESC, u.name, p.title, p.id`,
    [filter.unitIds, filter.year ?? null, filter.status ?? null, filter.unitId ?? null],
  );
}

export interface VersionRow {
  version: number;
  status: PlanStatus;
  savedAt: string;
  savedBy: string;
  comment: string | null;
  plannedTotalOre: number;
}

/** Stores one saved state of a plan, whole (amounts in øre). */
export async function insertVersion(
  tx: Queryable,
  input: {
    planId: string;
    version: number;
    status: PlanStatus;
    at: Date;
    byId: string | null;
    by: string;
    comment: string | null;
    plan: ActionPlan;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO action_plan_versions (plan_id, version, status, saved_at, saved_by_id, saved_by, comment, planned_total_ore, document)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      input.planId,
      input.version,
      input.status,
      input.at,
      input.byId,
      input.by,
      input.comment,
      computeTotals(input.plan.areas).grand,
      JSON.stringify(input.plan),
    ],
  );
}

export async function listVersions(db: Queryable, planId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT version, status, to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "savedAt",
            saved_by AS "savedBy", comment, planned_total_ore AS "plannedTotalOre"
       FROM action_plan_versions WHERE plan_id = $1 ORDER BY version DESC`,
    [planId],
  );
}

export async function findVersion(
  db: Queryable,
  planId: string,
  version: number,
): Promise<(VersionRow & { plan: ActionPlan }) | undefined> {
  const rows = await db.query<VersionRow & { document: ActionPlan }>(
    `SELECT version, status, to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "savedAt",
            saved_by AS "savedBy", comment, planned_total_ore AS "plannedTotalOre", document
       FROM action_plan_versions WHERE plan_id = $1 AND version = $2`,
    [planId, version],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { document, ...rest } = row;
  return { ...rest, plan: planOfDocument(document) };
}

export interface ExpectedOverspendRow {
  unitId: string;
  unitName: string;
  year: number;
  amountOre: number;
  causes: string[];
  updatedAt: string;
  updatedBy: string;
}

/** Records (or replaces) a unit's expected overspend for a year. */
export async function upsertExpectedOverspend(
  tx: Queryable,
  input: {
    unitId: string;
    year: number;
    amount: Ore;
    causes: string[];
    source: string;
    by: string;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO unit_expected_overspend (unit_id, year, amount_ore, causes, source, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (unit_id, year) DO UPDATE SET amount_ore = EXCLUDED.amount_ore, causes = EXCLUDED.causes,
       source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,
       version = unit_expected_overspend.version + 1`,
    [
      input.unitId,
      input.year,
      input.amount,
      JSON.stringify(input.causes),
      input.source,
      input.at,
      input.by,
    ],
  );
}

export async function listExpectedOverspend(
  db: Queryable,
  filter: { year: number; unitIds: string[] | null },
): Promise<ExpectedOverspendRow[]> {
  return db.query<ExpectedOverspendRow>(
    `SELECT e.unit_id AS "unitId", u.name AS "unitName", e.year, e.amount_ore AS "amountOre", e.causes,
            to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
            e.updated_by AS "updatedBy"
       FROM unit_expected_overspend e JOIN units u ON u.id = e.unit_id
      WHERE e.year = $1 AND ($2::uuid[] IS NULL OR e.unit_id = ANY($2::uuid[]))
      ORDER BY u.name`,
    [filter.year, filter.unitIds],
  );
}

export interface PlanUnitRow {
  id: string;
  name: string;
  responsible: string | null;
  centerName: string;
  centerResponsible: string | null;
}

const SELECT_UNIT = `SELECT u.id, u.name, u.responsible, c.name AS "centerName", c.responsible AS "centerResponsible"
  FROM units u JOIN centers c ON c.id = u.center_id`;

/** A unit and its centre, for a plan's header. */
export async function findPlanUnit(db: Queryable, id: string): Promise<PlanUnitRow | undefined> {
  const rows = await db.query<PlanUnitRow>(`${SELECT_UNIT} WHERE u.id = $1`, [id]);
  return rows[0];
}

/** A unit by its name, ignoring case and surrounding spaces. */
export async function findPlanUnitByName(
  db: Queryable,
  name: string,
): Promise<PlanUnitRow | undefined> {
  const rows = await db.query<PlanUnitRow>(
    `${SELECT_UNIT} WHERE lower(u.name) = lower(btrim($1))`,
    [name],
  );
  return rows[0];
}

/** A plan of a year as its latest version saved at or before an instant had it. */
export interface PlanStateRow {
  unitId: string;
  title: string;
  status: PlanStatus;
  plannedTotalOre: number;
  expectedAtStartOre: number | null;
}

/**
 * The year's plans in the given units (null = all) as they stood at `at` (an ISO instant): each
 * plan's latest version saved by then (the version's document is the domain plan, amounts in
 * øre); plans with no version by then are left out.
 */
export async function listPlanStatesAt(
  db: Queryable,
  filter: { unitIds: readonly string[] | null; year: number; at: string },
): Promise<PlanStateRow[]> {
  return db.query<PlanStateRow>(
    `SELECT s."unitId", s.title, s.status, s."plannedTotalOre", s."expectedAtStartOre"
       FROM (SELECT DISTINCT ON (p.id) p.unit_id AS "unitId", u.name AS unit_name,
                    v.document->>'title' AS title, v.status,
                    v.planned_total_ore AS "plannedTotalOre",
                    (v.document->'expectedOverspend'->>'atStart')::bigint AS "expectedAtStartOre"
               FROM action_plans p
               JOIN units u ON u.id = p.unit_id
               JOIN action_plan_versions v ON v.plan_id = p.id
              WHERE p.year = $1
                AND ($2::uuid[] IS NULL OR p.unit_id = ANY($2::uuid[]))
                AND v.saved_at <= $3::timestamptz
              ORDER BY p.id, v.version DESC) s
      ORDER BY s.unit_name, s.title`,
    [filter.year, filter.unitIds, filter.at],
  );
}

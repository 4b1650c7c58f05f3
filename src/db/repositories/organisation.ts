import type { Queryable } from '../database';
import type { IsoDate } from '../../domain/months';
import type { UnitKind } from '../../domain/organisation';

export type { UnitKind };

export interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind;
  responsible: string | null;
  center_id: string;
  center_name: string;
  center_responsible: string | null;
  version: number;
}

const SELECT_UNIT = `
  SELECT u.id, u.name, u.kind, u.responsible, u.center_id, c.name AS center_name,
         c.responsible AS center_responsible, u.version
    FROM units u JOIN centers c ON c.id = u.center_id`;

/** Units with their centre, ordered by centre and name; `onlyIds` limits them (null = all). */
export async function listUnits(
  db: Queryable,
  onlyIds?: readonly string[] | null,
): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `${SELECT_UNIT}
      WHERE $1::uuid[] IS NULL OR u.id = ANY($1::uuid[])
      ORDER BY c.name, u.name`,
    [onlyIds ?? null],
  );
}

export async function findUnit(db: Queryable, id: string): Promise<UnitRow | undefined> {
  const rows = await db.query<UnitRow>(`${SELECT_UNIT} WHERE u.id = $1`, [id]);
  return rows[0];
}

/** Which of `ids` name existing units. */
export async function existingUnitIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM units WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows.map((r) => r.id);
}

export interface NewUnit {
  centerId: string;
  name: string;
  kind: UnitKind;
  responsible: string | null;
}

export async function insertUnit(tx: Queryable, unit: NewUnit): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO units (center_id, name, kind, responsible) VALUES ($1, $2, $3, $4) RETURNING id',
    [unit.centerId, unit.name, unit.kind, unit.responsible],
  );
  if (!row) throw new Error('insert into units returned no row');
  return row.id;
}

/** Updates a unit if its version is still `version`; false when someone changed it first. */
export async function updateUnit(
  tx: Queryable,
  id: string,
  version: number,
  unit: NewUnit,
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE units SET center_id = $3, name = $4, kind = $5, responsible = $6,
            version = version + 1, updated_at = $7
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, unit.centerId, unit.name, unit.kind, unit.responsible, now],
  );
  return rows.length === 1;
}

export async function unitNameTaken(
  db: Queryable,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM units WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)',
    [name, exceptId],
  );
  return rows.length > 0;
}

export interface CenterRow {
  id: string;
  name: string;
  responsible: string | null;
  version: number;
}

export async function listCenters(db: Queryable): Promise<CenterRow[]> {
  return db.query<CenterRow>('SELECT id, name, responsible, version FROM centers ORDER BY name');
}

export async function findCenter(db: Queryable, id: string): Promise<CenterRow | undefined> {
  const rows = await db.query<CenterRow>(
    'SELECT id, name, responsible, version FROM centers WHERE id = $1',
    [id],
  );
  return rows[0];
}

export async function centerNameTaken(
  db: Queryable,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM centers WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)',
    [name, exceptId],
  );
  return rows.length > 0;
}

export async function insertCenter(
  tx: Queryable,
  center: { name: string; responsible: string | null },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO centers (name, responsible) VALUES ($1, $2) RETURNING id',
    [center.name, center.responsible],
  );
  if (!row) throw new Error('insert into centers returned no row');
  return row.id;
}

export async function updateCenter(
  tx: Queryable,
  id: string,
  version: number,
  center: { name: string; responsible: string | null },
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE centers SET name = $3, responsible = $4, version = version + 1, updated_at = $5
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, center.name, center.responsible, now],
  );
  return rows.length === 1;
}

export interface SettingsRow {
  municipality_name: string;
  action_plan_threshold_ore: number;
  /** the day reviews are registered in Overblik from (ÅÅÅÅ-MM-DD); null: from the beginning */
  reviews_registered_from: IsoDate | null;
  version: number;
}

export async function getSettings(db: Queryable): Promise<SettingsRow | undefined> {
  const rows = await db.query<SettingsRow>(
    `SELECT municipality_name, action_plan_threshold_ore, reviews_registered_from, version
       FROM settings WHERE id = 1`,
  );
  return rows[0];
}

export async function updateSettings(
  tx: Queryable,
  version: number,
  settings: {
    municipalityName: string;
    actionPlanThresholdOre: number;
    reviewsRegisteredFrom: IsoDate | null;
  },
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE settings SET municipality_name = $2, action_plan_threshold_ore = $3,
            reviews_registered_from = $5, version = version + 1, updated_at = $4
      WHERE id = 1 AND version = $1 RETURNING id`,
    [
      version,
      settings.municipalityName,
      settings.actionPlanThresholdOre,
      now,
      settings.reviewsRegisteredFrom,
    ],
  );
  return rows.length === 1;
}

import type { Queryable } from '../database';

export interface UnitRow {
  id: string;
  name: string;
  responsible: string | null;
  center_id: string;
  center_name: string;
  center_responsible: string | null;
  version: number;
}

export async function listUnits(db: Queryable, onlyIds?: readonly string[]): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT u.id, u.name, u.responsible, u.center_id, c.name AS center_name, c.responsible AS center_responsible, u.version
       FROM units u JOIN centers c ON c.id = u.center_id
      WHERE $1::uuid[] IS NULL OR u.id = ANY($1::uuid[])
      ORDER BY c.name, u.name`,
    [onlyIds ?? null],
  );
}

export interface SettingsRow {
  municipality_name: string;
  action_plan_threshold_ore: number;
  version: number;
}

export async function getSettings(db: Queryable): Promise<SettingsRow | undefined> {
  const rows = await db.query<SettingsRow>(
    'SELECT municipality_name, action_plan_threshold_ore, version FROM settings WHERE id = 1',
  );
  return rows[0];
}

import type { Role } from '../../domain/access';
import type { Queryable } from '../database';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  roles: Role[];
  is_active: boolean;
  unit_ids: string[];
  version: number;
}

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.password_hash, u.roles, u.is_active, u.version,
         COALESCE(array_agg(uu.unit_id::text) FILTER (WHERE uu.unit_id IS NOT NULL), '{}') AS unit_ids
    FROM users u LEFT JOIN user_units uu ON uu.user_id = u.id`;

export async function findUserByUsername(
  db: Queryable,
  username: string,
): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `${SELECT_USER} WHERE lower(u.username) = lower($1) GROUP BY u.id`,
    [username],
  );
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(`${SELECT_USER} WHERE u.id = $1 GROUP BY u.id`, [id]);
  return rows[0];
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return db.query<UserRow>(`${SELECT_USER} GROUP BY u.id ORDER BY u.username`);
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string | null;
  roles: Role[];
  unitIds: string[];
}

export async function insertUser(tx: Queryable, user: NewUser): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
    [user.username, user.displayName, user.passwordHash, user.roles],
  );
  if (!row) throw new Error('insert into users returned no row');
  for (const unitId of user.unitIds) {
    await tx.query('INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)', [row.id, unitId]);
  }
  return row.id;
}

import type { Role } from '../../domain/access';
import type { Queryable } from '../database';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  oidc_subject: string | null;
  roles: Role[];
  is_active: boolean;
  unit_ids: string[];
  version: number;
}

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.password_hash, u.oidc_subject, u.roles, u.is_active,
         u.version,
         COALESCE(array_agg(uu.unit_id::text ORDER BY uu.unit_id) FILTER (WHERE uu.unit_id IS NOT NULL), '{}') AS unit_ids
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

export async function findUserByOidcSubject(
  db: Queryable,
  subject: string,
): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(`${SELECT_USER} WHERE u.oidc_subject = $1 GROUP BY u.id`, [
    subject,
  ]);
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
  oidcSubject?: string | null;
}

export async function insertUser(tx: Queryable, user: NewUser): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, roles, oidc_subject)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [user.username, user.displayName, user.passwordHash, user.roles, user.oidcSubject ?? null],
  );
  if (!row) throw new Error('insert into users returned no row');
  await setUserUnits(tx, row.id, user.unitIds);
  return row.id;
}

async function setUserUnits(tx: Queryable, userId: string, unitIds: readonly string[]) {
  await tx.query('DELETE FROM user_units WHERE user_id = $1', [userId]);
  for (const unitId of new Set(unitIds)) {
    await tx.query('INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)', [userId, unitId]);
  }
}

/** Updates a user if its version is still `version`; false when someone changed it first. */
export async function updateUser(
  tx: Queryable,
  id: string,
  version: number,
  user: { displayName: string; roles: Role[]; unitIds: string[]; isActive: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE users SET display_name = $3, roles = $4, is_active = $5, version = version + 1,
            updated_at = $6
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, user.displayName, user.roles, user.isActive, now],
  );
  if (rows.length !== 1) return false;
  await setUserUnits(tx, id, user.unitIds);
  return true;
}

export async function setPasswordHash(
  tx: Queryable,
  id: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await tx.query(
    'UPDATE users SET password_hash = $2, version = version + 1, updated_at = $3 WHERE id = $1',
    [id, passwordHash, now],
  );
}

/** Single sign-on: the identity provider's name and roles replace ours at every login. */
export async function updateUserFromSso(
  tx: Queryable,
  id: string,
  user: { displayName: string; roles: Role[] },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE users SET display_name = $2, roles = $3, version = version + 1, updated_at = $4
      WHERE id = $1`,
    [id, user.displayName, user.roles, now],
  );
}

/** Links a user created ahead by an administrator to the identity provider's subject. */
export async function linkOidcSubject(
  tx: Queryable,
  id: string,
  subject: string,
  user: { displayName: string; roles: Role[] },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE users SET oidc_subject = $2, display_name = $3, roles = $4, version = version + 1,
            updated_at = $5
      WHERE id = $1`,
    [id, subject, user.displayName, user.roles, now],
  );
}

/** Active administrators other than `exceptId`. */
export async function countOtherActiveAdministrators(
  db: Queryable,
  exceptId: string,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users
      WHERE is_active AND 'administrator' = ANY(roles) AND id <> $1`,
    [exceptId],
  );
  return row?.n ?? 0;
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row?.n ?? 0;
}

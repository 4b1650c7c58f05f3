import type { Role } from '../../domain/access';
import type { Queryable } from '../database';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export async function insertSession(
  tx: Queryable,
  session: { tokenHash: string; userId: string; csrfToken: string; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $4, $5)`,
    [session.tokenHash, session.userId, session.csrfToken, session.now, session.expiresAt],
  );
}

export async function findSession(
  db: Queryable,
  tokenHash: string,
): Promise<SessionRow | undefined> {
  const rows = await db.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [
    tokenHash,
  ]);
  return rows[0];
}

/** A session together with its user and the user's units: what every authenticated request needs. */
export interface SessionWithUserRow extends SessionRow {
  username: string;
  display_name: string;
  roles: Role[];
  is_active: boolean;
  unit_ids: string[];
}

/**
 * The session and its user (with unit ids) in one round trip, so an authenticated request
 * costs one query before its own work (a prepared statement on PostgreSQL). No row when the
 * session does not exist.
 */
export async function findSessionWithUser(
  db: Queryable,
  tokenHash: string,
): Promise<SessionWithUserRow | undefined> {
  const rows = await db.query<SessionWithUserRow>(
    `SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
            u.username, u.display_name, u.roles, u.is_active,
            COALESCE((SELECT array_agg(uu.unit_id::text ORDER BY uu.unit_id)
                        FROM user_units uu WHERE uu.user_id = u.id), '{}') AS unit_ids
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1`,
    [tokenHash],
    { prepare: 'session_with_user' },
  );
  return rows[0];
}

export async function touchSession(db: Queryable, tokenHash: string, now: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/**
 * Ends every session of a user (deactivated, or given a new password), except the one with
 * `keepHash` if given. Returns how many ended.
 */
export async function deleteUserSessions(
  db: Queryable,
  userId: string,
  keepHash?: string,
): Promise<number> {
  const rows = await db.query(
    `DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> $2::text)
     RETURNING token_hash`,
    [userId, keepHash ?? null],
  );
  return rows.length;
}

/** Removes sessions past their absolute expiry and pending single sign-on logins. */
export async function pruneExpired(db: Queryable, now: Date): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
  await db.query('DELETE FROM oidc_logins WHERE expires_at < $1', [now]);
}

export async function insertOidcLogin(
  db: Queryable,
  login: { stateHash: string; nonce: string; codeVerifier: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO oidc_logins (state_hash, nonce, code_verifier, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [login.stateHash, login.nonce, login.codeVerifier, login.now, login.expiresAt],
  );
}

/** Takes (reads and deletes) a pending single sign-on login: each state can be used once. */
export async function takeOidcLogin(
  db: Queryable,
  stateHash: string,
): Promise<{ nonce: string; code_verifier: string; expires_at: Date } | undefined> {
  const rows = await db.query<{ nonce: string; code_verifier: string; expires_at: Date }>(
    'DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING nonce, code_verifier, expires_at',
    [stateHash],
  );
  return rows[0];
}

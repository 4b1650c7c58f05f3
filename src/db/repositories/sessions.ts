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

export async function touchSession(db: Queryable, tokenHash: string, now: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
}

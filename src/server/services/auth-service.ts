import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access';
import { recordAudit } from '../../db/repositories/audit';
import {
  countRecentFailures,
  deleteSession,
  findSessionWithUser,
  insertSession,
  pruneExpired,
  recordLoginAttempt,
  touchSession,
  type SessionWithUserRow,
} from '../../db/repositories/sessions';
import { findUserByUsername, type UserRow } from '../../db/repositories/users';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from '../passwords';
import { sessionCache } from './session-cache';

/** Failed logins allowed per user name, and per address, within the window. */
export const LOGIN_LIMIT = { perUser: 5, perAddress: 20, windowMinutes: 15 } as const;

/**
 * A hash to verify against when the user name is unknown, so that an unknown name takes as
 * long to refuse as a wrong password and answers cannot tell which names exist.
 */
let dummyHash: Promise<string> | undefined;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function actorFromUser(user: UserRow): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles,
    unitIds: user.unit_ids,
  };
}

export interface NewSession {
  token: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: Date;
}

/** Opens a session for a user already known to be who they say (password or single sign-on). */
export async function openSession(
  deps: AppDeps,
  user: UserRow,
  method: string,
  requestId?: string,
): Promise<NewSession> {
  const now = deps.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000);
  const actor = actorFromUser(user);
  await pruneExpired(deps.db, now);
  await deps.db.transaction(async (tx) => {
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      now,
      expiresAt,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'login', objectType: 'session', objectId: user.id, after: { method } },
      requestId,
    );
  });
  return { token, csrfToken, actor, expiresAt };
}

/**
 * Checks a user name and password. Failures are counted per user name and per address in the
 * database (so the limit holds across app servers) and never record the password.
 */
export async function loginWithPassword(
  deps: AppDeps,
  input: { username: string; password: string; address: string },
  requestId?: string,
): Promise<NewSession> {
  const { db, logger } = deps;
  const now = deps.now();
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * 60_000);
  const counts = await countRecentFailures(db, {
    username: input.username,
    address: input.address,
    since,
  });
  if (counts.byUser >= LOGIN_LIMIT.perUser || counts.byAddress >= LOGIN_LIMIT.perAddress) {
    logger.warn({
      event: 'login_rate_limited',
      username: input.username,
      address: input.address,
      requestId,
    });
    throw new AppError('too_many_attempts', { minutes: LOGIN_LIMIT.windowMinutes });
  }
  const user = await findUserByUsername(db, input.username);
  const canUsePassword = Boolean(user?.is_active && user.password_hash);
  const matches = await verifyPassword(
    canUsePassword && user?.password_hash ? user.password_hash : await timingDummyHash(),
    input.password,
  );
  const ok = canUsePassword && matches;
  await recordLoginAttempt(db, {
    username: input.username,
    address: input.address,
    succeeded: ok,
    at: now,
  });
  if (!ok || !user) {
    // Never the password: only who tried, from where, and whether the account is usable.
    logger.warn({
      event: 'login_failed',
      username: input.username,
      address: input.address,
      reason: !user ? 'unknown_user' : !user.is_active ? 'inactive' : 'wrong_password',
      requestId,
    });
    throw new AppError('invalid_credentials');
  }
  return openSession(deps, user, 'password', requestId);
}

/**
 * Finds the actor behind a session token, enforcing idle and absolute expiry. An expired
 * session is deleted and gives null.
 */
export async function resolveSession(
  deps: AppDeps,
  token: string,
): Promise<{ actor: Actor; tokenHash: string; csrfToken: string } | null> {
  const now = deps.now();
  const tokenHash = hashToken(token);
  const cache = sessionCache(deps.db);
  let session = cache.get(tokenHash);
  // A kept session that looks expired is read again before anything is decided on it: it may
  // have been used on another server since.
  if (!session || expired(deps, session, now)) {
    const mark = cache.mark();
    session = await findSessionWithUser(deps.db, tokenHash);
    if (!session) return null;
    if (expired(deps, session, now)) {
      cache.forget(tokenHash);
      await deleteSession(deps.db, tokenHash);
      return null;
    }
    cache.keep(tokenHash, session, mark);
  }
  if (!session.is_active) return null;
  // Touch at most once a minute: a read-heavy page should not write on every request.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    await touchSession(deps.db, tokenHash, now);
    // Kept as touched until the notification drops it, so other requests do not touch again.
    cache.update(tokenHash, { ...session, last_seen_at: now });
  }
  const actor: Actor = {
    userId: session.user_id,
    username: session.username,
    displayName: session.display_name,
    roles: session.roles,
    unitIds: session.unit_ids,
  };
  return { actor, tokenHash, csrfToken: session.csrf_token };
}

/** Past its absolute expiry, or idle for longer than allowed. */
function expired(deps: AppDeps, session: SessionWithUserRow, now: Date): boolean {
  const idleLimit =
    new Date(session.last_seen_at).getTime() + deps.config.sessionIdleMinutes * 60_000;
  return now.getTime() >= new Date(session.expires_at).getTime() || now.getTime() >= idleLimit;
}

export async function logout(
  deps: AppDeps,
  actor: Actor,
  tokenHash: string,
  requestId?: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deleteSession(tx, tokenHash);
    await recordAudit(
      tx,
      actor,
      { action: 'logout', objectType: 'session', objectId: actor.userId },
      requestId,
    );
  });
  sessionCache(deps.db).forget(tokenHash);
}

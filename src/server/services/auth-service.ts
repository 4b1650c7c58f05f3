import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access';
import { recordAudit } from '../../db/repositories/audit';
import {
  clearAttempts,
  findDevice,
  forgiveAttempt,
  pruneDevices,
  pruneThrottle,
  rememberDevice,
  takeAttempt,
  type ThrottleRule,
} from '../../db/repositories/login-throttle';
import {
  deleteSession,
  findSessionWithUser,
  insertSession,
  pruneExpired,
  touchSession,
  type SessionWithUserRow,
} from '../../db/repositories/sessions';
import { findUserByUsername, type UserRow } from '../../db/repositories/users';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from '../passwords';
import { sessionCache } from './session-cache';

/**
 * The login limits (docs/security.md, "Logging in"). Per user name: 5 attempts, then a wait
 * before each next one that doubles from 1 minute to at most 15, forgotten after a day without
 * an attempt; a browser that logged in as the user before (`device`) has a counter of its own
 * with the same rule, so others' guesses never make the user wait there. Per address, for
 * browsers not known: 20 attempts, then 15 minutes' wait.
 */
export const LOGIN_LIMIT = {
  account: { free: 5, baseSeconds: 60, capSeconds: 900, forgetSeconds: 86_400 },
  device: { free: 5, baseSeconds: 60, capSeconds: 900, forgetSeconds: 86_400 },
  address: { free: 20, baseSeconds: 900, capSeconds: 900, forgetSeconds: 900 },
  /** a browser is remembered this long after its last login */
  deviceDays: 90,
} as const satisfies Record<string, ThrottleRule | number>;

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
  /** for a password login: the token of the browser's device cookie (kept or new) */
  deviceToken?: string;
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
  await pruneThrottle(deps.db, now);
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
 * Checks a user name and password. Each attempt is counted in the database before the password
 * is checked (`takeAttempt`: one statement, so parallel guesses are counted one at a time and
 * the limit holds across app servers), against the browser's own counter if it logged in as
 * this user before, else against the user name and the address. A right password gives the
 * attempt back; the answer never records the password.
 */
export async function loginWithPassword(
  deps: AppDeps,
  input: { username: string; password: string; address: string; deviceToken?: string | undefined },
  requestId?: string,
): Promise<NewSession> {
  const { db, logger } = deps;
  const now = deps.now();
  const user = await findUserByUsername(db, input.username);
  const deviceHash = input.deviceToken ? hashToken(input.deviceToken) : undefined;
  const deviceSince = new Date(now.getTime() - LOGIN_LIMIT.deviceDays * 86_400_000);
  const knownDevice = Boolean(
    user && deviceHash && (await findDevice(db, deviceHash, deviceSince)) === user.id,
  );
  const counters: [string, ThrottleRule][] = knownDevice
    ? [[`device:${deviceHash}`, LOGIN_LIMIT.device]]
    : [
        [`address:${input.address}`, LOGIN_LIMIT.address],
        [`account:${input.username.toLowerCase().slice(0, 200)}`, LOGIN_LIMIT.account],
      ];
  for (const [key, rule] of counters) {
    const openAt = await takeAttempt(db, key, rule, now);
    if (openAt) {
      logger.warn({
        event: 'login_rate_limited',
        username: input.username,
        address: input.address,
        limit: key.slice(0, key.indexOf(':')),
        requestId,
      });
      const minutes = Math.max(1, Math.ceil((openAt.getTime() - now.getTime()) / 60_000));
      throw new AppError('too_many_attempts', { minutes });
    }
  }
  const canUsePassword = Boolean(user?.is_active && user.password_hash);
  const matches = await verifyPassword(
    canUsePassword && user?.password_hash ? user.password_hash : await timingDummyHash(),
    input.password,
  );
  if (!canUsePassword || !matches || !user) {
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
  // The right password: the browser's failures, or the name's, are forgotten and the address
  // gets its attempt back. A remembered browser's login leaves the name's counter alone, so it
  // does not hand a guesser elsewhere new free attempts.
  const [first, second] = counters;
  if (knownDevice && first) await clearAttempts(db, first[0]);
  if (!knownDevice && first && second) {
    await forgiveAttempt(db, first[0]);
    await clearAttempts(db, second[0]);
  }
  const deviceToken =
    knownDevice && input.deviceToken ? input.deviceToken : randomBytes(32).toString('base64url');
  await pruneDevices(db, deviceSince);
  await rememberDevice(db, { tokenHash: hashToken(deviceToken), userId: user.id, now });
  return { ...(await openSession(deps, user, 'password', requestId)), deviceToken };
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

import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { isRole, SYSTEM_ACTOR, type Actor, type Role } from '../../domain/access';
import { recordAudit } from '../../db/repositories/audit';
import { insertOidcLogin, takeOidcLogin } from '../../db/repositories/sessions';
import {
  findUserById,
  findUserByOidcSubject,
  findUserByUsername,
  insertUser,
  linkOidcSubject,
  updateUserFromSso,
} from '../../db/repositories/users';
import type { AppDeps } from '../context';
import type { Config } from '../env';
import { AppError } from '../errors';
import { openSession, type NewSession } from './auth-service';
import { presentUser } from './user-service';
import { sessionCache } from './session-cache';

type OidcConfig = NonNullable<Config['oidc']>;

/** How long a browser may spend at the identity provider before coming back. */
export const OIDC_LOGIN_MINUTES = 10;

const configurations = new Map<string, Promise<oidc.Configuration>>();

/**
 * The provider's metadata, discovered once per process and issuer. Plain http is allowed only
 * for a provider on this machine (tests and local trials); everything else must be https.
 */
function providerConfiguration(settings: OidcConfig): Promise<oidc.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  let configuration = configurations.get(key);
  if (!configuration) {
    const issuer = new URL(settings.issuer);
    const isLocal = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    configuration = oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      isLocal && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {},
    );
    // A failed discovery is tried again on the next login.
    configuration.catch(() => configurations.delete(key));
    configurations.set(key, configuration);
  }
  return configuration;
}

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

function settingsOf(deps: AppDeps): OidcConfig {
  if (!deps.config.oidc) throw new AppError('not_found');
  return deps.config.oidc;
}

/**
 * Starts a single sign-on login: authorization code flow with PKCE. State, nonce and the PKCE
 * verifier are kept in the database (any app server may receive the callback); the state
 * also goes to the browser in a cookie so a callback is accepted only from the browser that
 * started it.
 */
export async function beginOidcLogin(deps: AppDeps): Promise<{ url: string; state: string }> {
  const settings = settingsOf(deps);
  let configuration: oidc.Configuration;
  try {
    configuration = await providerConfiguration(settings);
  } catch (error) {
    deps.logger.error({ event: 'oidc_discovery_failed', issuer: settings.issuer, err: error });
    throw new AppError('sso_failed');
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = deps.now();
  await insertOidcLogin(deps.db, {
    stateHash: hashState(state),
    nonce,
    codeVerifier,
    now,
    expiresAt: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000),
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: 'openid profile email',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

/** The roles the claim's values map to (OIDC_ROLE_MAP); unmapped values give no role. */
export function mapRoles(claim: unknown, roleMap: Record<string, string>): Role[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  const roles = new Set<Role>();
  for (const value of values) {
    const role = typeof value === 'string' ? roleMap[value] : undefined;
    if (role && isRole(role)) roles.add(role);
  }
  return [...roles];
}

/**
 * Finishes a single sign-on login: checks the state against the browser's cookie and the
 * database (each state once), exchanges the code with the PKCE verifier, validates the ID
 * token (signature, issuer, audience, expiry, nonce), maps roles from the claim and creates or
 * updates the user by the provider's subject. Then opens an ordinary session.
 */
export async function completeOidcLogin(
  deps: AppDeps,
  input: { callbackQuery: string; stateCookie: string | undefined },
  requestId: string,
): Promise<NewSession> {
  const settings = settingsOf(deps);
  const callbackUrl = new URL(settings.redirectUri);
  callbackUrl.search = input.callbackQuery;
  const state = callbackUrl.searchParams.get('state');
  const fail = (reason: string, extra: Record<string, unknown> = {}): never => {
    deps.logger.warn({ event: 'oidc_login_failed', reason, requestId, ...extra });
    throw new AppError(reason === 'no_role' ? 'sso_no_role' : 'sso_failed');
  };
  if (callbackUrl.searchParams.has('error'))
    fail('provider_error', { error: callbackUrl.searchParams.get('error') });
  if (!state || !input.stateCookie || state !== input.stateCookie) fail('state_mismatch');
  const pending = await takeOidcLogin(deps.db, hashState(state ?? ''));
  if (!pending || new Date(pending.expires_at).getTime() < deps.now().getTime())
    fail('state_unknown_or_expired');

  let claims: oidc.IDToken | undefined;
  try {
    const configuration = await providerConfiguration(settings);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending?.code_verifier,
      expectedState: state ?? '',
      expectedNonce: pending?.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    fail('token_rejected', { err: error });
  }
  if (!claims?.sub) return fail('no_subject');

  const roles = mapRoles(claims[settings.roleClaim], settings.roleMap);
  if (roles.length === 0) fail('no_role', { subject: claims.sub });
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim() : null;
  const username = (
    text(claims.preferred_username) ??
    text(claims.upn) ??
    text(claims.email) ??
    claims.sub
  ).slice(0, 100);
  const displayName = (text(claims.name) ?? username).slice(0, 200);

  const userId = await deps.db.transaction(async (tx) => {
    const ssoActor: Actor = { ...SYSTEM_ACTOR, username: 'single-sign-on' };
    const bySubject = await findUserByOidcSubject(tx, claims.sub);
    if (bySubject) {
      if (!bySubject.is_active) return fail('inactive', { subject: claims.sub });
      const sameRoles = [...bySubject.roles].sort().join() === [...roles].sort().join();
      if (!sameRoles || bySubject.display_name !== displayName) {
        await updateUserFromSso(tx, bySubject.id, { displayName, roles }, deps.now());
        const after = await findUserById(tx, bySubject.id);
        await recordAudit(
          tx,
          ssoActor,
          {
            action: 'update',
            objectType: 'user',
            objectId: bySubject.id,
            before: presentUser(bySubject),
            after: after && presentUser(after),
          },
          requestId,
        );
      }
      return bySubject.id;
    }
    // An administrator may have created the user ahead, without a password: link it once.
    const byName = await findUserByUsername(tx, username);
    if (byName && (byName.oidc_subject !== null || byName.password_hash !== null))
      return fail('username_taken', { username });
    if (byName && !byName.is_active) return fail('inactive', { username });
    const id = byName
      ? (await linkOidcSubject(tx, byName.id, claims.sub, { displayName, roles }, deps.now()),
        byName.id)
      : await insertUser(tx, {
          username,
          displayName,
          passwordHash: null,
          roles,
          unitIds: [],
          oidcSubject: claims.sub,
        });
    const after = await findUserById(tx, id);
    await recordAudit(
      tx,
      ssoActor,
      {
        action: byName ? 'update' : 'create',
        objectType: 'user',
        objectId: id,
        ...(byName ? { before: presentUser(byName) } : {}),
        after: after && presentUser(after),
      },
      requestId,
    );
    return id;
  });
  // Roles from the identity provider may have changed what the user's other sessions may do.
  sessionCache(deps.db).clear();
  const user = await findUserById(deps.db, userId);
  if (!user) throw new Error('user vanished');
  return openSession(deps, user, 'oidc', requestId);
}

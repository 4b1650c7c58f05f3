import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { isFromTrustedProxy } from '../client-address';
import type { AppEnv } from '../context';
import { SESSION_COOKIE } from './request-context';

/** True when the browser reached us over HTTPS (directly, or through a trusted proxy). */
export function isSecure(c: Context<AppEnv>): boolean {
  return (
    (isFromTrustedProxy(c) && c.req.header('x-forwarded-proto') === 'https') ||
    c.req.url.startsWith('https:')
  );
}

/** The cookie by which a browser that logged in before is known at the next login. */
export const DEVICE_COOKIE = 'overblik_device';

/**
 * The device cookie: a random token (the database keeps its hash) that lets this browser's
 * logins as the same user pass a wait others' wrong passwords put on the user name
 * (docs/security.md, "Logging in"). Sent only to the login, HttpOnly, Strict, for 90 days.
 */
export function setDeviceCookie(c: Context<AppEnv>, token: string, days: number): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecure(c),
    path: '/api/session',
    maxAge: days * 86_400,
  });
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * writes; Lax rather than Strict so the single sign-on redirect back to us keeps working),
 * Secure behind HTTPS, and no longer-lived than the session's absolute expiry.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
    path: '/',
    maxAge: c.get('deps').config.sessionAbsoluteHours * 3600,
  });
}

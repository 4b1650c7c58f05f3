import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../context';
import { SESSION_COOKIE } from './request-context';

/** True when the browser reached us over HTTPS (directly, or through a trusted proxy). */
export function isSecure(c: Context<AppEnv>): boolean {
  const { trustProxy } = c.get('deps').config;
  return (
    (trustProxy && c.req.header('x-forwarded-proto') === 'https') || c.req.url.startsWith('https:')
  );
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

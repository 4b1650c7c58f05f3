import { randomUUID, timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../context';
import { AppError } from '../errors';
import { resolveSession } from '../services/auth-service';

export const SESSION_COOKIE = 'overblik_session';

/** What a client's (or proxy's) own `X-Request-Id` may look like to be logged beside ours. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id of our own (a random UUID), the one the audit trail, the problem
 * answers and the `X-Request-Id` answer header carry: a client cannot choose which id its
 * changes are recorded under. An `X-Request-Id` the client or a proxy sent is only logged, as
 * `clientRequestId` on the request's log line, and only if it has a strict form (no spaces or
 * control characters). Logs one JSON line per request when it is done.
 */
export function requestContext(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    const sent = c.req.header('x-request-id');
    const clientRequestId = sent && CLIENT_REQUEST_ID.test(sent) ? sent : undefined;
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('actor', null);
    c.set('session', null);
    c.header('X-Request-Id', requestId);
    await next();
    // API answers carry personal data: never kept by a browser or a proxy cache. Set on the
    // answer's own headers: `c.header` after the handler would rebuild the answer around a
    // stream of its body, which costs the Node adapter its fast path.
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control'))
      c.res.headers.set('Cache-Control', 'no-store');
    if (c.req.path.startsWith('/api/') || c.res.status >= 400) {
      deps.logger.info({
        event: 'request',
        requestId,
        clientRequestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: c.get('actor')?.userId,
      });
    }
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie to an actor. A request that changes something under a session
 * must carry the session's CSRF token in X-CSRF-Token (login itself has no session yet).
 */
export function sessionAuth() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const resolved = await resolveSession(c.get('deps'), token);
      if (resolved) {
        c.set('actor', resolved.actor);
        c.set('session', { tokenHash: resolved.tokenHash, csrfToken: resolved.csrfToken });
        if (
          UNSAFE.has(c.req.method) &&
          !sameToken(c.req.header('x-csrf-token'), resolved.csrfToken)
        ) {
          throw new AppError('csrf_failed');
        }
      }
    }
    await next();
  });
}

function sameToken(sent: string | undefined, expected: string): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

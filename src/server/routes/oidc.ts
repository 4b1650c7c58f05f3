import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../errors';
import { isSecure, setSessionCookie } from '../middleware/session-cookie';
import { createRouter, problemResponses } from '../openapi';
import { beginOidcLogin, completeOidcLogin, OIDC_LOGIN_MINUTES } from '../services/oidc-service';

const STATE_COOKIE = 'overblik_oidc_state';
const COOKIE_PATH = '/api/oidc';

const login = createRoute({
  method: 'get',
  path: '/oidc/login',
  tags: ['Session'],
  summary: "Single sign-on: redirects to the municipality's identity provider (when configured)",
  responses: {
    302: { description: 'Videre til identitetsudbyderen' },
    ...problemResponses(404),
  },
});

const callback = createRoute({
  method: 'get',
  path: '/oidc/callback',
  tags: ['Session'],
  summary:
    'Single sign-on: the identity provider returns here; opens a session and redirects to /, or to /?sso_error=<code>',
  request: {
    query: z.object({
      code: z.string().optional(),
      state: z.string().optional(),
      error: z.string().optional(),
    }),
  },
  responses: {
    302: { description: 'Logget ind (til /) eller fejl (til /?sso_error=…)' },
    ...problemResponses(404),
  },
});

export const oidcRoutes = createRouter()
  .openapi(login, async (c) => {
    const { url, state } = await beginOidcLogin(c.get('deps'));
    setCookie(c, STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecure(c),
      path: COOKIE_PATH,
      maxAge: OIDC_LOGIN_MINUTES * 60,
    });
    return c.redirect(url, 302);
  })
  .openapi(callback, async (c) => {
    const deps = c.get('deps');
    if (!deps.config.oidc) throw new AppError('not_found');
    const stateCookie = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH });
    try {
      const session = await completeOidcLogin(
        deps,
        { callbackQuery: new URL(c.req.url).search, stateCookie },
        c.get('requestId'),
      );
      setSessionCookie(c, session.token);
      return c.redirect('/', 302);
    } catch (error) {
      if (
        error instanceof AppError &&
        (error.code === 'sso_failed' || error.code === 'sso_no_role')
      )
        return c.redirect(`/?sso_error=${error.code}`, 302);
      throw error;
    }
  });

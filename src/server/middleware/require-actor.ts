import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Actor } from '../../domain/access';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { authorize, type Action } from '../policies/policy';

/** The logged-in actor, or a 401 problem. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

/**
 * Guards a group of routes before their input is even read: 401 without a session, 403
 * without `action`. Services still authorise each use case themselves; this only makes sure
 * that somebody without rights learns nothing from validation messages.
 */
export function requireAction(action: Action) {
  return createMiddleware<AppEnv>(async (c, next) => {
    authorize(requireActor(c), action);
    await next();
  });
}

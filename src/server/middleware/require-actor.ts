import type { Context } from 'hono';
import type { Actor } from '../../domain/access';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

/** The logged-in actor, or a 401 problem. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

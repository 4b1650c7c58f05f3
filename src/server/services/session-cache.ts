import type { SessionWithUserRow } from '../../db/repositories/sessions';
import { cachePerDatabase, NotifiedCache } from './notified-cache';

/** The NOTIFY channel of migration 0009: a token hash, or `*` for "users or units changed". */
export const AUTH_CHANNEL = 'overblik_auth';

/**
 * Sessions as last read from the database, kept so that most requests need no session query.
 * The database notifies when a session row changed or was deleted (logout, touch, expiry, new
 * password) and when users or their units changed. The checks of expiry and of an active user
 * still run on every request; see `resolveSession`.
 */
export const sessionCache = cachePerDatabase(
  (db) => new NotifiedCache<SessionWithUserRow>(db, AUTH_CHANNEL, { max: 10_000 }),
);

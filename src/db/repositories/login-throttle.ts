import type { Queryable } from '../database';

/**
 * How one kind of login counter works: `free` attempts, then a wait before each next one that
 * doubles from `baseSeconds` up to `capSeconds`; the count is forgotten after `forgetSeconds`
 * without an attempt. After the n-th counted attempt the key opens again
 * `n < free ? 0 : min(cap, base · 2^(n − free))` seconds later.
 */
export interface ThrottleRule {
  free: number;
  baseSeconds: number;
  capSeconds: number;
  forgetSeconds: number;
}

/** The attempts counted: 1 again once the key was forgotten, else one more (SQL, on row `t`). */
const NEXT = `CASE WHEN t.last_at < $2::timestamptz - make_interval(secs => $6::int) THEN 1
                   ELSE t.attempts + 1 END`;
const openAfter = (n: string) =>
  `$2::timestamptz + make_interval(secs => CASE WHEN ${n} < $3::int THEN 0
     ELSE least($5::float8, $4::float8 * power(2::float8, (${n} - $3::int)::float8)) END)`;

/**
 * Counts one login attempt against `key` if the key is open, in one statement, so parallel
 * attempts are counted one at a time and no more get through than the rule lets: the attempt is
 * counted before its password is checked (a right password gives it back with `forgiveAttempt`
 * or `clearAttempts`). Returns null when it was counted, else when the key opens again.
 */
export async function takeAttempt(
  db: Queryable,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<Date | null> {
  const rows = await db.query<{ attempts: number }>(
    `INSERT INTO login_throttle AS t (key, attempts, last_at, open_at)
     VALUES ($1, 1, $2, ${openAfter('1')})
     ON CONFLICT (key) DO UPDATE
        SET attempts = ${NEXT}, last_at = $2, open_at = ${openAfter(`(${NEXT})`)}
      WHERE t.open_at <= $2 OR t.last_at < $2::timestamptz - make_interval(secs => $6::int)
     RETURNING attempts`,
    [key, now, rule.free, rule.baseSeconds, rule.capSeconds, rule.forgetSeconds],
  );
  if (rows.length > 0) return null;
  const [row] = await db.query<{ open_at: Date }>(
    'SELECT open_at FROM login_throttle WHERE key = $1',
    [key],
  );
  return row ? new Date(row.open_at) : now;
}

/** A right password: the attempt it took is given back (the counter of an address). */
export async function forgiveAttempt(db: Queryable, key: string): Promise<void> {
  await db.query(
    `UPDATE login_throttle SET attempts = greatest(attempts - 1, 0), open_at = last_at
      WHERE key = $1`,
    [key],
  );
}

/** A right password: the account's (or device's) failures are forgotten. */
export async function clearAttempts(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}

/** Forgets counters nobody has used for a day (they name users and addresses). */
export async function pruneThrottle(db: Queryable, now: Date): Promise<void> {
  await db.query(
    `DELETE FROM login_throttle
      WHERE last_at < $1::timestamptz - interval '1 day' AND open_at < $1::timestamptz`,
    [now],
  );
}

/** The user a remembered browser (a device that logged in before) belongs to, if any. */
export async function findDevice(
  db: Queryable,
  tokenHash: string,
  since: Date,
): Promise<string | undefined> {
  const rows = await db.query<{ user_id: string }>(
    'SELECT user_id FROM login_devices WHERE token_hash = $1 AND last_used_at >= $2',
    [tokenHash, since],
  );
  return rows[0]?.user_id;
}

/** Remembers (or refreshes) a browser that logged in as `userId`. */
export async function rememberDevice(
  db: Queryable,
  device: { tokenHash: string; userId: string; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO login_devices (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)
     ON CONFLICT (token_hash) DO UPDATE SET user_id = EXCLUDED.user_id, last_used_at = EXCLUDED.last_used_at`,
    [device.tokenHash, device.userId, device.now],
  );
}

/** Forgets remembered browsers not used within `since`. */
export async function pruneDevices(db: Queryable, since: Date): Promise<void> {
  await db.query('DELETE FROM login_devices WHERE last_used_at < $1', [since]);
}

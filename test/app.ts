import { pino } from 'pino';
import type { Database } from '../src/db/database';
import { ensureProviders } from '../src/db/repositories/providers';
import { insertUser } from '../src/db/repositories/users';
import type { Role } from '../src/domain/access';
import { createApp } from '../src/server/app';
import type { AppDeps } from '../src/server/context';
import { loadConfig } from '../src/server/env';
import { hashPassword } from '../src/server/passwords';
import { createTestDatabase } from './db';

export interface TestContext {
  db: Database;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  /** Moves the test clock. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/**
 * The test municipality's provider register: the providers the tests' cases name (an import or
 * an intervention naming another provider is refused, as the product refuses it).
 */
export const TEST_PROVIDERS = [
  { name: 'Familiecentret', external: false },
  { name: 'Familiehuset', external: false },
  { name: 'Forældrebetaling', external: false },
  { name: 'Ungeteam', external: false },
  { name: 'Døgninstitutionen', external: true },
  { name: 'Opholdsstedet', external: true },
  { name: 'Opholdsstedet Lyngly', external: true },
] as const;

/**
 * The whole app in-process on a fresh database, with a pinned clock and silent logs; the
 * provider register holds `TEST_PROVIDERS` unless `providers` is false.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { providers?: boolean } = {},
): Promise<TestContext> {
  const db = await createTestDatabase();
  let now = new Date('2026-11-23T10:00:00Z');
  if (options.providers !== false) await ensureProviders(db, TEST_PROVIDERS, 'test', now);
  const deps: AppDeps = {
    db,
    config: loadConfig({ DEMO: '0', ...env }),
    logger: pino({ level: 'silent' }),
    now: () => now,
  };
  const app = createApp(deps);
  return {
    db,
    deps,
    app,
    setNow(date) {
      now = date;
    },
    close: async () => {
      await deps.statementWorkers?.close();
      await db.close();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** Creates a user with password `test` (hashed once per file: argon2 is slow on purpose). */
export async function createUser(
  db: Database,
  user: { username: string; roles: Role[]; unitIds?: string[]; displayName?: string },
): Promise<string> {
  passwordHash ??= hashPassword('test');
  const hash = await passwordHash;
  return db.transaction((tx) =>
    insertUser(tx, {
      username: user.username,
      displayName: user.displayName ?? user.username,
      passwordHash: hash,
      roles: user.roles,
      unitIds: user.unitIds ?? [],
    }),
  );
}

/** Creates a centre and a unit; returns the unit's id. */
export async function createUnit(
  db: Database,
  name: string,
  center = 'Center for Børn og Unge',
): Promise<string> {
  const [c] = await db.query<{ id: string }>(
    `INSERT INTO centers (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [center],
  );
  const [u] = await db.query<{ id: string }>(
    'INSERT INTO units (center_id, name) VALUES ($1, $2) RETURNING id',
    [c?.id, name],
  );
  if (!u) throw new Error('no unit');
  return u.id;
}

/** A client that keeps its session cookie and CSRF token, like a browser would. */
export class TestClient {
  private cookie = '';
  private csrf = '';
  constructor(private readonly ctx: TestContext) {}

  async login(username: string, password = 'test'): Promise<Response> {
    const response = await this.request('POST', '/api/session', { username, password });
    // the session cookie, and the device cookie the browser keeps for its next login
    const set = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    if (set.length) {
      const jar = new Map(
        [...this.cookie.split('; '), ...set].filter(Boolean).map((c) => [c.split('=')[0], c]),
      );
      this.cookie = [...jar.values()].join('; ');
    }
    if (response.ok)
      this.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    return response;
  }

  request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      h['Content-Type'] = headers['Content-Type'] ?? 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return Promise.resolve(
      this.ctx.app.request(path, { method, headers: h, body: payload ?? null }),
    );
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  put = (path: string, body?: unknown) => this.request('PUT', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

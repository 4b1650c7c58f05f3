import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/domain/access';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from './app';

/**
 * A table-driven authorisation matrix: every row is one endpoint in one scope, and says what
 * each role gets. Each role has one user, a member of `ownUnit` only (administrator and ledelse
 * belong to no unit: they see all). Refused requests (status >= 400) must change nothing:
 * the audit trail and `snapshot` read the same before and after.
 *
 * Add your endpoints in your own `test/api/policies-<feature>.test.ts`:
 *
 *   describePolicyMatrix('action plans', rows, async (f) => { f.extra.plan = await ... });
 */
export type Who = Role | 'anonymous';

export interface Fixture {
  ctx: TestContext;
  ownUnit: string;
  otherUnit: string;
  /** User id per role. */
  users: Record<Role, string>;
  /** Your own objects, made in `setup`. */
  extra: Record<string, string>;
  /** A fresh value each call, for names that must be unique. */
  unique(prefix: string): string;
}

export interface MatrixRow {
  /** e.g. 'PUT /api/units/:id (other unit)' */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (f: Fixture) => string | Promise<string>;
  body?: (f: Fixture) => unknown;
  /** The status for each role; roles not named get `otherwise`. `anonymous` defaults to 401. */
  expect: Partial<Record<Who, number>> & { otherwise: number };
  /** SQL whose result must not change when the request is refused (besides the audit trail). */
  snapshot?: string;
  /** Use a newly logged-in session (for requests that end the session). */
  freshSession?: boolean;
  /** More checks of an allowed answer, e.g. that a list holds only the units `who` may see. */
  check?: (body: unknown, who: Role, f: Fixture) => void;
}

const DEFAULT_SNAPSHOT = `
  SELECT json_build_object(
    'centers', (SELECT json_agg(c ORDER BY c.id) FROM centers c),
    'units', (SELECT json_agg(u ORDER BY u.id) FROM units u),
    'users', (SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name, 'roles', u.roles,
                'active', u.is_active, 'hash', u.password_hash, 'version', u.version) ORDER BY u.id) FROM users u),
    'memberships', (SELECT json_agg(m ORDER BY m.user_id, m.unit_id) FROM user_units m),
    'settings', (SELECT json_agg(s) FROM settings s)
  )::text AS state`;

export function describePolicyMatrix(
  title: string,
  rows: MatrixRow[],
  setup?: (f: Fixture) => Promise<void>,
): void {
  describe(`policy matrix: ${title}`, () => {
    let f: Fixture;
    const clients = new Map<Role, TestClient>();
    beforeAll(async () => {
      const ctx = await createTestApp();
      const ownUnit = await createUnit(ctx.db, 'Egen enhed');
      const otherUnit = await createUnit(ctx.db, 'Anden enhed');
      const users = {} as Record<Role, string>;
      for (const role of ROLES) {
        const seesAll = role === 'administrator' || role === 'ledelse';
        users[role] = await createUser(ctx.db, {
          username: role,
          roles: [role],
          unitIds: seesAll ? [] : [ownUnit],
        });
      }
      let n = 0;
      f = {
        ctx,
        ownUnit,
        otherUnit,
        users,
        extra: {},
        unique: (prefix) => `${prefix} ${++n}`,
      };
      if (setup) await setup(f);
      for (const role of ROLES) {
        const client = new TestClient(ctx);
        const response = await client.login(role);
        if (response.status !== 200) throw new Error(`login as ${role} failed`);
        clients.set(role, client);
      }
    });
    afterAll(() => f.ctx.close());

    const cases = rows.flatMap((row) =>
      [...ROLES, 'anonymous' as const].map((who) => {
        const status = row.expect[who] ?? (who === 'anonymous' ? 401 : row.expect.otherwise);
        return { row, who, status };
      }),
    );

    it.each(cases.map((c) => [c.row.name, c.who, c.status, c] as const))(
      '%s as %s → %i',
      async (_name, who, status, { row }) => {
        let client: TestClient;
        if (who === 'anonymous') client = new TestClient(f.ctx);
        else if (row.freshSession) {
          client = new TestClient(f.ctx);
          await client.login(who);
        } else client = clients.get(who) as TestClient;
        const snapshot = async () => ({
          audit: (
            await f.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')
          )[0]?.n,
          state: await f.ctx.db.query(row.snapshot ?? DEFAULT_SNAPSHOT),
        });
        const path = await row.path(f);
        const body = row.body ? await row.body(f) : undefined;
        const before = status >= 400 ? await snapshot() : undefined;
        const response = await client.request(row.method, path, body);
        const text = await response.text();
        expect(response.status, text).toBe(status);
        if (status < 300 && row.check && who !== 'anonymous' && text)
          row.check(JSON.parse(text), who, f);
        if (before) {
          expect(await snapshot()).toEqual(before);
          const problem = JSON.parse(text) as { detail: string };
          expect(problem.detail).toMatch(/[æøå]|ikke/);
        }
      },
    );
  });
}

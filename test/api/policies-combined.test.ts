import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Actor, type Role } from '../../src/domain/access';
import { REFERENCE_PLAN_2018 } from '../../src/server/demo/action-plans';
import { ACTIONS, can, readableUnitIds, ROLE_ACTIONS } from '../../src/server/policies/policy';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * A user may hold several roles (ledelse and funktionsleder, say). Each role acts with its own
 * reach: "sees every unit" belongs to the role that has it, and never widens what another of the
 * user's roles may write. Checked for every pair of roles, in the policy itself and through the
 * API with the writes that once leaked (cases, action plans, forecast adjustments).
 */

const pairs: [Role, Role][] = ROLES.flatMap((a, i) =>
  ROLES.slice(i + 1).map((b): [Role, Role] => [a, b]),
);

describe('combined roles in the policy', () => {
  const own = 'own-unit';
  const other = 'other-unit';
  const actor = (roles: Role[]): Actor => ({
    userId: 'u',
    username: 'u',
    displayName: 'U',
    roles,
    unitIds: [own],
  });

  it('grants a pair of roles exactly what one of its roles grants alone, in that role’s reach', () => {
    for (const [a, b] of pairs)
      for (const action of ACTIONS)
        for (const scope of [undefined, { unitId: own }, { unitId: other }, { unitId: null }]) {
          const both = can(actor([a, b]), action, scope);
          const alone = can(actor([a]), action, scope) || can(actor([b]), action, scope);
          expect(both, `${a}+${b} ${action} ${scope?.unitId ?? 'no scope'}`).toBe(alone);
        }
  });

  it('reads every unit only with an action a role that sees every unit grants itself', () => {
    for (const [a, b] of pairs)
      for (const action of ACTIONS) {
        const units = readableUnitIds(actor([a, b]), action);
        const widening = [a, b].some(
          (r) => (r === 'administrator' || r === 'ledelse') && ROLE_ACTIONS[r].includes(action),
        );
        if (widening) expect(units, `${a}+${b} ${action}`).toBeNull();
        else expect(units, `${a}+${b} ${action}`).not.toBeNull();
      }
  });
});

describe('combined roles through the API', () => {
  let ctx: TestContext;
  let ownUnit: string;
  let otherUnit: string;
  const OWN = 'Egen enhed';
  const OTHER = 'Anden enhed';
  let n = 0;

  beforeAll(async () => {
    ctx = await createTestApp();
    ownUnit = await createUnit(ctx.db, OWN);
    otherUnit = await createUnit(ctx.db, OTHER);
  });
  afterAll(() => ctx.close());

  const writes = {
    'case.write': (unitId: string) => {
      n += 1;
      return {
        path: '/api/cases',
        body: {
          ref: `K-${n}`,
          household: `H-${n}`,
          unitId,
          person: { ref: `P-${n}`, birthDate: '2012-05-01' },
        },
      };
    },
    'plan.write': (unitId: string) => {
      n += 1;
      return {
        path: '/api/action-plans',
        body: {
          ...structuredClone(REFERENCE_PLAN_2018),
          title: `Handleplan ${n}`,
          unit: { ...REFERENCE_PLAN_2018.unit, name: unitId === ownUnit ? OWN : OTHER },
        },
      };
    },
    'forecast.write': (unitId: string) => ({
      path: '/api/forecast/adjustments',
      body: { unitId, accountFunction: '5.28.21', year: 2026, amount: 1000, reason: 'Kendt sag' },
    }),
  } as const;

  async function rowCount(): Promise<number> {
    const [row] = await ctx.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM action_plans)
            + (SELECT count(*) FROM forecast_adjustments) AS n`,
    );
    return Number(row?.n ?? 0);
  }

  it.each(pairs)('%s with %s writes only where one of the roles reaches', async (a, b) => {
    const username = `${a}-${b}`.replace(/_/g, '');
    await createUser(ctx.db, { username, roles: [a, b], unitIds: [ownUnit] });
    const client = new TestClient(ctx);
    expect((await client.login(username)).status).toBe(200);
    for (const [action, write] of Object.entries(writes)) {
      for (const unitId of [ownUnit, otherUnit]) {
        const { path, body } = write(unitId);
        const may = [a, b].some(
          (r) =>
            ROLE_ACTIONS[r].includes(action as keyof typeof writes) &&
            (r === 'administrator' || unitId === ownUnit),
        );
        const before = await rowCount();
        const response = await client.post(path, body);
        const where = unitId === ownUnit ? 'own unit' : 'other unit';
        if (may) {
          expect(response.status, `${a}+${b} ${action} in ${where}`).toBe(201);
          expect(await rowCount()).toBe(before + 1);
        } else {
          // refused: forbidden, or (for a unit the user may not even read) named as unknown
          expect([403, 404, 422], `${a}+${b} ${action} in ${where}`).toContain(response.status);
          expect(await rowCount()).toBe(before);
        }
      }
    }
  });
});

import type { Actor } from '../../domain/access';
import { measuresInForce, type Intervention } from '../../domain/cases';
import { nextInterventionRef } from '../../domain/cases/edit';
import { ore } from '../../domain/money';
import { addDays, type IsoDate } from '../../domain/months';
import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { loadCases, replaceInterventions, touchCase } from '../../db/repositories/cases';
import { findUserByUsername } from '../../db/repositories/users';
import { requestIfCaught } from '../services/approval-service';

/** How many grants wait for the funktionsleder when the demo opens. */
const PENDING = 3;

/**
 * Grants waiting for the funktionsleder's approval, made as the rådgiver makes them: for a
 * child who already has a measure in force, she registers a contact person (kontaktperson)
 * from two weeks ahead and grants it; the household rule catches the grant through the grant
 * path's own check (`requestIfCaught`), so the request, its audit rows and the funktionsleder's
 * notification are the ordinary ones. The new measures stay expected until decided.
 */
export async function seedDemoApprovals(tx: Queryable, today: IsoDate): Promise<void> {
  const user = await findUserByUsername(tx, 'raadgiver');
  if (!user) return;
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles,
    unitIds: user.unit_ids,
  };
  const startDate = addDays(today, 14);
  const cases = (await loadCases(tx, { unitIds: actor.unitIds }))
    .filter((c) => measuresInForce(c.record, startDate).length > 0)
    .sort((a, b) => (a.record.ref < b.record.ref ? -1 : 1))
    .slice(0, PENDING);
  const at = new Date(`${today}T09:00:00+01:00`);
  const deps = { now: () => at };
  for (const [n, stored] of cases.entries()) {
    const ref = nextInterventionRef(stored.record);
    const measure: Intervention = {
      ref,
      kind: 'main',
      status: 'expected',
      modifies: null,
      decidedOn: today,
      category: 'kontaktperson',
      paragraph: 'Barnets lov § 32, stk. 1, nr. 4',
      provider: { name: 'Kontaktpersonkorpset', external: false },
      accountFunction: '5.28.21',
      startDate,
      endDate: addDays(startDate, 181),
      followOn: false,
      payment: {
        type: 'running',
        frequency: 'monthly',
        dayOfMonth: 1,
        amountOre: ore(320_000 + n * 40_000),
      },
    };
    const interventions = [...stored.record.interventions, measure];
    await touchCase(tx, stored.id, stored.version, at);
    await replaceInterventions(tx, [{ caseId: stored.id, interventions }]);
    await recordAudit(tx, actor, {
      action: 'case.intervention.create',
      objectType: 'case',
      objectId: stored.id,
      unitId: stored.unitId,
      after: measure,
    });
    const [now] = await loadCases(tx, { ids: [stored.id] });
    if (now) await requestIfCaught(tx, deps, actor, now, ref, 'demo');
  }
}

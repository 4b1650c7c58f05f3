import type { Database } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { SYSTEM_ACTOR } from '../../domain/access';
import { dateAt, type IsoDate } from '../../domain/months';
import { seedDemoActionPlans } from './action-plans';
import { seedDemoApprovals } from './approvals';
import { seedDemoBudget } from './budget';
import { seedDemoCases } from './cases';
import { seedDemoGovernanceMeetings } from './governance-meetings';
import { seedDemoOrganisation } from './organisation';
import { seedDemoReviews } from './reviews';
import { seedDemoStatusReport } from './status-report';

/** True when the database holds no users yet: the only time the demo is loaded. */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo municipality in one transaction: all of it or nothing, so a start that is
 * killed half-way loads it again next time. Each capability adds its part here.
 */
export async function loadDemo(db: Database, today: IsoDate = dateAt(new Date())): Promise<void> {
  await db.transaction(async (tx) => {
    await seedDemoOrganisation(tx);
    await seedDemoCases(tx);
    await seedDemoStatusReport(tx);
    await seedDemoBudget(tx, today);
    await seedDemoActionPlans(tx);
    await seedDemoGovernanceMeetings(tx, today);
    await seedDemoReviews(tx, today);
    await seedDemoApprovals(tx, today);
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'demo.load', objectType: 'municipality' });
  });
}

import type { Database, Queryable } from '../../db/database';
import { START_UP_LOCK } from '../../db/migrate';
import { recordAudit } from '../../db/repositories/audit';
import { SYSTEM_ACTOR } from '../../domain/access';
import { dateAt } from '../../domain/months';
import { seedDemoActionPlans } from './action-plans';
import { seedDemoApprovals } from './approvals';
import { seedDemoBudget } from './budget';
import { seedDemoCases } from './cases';
import { seedDemoGovernanceMeetings } from './governance-meetings';
import { seedDemoOrganisation } from './organisation';
import { seedDemoReviews } from './reviews';
import { seedDemoStatusReport } from './status-report';

/** True when the database holds no users yet: the only time the demo is loaded. */
export async function isEmpty(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo municipality in one transaction: all of it or nothing, so a start that is
 * killed half-way loads it again next time.
 */
export async function loadDemo(db: Database, at: Date): Promise<void> {
  await db.transaction((tx) => seedDemo(tx, at));
}

/**
 * At start: loads the demo when the database is empty, under the start-up lock the migrations
 * take, and checks for emptiness under it; so of several servers starting at once on an empty
 * database one loads the demo and the others find it loaded. True when this call loaded it.
 */
export async function loadDemoIfEmpty(db: Database, at: Date): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [START_UP_LOCK]);
    if (!(await isEmpty(tx))) return false;
    await seedDemo(tx, at);
    return true;
  });
}

/** Each capability adds its part here. */
async function seedDemo(tx: Queryable, at: Date): Promise<void> {
  const today = dateAt(at);
  await seedDemoOrganisation(tx);
  await seedDemoCases(tx, at);
  await seedDemoStatusReport(tx);
  await seedDemoBudget(tx, today, at);
  await seedDemoActionPlans(tx);
  await seedDemoGovernanceMeetings(tx, today);
  await seedDemoReviews(tx, today);
  await seedDemoApprovals(tx, today);
  await recordAudit(tx, SYSTEM_ACTOR, { action: 'demo.load', objectType: 'municipality' });
}

import { generateDemoMunicipality } from './generator/demo-municipality';
import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import { replaceInterventions, upsertCases, upsertRates } from '../../db/repositories/cases';
import { ensureProviders } from '../../db/repositories/providers';
import { distinctProviders } from '../../domain/providers';
import { SYSTEM_ACTOR } from '../../domain/access';
import { DEMO_UNITS } from './organisation';

/**
 * The demo municipality's cases from 2017 to 2026 (and those still running then from the years
 * before: the warm-up), generated deterministically (./generator) from ordinary cases only;
 * the status report of May 2020's figures emerge from them to the
 * report's precision: aftercare 8,5 mio. kr. in 2019 and 5,9 mio. kr. committed in May 2020;
 * external providers 7,9 and 4,7 mio. kr.; 8 families (13–17) with more than one intervention in
 * December 2019 and May 2020. Inserted in bulk; the providers they name are registered first
 * (`providers`), one per name.
 */
export async function seedDemoCases(tx: Queryable, at: Date): Promise<void> {
  const units = await tx.query<{ id: string; name: string }>('SELECT id, name FROM units');
  const idByKey = new Map<string, string>();
  for (const unit of DEMO_UNITS) {
    const row = units.find((u) => u.name === unit.name);
    if (row) idByKey.set(unit.key, row.id);
  }
  const { rates, cases } = generateDemoMunicipality();
  const records = cases
    .filter((c) => idByKey.has(c.unit))
    .map((c) => ({ ...c, unit: idByKey.get(c.unit) ?? '' }));
  await upsertRates(tx, rates, at);
  // the providers the cases name, registered once each (by name) before the cases name them
  await ensureProviders(tx, distinctProviders(records), SYSTEM_ACTOR.username, at);
  const ids = await upsertCases(tx, records, at);
  await replaceInterventions(
    tx,
    records.map((c) => ({ caseId: ids.get(c.ref) ?? '', interventions: c.interventions })),
  );
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: 'demo.load',
    objectType: 'case',
    after: { cases: records.length },
  });
}

import type { Actor } from '../../domain/access';
import { CASES_FORMAT, readCasesDocument, type RawRate } from '../../domain/cases';
import { toKroner } from '../../domain/money';
import { recordAudit } from '../../db/repositories/audit';
import { listRates, upsertRates } from '../../db/repositories/cases';
import type { AppDeps } from '../context';
import { authorize } from '../policies/policy';
import { validationError } from '../validation';

export interface RateJson {
  code: string;
  name: string;
  source: string | null;
  periods: { from: string; to: string | null; amount: number }[];
}

/** The dated rates (e.g. KL's foster-family fee units) with their periods in kroner. */
export async function listRatesJson(deps: AppDeps, actor: Actor): Promise<RateJson[]> {
  authorize(actor, 'case.read');
  return (await listRates(deps.db)).map((r) => ({
    code: r.code,
    name: r.name,
    source: r.source,
    periods: r.periods.map((p) => ({ from: p.from, to: p.to, amount: toKroner(p.amountOre) })),
  }));
}

/**
 * Stores a rate with all its dated periods, replacing a stored rate of the same code. The
 * periods are checked with the import's rules (dates, order, no overlap, two decimals); paths
 * are `periods.1.from`. Those who import cases (økonomikonsulenter, administrators) may.
 */
export async function saveRate(
  deps: AppDeps,
  actor: Actor,
  input: RawRate,
  requestId: string,
): Promise<RateJson> {
  authorize(actor, 'case.import');
  const read = readCasesDocument({ format: CASES_FORMAT, rates: [input], cases: [] });
  if (!read.ok) {
    throw validationError(
      read.issues.map((i) => ({ ...i, path: i.path.replace(/^rates\.0\./, '') })),
    );
  }
  const [rate] = read.rates;
  if (!rate) throw validationError([]);
  return deps.db.transaction(async (tx) => {
    const before = (await listRates(tx)).find((r) => r.code === rate.code) ?? null;
    await upsertRates(tx, [rate]);
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.rate.save',
        objectType: 'case_rate',
        objectId: rate.code,
        before,
        after: rate,
      },
      requestId,
    );
    return {
      code: rate.code,
      name: rate.name,
      source: rate.source,
      periods: rate.periods.map((p) => ({ from: p.from, to: p.to, amount: toKroner(p.amountOre) })),
    };
  });
}

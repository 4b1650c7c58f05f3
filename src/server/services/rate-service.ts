import type { Actor } from '../../domain/access';
import { CASES_FORMAT, readCasesDocument, type RawRate } from '../../domain/cases';
import { toKroner } from '../../domain/money';
import { recordAudit } from '../../db/repositories/audit';
import { listRates, saveRateVersioned } from '../../db/repositories/cases';
import { translate } from '../../shared/i18n/translate';
import type { AppDeps } from '../context';
import { authorize } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';

export interface RateJson {
  code: string;
  name: string;
  source: string | null;
  periods: { from: string; to: string | null; amount: number }[];
  /** Send it back when saving a change; a stale version is refused (409). */
  version: number;
}

/** The dated rates (e.g. KL's foster-family fee units) with their periods in kroner. */
export async function listRatesJson(deps: AppDeps, actor: Actor): Promise<RateJson[]> {
  authorize(actor, 'case.read');
  return (await listRates(deps.db)).map((r) => ({
    code: r.code,
    name: r.name,
    source: r.source,
    periods: r.periods.map((p) => ({ from: p.from, to: p.to, amount: toKroner(p.amountOre) })),
    version: r.version,
  }));
}

/**
 * Stores a rate with all its dated periods, replacing a stored rate of the same code. The
 * periods are checked with the import's rules (dates, order, no overlap, two decimals); paths
 * are `periods.1.from`. Those who import cases (økonomikonsulenter, administrators) may.
 * A new code is saved without `version`; a change names the version it was based on, and a
 * stale or missing version is refused with who changed the rate last (nothing is stored).
 */
export async function saveRate(
  deps: AppDeps,
  actor: Actor,
  input: RawRate & { version?: number | undefined },
  requestId: string,
): Promise<RateJson> {
  authorize(actor, 'case.import');
  const { version: basedOn, ...raw } = input;
  const read = readCasesDocument({ format: CASES_FORMAT, rates: [raw], cases: [] });
  if (!read.ok) {
    throw validationError(
      read.issues.map((i) => ({ ...i, path: i.path.replace(/^rates\.0\./, '') })),
    );
  }
  const [rate] = read.rates;
  if (!rate) throw validationError([]);
  return deps.db.transaction(async (tx) => {
    const before = (await listRates(tx)).find((r) => r.code === rate.code) ?? null;
    const version = await saveRateVersioned(tx, rate, basedOn ?? null);
    if (version === null) {
      throw await versionConflict(
        tx,
        'case_rate',
        rate.code,
        translate('cases.rates.rateObject', { code: rate.code }),
      );
    }
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
      version,
    };
  });
}

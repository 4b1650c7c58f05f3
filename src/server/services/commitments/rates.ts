/** The price lists of the commitments: dated rates, and the reimbursement thresholds beside them. */
import type { Actor } from '../../../domain/access';
import { CASES_FORMAT, readCasesDocument, type RawRate } from '../../../domain/cases';
import { kronerFromJsonNumber, toKroner, type Ore } from '../../../domain/money';
import { formatDanishDate, parseIsoDate, type IsoDate } from '../../../domain/months';
import { recordAudit } from '../../../db/repositories/audit';
import { listRates, saveRateVersioned } from '../../../db/repositories/cases';
import {
  listReimbursementThresholds,
  saveReimbursementThresholds,
} from '../../../db/repositories/commitments';
import { translate } from '../../../shared/i18n/translate';
import type { AppDeps } from '../../context';
import { authorize } from '../../policies/policy';
import type { FieldIssue } from '../../errors';
import { validationError } from '../../validation';
import { versionConflict } from '../audit-service';

export interface RateJson {
  code: string;
  name: string;
  source: string | null;
  periods: { from: string | null; to: string | null; amount: number }[];
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
    const version = await saveRateVersioned(tx, rate, basedOn ?? null, deps.now());
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

export interface ThresholdsJson {
  validFrom: string;
  t25: number;
  t50: number;
  t75: number;
  source: string;
  /** Send it back when saving a change; a stale version is refused (409). */
  version: number;
}

/** The dated reimbursement thresholds (anyone who may read commitments may see them). */
export async function listThresholds(deps: AppDeps, actor: Actor): Promise<ThresholdsJson[]> {
  authorize(actor, 'commitment.read');
  return (await listReimbursementThresholds(deps.db)).map((t) => ({
    validFrom: t.validFrom,
    t25: toKroner(t.t25Ore),
    t50: toKroner(t.t50Ore),
    t75: toKroner(t.t75Ore),
    source: t.source,
    version: t.version,
  }));
}

/**
 * An administrator enters the regulated thresholds valid from a date, with their source; the
 * three must be in rising order. Audited with the thresholds before and after. New dates are
 * saved without `version`; a change names the version it was based on, and a stale or missing
 * version is refused with who changed the thresholds last (nothing is stored).
 */
export async function saveThresholds(
  deps: AppDeps,
  actor: Actor,
  input: {
    validFrom: string;
    t25: number;
    t50: number;
    t75: number;
    source: string;
    version?: number | undefined;
  },
  requestId: string,
): Promise<ThresholdsJson> {
  authorize(actor, 'settings.write');
  const issues: FieldIssue[] = [];
  const amount = (field: 't25' | 't50' | 't75'): Ore => {
    const r = kronerFromJsonNumber(input[field]);
    if (!r.ok || r.value < 0) {
      issues.push({
        path: field,
        code: 'invalid_amount',
        message: translate('cases.rates.problems.amount'),
      });
      return 0 as Ore;
    }
    return r.value;
  };
  const t = {
    validFrom: input.validFrom as IsoDate,
    t25Ore: amount('t25'),
    t50Ore: amount('t50'),
    t75Ore: amount('t75'),
    source: input.source.trim(),
  };
  if (!parseIsoDate(input.validFrom)) {
    issues.push({
      path: 'validFrom',
      code: 'invalid_date',
      message: translate('validation.invalid_date'),
    });
  }
  if (!t.source)
    issues.push({
      path: 'source',
      code: 'required',
      message: translate('cases.rates.problems.source'),
    });
  if (issues.length === 0 && !(t.t25Ore <= t.t50Ore && t.t50Ore <= t.t75Ore)) {
    issues.push({
      path: 't50',
      code: 'order',
      message: translate('cases.rates.problems.order'),
    });
  }
  if (issues.length) throw validationError(issues);
  const version = await deps.db.transaction(async (tx) => {
    const before = (await listReimbursementThresholds(tx)).find((x) => x.validFrom === t.validFrom);
    const saved = await saveReimbursementThresholds(tx, t, input.version ?? null);
    if (saved === null) {
      throw await versionConflict(
        tx,
        'reimbursement_thresholds',
        t.validFrom,
        translate('cases.rates.thresholdsObject', { date: formatDanishDate(t.validFrom) }),
      );
    }
    await recordAudit(
      tx,
      actor,
      {
        action: before ? 'update' : 'create',
        objectType: 'reimbursement_thresholds',
        objectId: t.validFrom,
        before,
        after: t,
      },
      requestId,
    );
    return saved;
  });
  return {
    validFrom: t.validFrom,
    t25: toKroner(t.t25Ore),
    t50: toKroner(t.t50Ore),
    t75: toKroner(t.t75Ore),
    source: t.source,
    version,
  };
}

import { kronerFromJsonNumber, toKroner, type Ore } from '../money';
import { parseIsoDate, type IsoDate } from '../months';
import { firstPaymentDay } from './payments';
import {
  isCategoryCode,
  type CaseRecord,
  type Frequency,
  type Intervention,
  type PaymentPlan,
  type Rate,
} from './types';

/** The interchange format `overblik/cases@1` as parsed JSON: amounts in kroner, dates as text. */
export const CASES_FORMAT = 'overblik/cases@1';

export interface RawPayment {
  type: 'running' | 'one-time' | 'individual';
  frequency?: Frequency | null | undefined;
  dayOfMonth?: number | null | undefined;
  date?: string | null | undefined;
  amount?: number | null | undefined;
  units?: number | null | undefined;
  rate?: string | null | undefined;
  payments?: { date: string; amount: number }[] | null | undefined;
  /** running monthly only: part months pay pro rata (default false) */
  proRata?: boolean | null | undefined;
}

/** An ending decided after the intervention (optional; documents without it behave as before). */
export interface RawEnding {
  endDate: string;
  decidedOn: string;
  by?: string | null | undefined;
  removed?: boolean | null | undefined;
}

export interface RawIntervention {
  ref: string;
  kind: 'main' | 'supplementary';
  status: 'draft' | 'expected' | 'granted';
  modifies?: string | null | undefined;
  decidedOn: string;
  category: string;
  paragraph?: string | null | undefined;
  provider: { name: string; external: boolean };
  accountFunction: string;
  startDate: string;
  endDate?: string | null | undefined;
  followOn?: boolean | null | undefined;
  payment: RawPayment;
  /** granted: the day of the grant when later than `decidedOn` (optional) */
  grantedOn?: string | null | undefined;
  /** endings decided after the intervention (optional) */
  endings?: RawEnding[] | null | undefined;
}

export interface RawCase {
  ref: string;
  household: string;
  unit: string;
  person: { ref: string; birthDate?: string | null | undefined };
  interventions: RawIntervention[];
}

export interface RawRate {
  code: string;
  name: string;
  source?: string | null | undefined;
  periods: { from?: string | null | undefined; to?: string | null | undefined; amount: number }[];
}

export interface RawCasesDocument {
  format: string;
  rates?: RawRate[] | undefined;
  cases: RawCase[];
}

/** A problem with one field of a document: dotted path, stable code, Danish message. */
export interface DocumentIssue {
  path: string;
  code: string;
  message: string;
}

const MESSAGES = {
  invalid_date: 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).',
  end_before_start: 'Slutdatoen ligger før startdatoen.',
  day_of_month: 'Dag i måneden skal være et helt tal fra 1 til 31.',
  frequency_missing:
    'En løbende ydelse skal have en hyppighed (daily, weekly, biweekly eller monthly).',
  no_payment: 'Betalingsplanen giver ingen betaling mellem start- og slutdato.',
  amount_missing: 'Angiv enten et beløb eller antal enheder og en takst.',
  amount_and_rate: 'Angiv enten et beløb eller antal enheder og en takst, ikke begge.',
  too_many_decimals: 'Beløbet må højst have to decimaler.',
  not_a_number: 'Skal være et tal.',
  too_large: 'Beløbet er for stort.',
  units_decimals: 'Antal enheder må højst have to decimaler.',
  unknown_rate: 'Taksten findes ikke.',
  unknown_category:
    'Kategorien findes ikke. Brug en af kategoriernes koder (fx eftervaern, familiebehandling, anbringelse-plejefamilie; se formatbeskrivelsen).',
  modifies_other_case: 'Indsatsen, der justeres, hører til en anden sag.',
  modifies_unknown: 'Indsatsen, der justeres, findes ikke i sagen.',
  circular_adjustment: 'Justeringerne danner en ring: en indsats justerer sig selv gennem kæden.',
  duplicate_case: 'Sagsreferencen findes flere gange i dokumentet.',
  duplicate_intervention: 'Indsatsreferencen findes flere gange i sagen.',
  duplicate_rate: 'Takstkoden findes flere gange i dokumentet.',
  period_order: 'Periodens slutdato skal ligge efter dens startdato.',
  period_overlap: 'Perioden overlapper en anden periode for samme takst.',
  payments_missing: 'En individuel betalingsplan skal have mindst én betaling.',
  granted_before_decided: 'Bevillingsdatoen ligger før indsatsen blev besluttet.',
  granted_not_granted: 'Kun en bevilget indsats har en bevillingsdato.',
  ending_before_decided: 'Afslutningen er besluttet før indsatsen selv.',
  ending_unknown_by: 'Indsatsen, der afsluttede denne, findes ikke i sagen.',
  pro_rata_monthly: 'Forholdsmæssig betaling gælder kun løbende månedlige ydelser.',
} as const;
export type DocumentIssueCode = keyof typeof MESSAGES;

export type ReadResult =
  { ok: true; cases: CaseRecord[]; rates: Rate[] } | { ok: false; issues: DocumentIssue[] };

/** Which running plans must pay at least once (`no_payment` otherwise). */
export interface ReadOptions {
  /**
   * The intervention a user entered on screen (`cases.{case}.interventions.{intervention}`):
   * a running plan of it that pays nothing between its start and end is refused as a likely
   * typo. The format itself allows such a plan (monthly on the 1st from the 11th to the 17th
   * pays nothing), so an import and the rest of a stored case take it as it is.
   */
  entered?: { case: number; intervention: number } | null;
}

/**
 * Checks a cases document against the format's rules and converts it to øre: every problem is
 * reported with its path (`cases.0.interventions.2.payment.dayOfMonth`) and a Danish message.
 * `storedRateCodes` are rate codes already known besides the document's own.
 */
export function readCasesDocument(
  raw: RawCasesDocument,
  storedRateCodes: ReadonlySet<string> = new Set(),
  options: ReadOptions = {},
): ReadResult {
  const issues: DocumentIssue[] = [];
  const issue = (path: string, code: DocumentIssueCode) =>
    issues.push({ path, code, message: MESSAGES[code] });
  const date = (
    path: string,
    text: string | null | undefined,
    nullable: boolean,
  ): IsoDate | null => {
    if (text === null || text === undefined) {
      if (!nullable) issue(path, 'invalid_date');
      return null;
    }
    const d = parseIsoDate(text);
    if (!d) issue(path, 'invalid_date');
    return d;
  };
  const amount = (path: string, value: unknown): Ore | null => {
    const r = kronerFromJsonNumber(value);
    if (r.ok) return r.value;
    issue(
      path,
      r.reason === 'not-a-number'
        ? 'not_a_number'
        : r.reason === 'too-many-decimals'
          ? 'too_many_decimals'
          : 'too_large',
    );
    return null;
  };

  const rates: Rate[] = [];
  const rateCodes = new Set<string>();
  (raw.rates ?? []).forEach((r, ri) => {
    if (rateCodes.has(r.code)) issue(`rates.${ri}.code`, 'duplicate_rate');
    rateCodes.add(r.code);
    const periods = r.periods.map((p, pi) => {
      const base = `rates.${ri}.periods.${pi}`;
      // `null` (or left out) is open: in force from the beginning (the format's [from, to))
      const from = date(`${base}.from`, p.from, true);
      const to = date(`${base}.to`, p.to, true);
      if (from && to && to <= from) issue(`${base}.to`, 'period_order');
      const a = amount(`${base}.amount`, p.amount);
      return { from, to, amountOre: a ?? (0 as Ore) };
    });
    const sorted = periods
      .map((p, i) => ({ p, i }))
      .sort((a, b) => ((a.p.from ?? '') < (b.p.from ?? '') ? -1 : 1));
    for (let k = 1; k < sorted.length; k += 1) {
      const prev = sorted[k - 1];
      const cur = sorted[k];
      if (prev && cur && (prev.p.to === null || cur.p.from === null || prev.p.to > cur.p.from)) {
        issue(`rates.${ri}.periods.${cur.i}.from`, 'period_overlap');
      }
    }
    rates.push({
      code: r.code,
      name: r.name,
      source: r.source ?? null,
      periods: sorted.map((s) => s.p),
    });
  });
  const knownRates = new Set([...rateCodes, ...storedRateCodes]);

  const caseOfRef = new Map<string, number>();
  raw.cases.forEach((c, ci) => {
    for (const i of c.interventions) if (!caseOfRef.has(i.ref)) caseOfRef.set(i.ref, ci);
  });

  const caseRefs = new Set<string>();
  const cases: CaseRecord[] = raw.cases.map((c, ci) => {
    const cbase = `cases.${ci}`;
    if (caseRefs.has(c.ref)) issue(`${cbase}.ref`, 'duplicate_case');
    caseRefs.add(c.ref);
    const birthDate = date(`${cbase}.person.birthDate`, c.person.birthDate, true);
    const refs = new Set<string>();
    const interventions: Intervention[] = c.interventions.map((i, ii) => {
      const base = `${cbase}.interventions.${ii}`;
      if (refs.has(i.ref)) issue(`${base}.ref`, 'duplicate_intervention');
      refs.add(i.ref);
      const decidedOn = date(`${base}.decidedOn`, i.decidedOn, false);
      const startDate = date(`${base}.startDate`, i.startDate, false);
      const endDate = date(`${base}.endDate`, i.endDate, true);
      if (startDate && endDate && endDate < startDate) issue(`${base}.endDate`, 'end_before_start');
      if (!isCategoryCode(i.category)) issue(`${base}.category`, 'unknown_category');
      const payment = readPayment(`${base}.payment`, i.payment);
      const entered = options.entered?.case === ci && options.entered.intervention === ii;
      if (
        entered &&
        startDate &&
        (!endDate || endDate >= startDate) &&
        payment?.type === 'running'
      ) {
        if (firstPaymentDay(payment, startDate, endDate) === null)
          issue(`${base}.payment`, 'no_payment');
      }
      const out: Intervention = {
        ref: i.ref,
        kind: i.kind,
        status: i.status,
        modifies: i.modifies ?? null,
        decidedOn: decidedOn ?? ('1970-01-01' as IsoDate),
        category: i.category,
        paragraph: i.paragraph ?? '',
        provider: { name: i.provider.name, external: i.provider.external },
        accountFunction: i.accountFunction,
        startDate: startDate ?? ('1970-01-01' as IsoDate),
        endDate,
        followOn: i.followOn ?? false,
        payment: payment ?? { type: 'one-time', amountOre: 0 as Ore },
      };
      const grantedOn = date(`${base}.grantedOn`, i.grantedOn, true);
      if (grantedOn) {
        if (i.status !== 'granted') issue(`${base}.grantedOn`, 'granted_not_granted');
        else if (decidedOn && grantedOn < decidedOn)
          issue(`${base}.grantedOn`, 'granted_before_decided');
        else if (decidedOn && grantedOn > decidedOn) out.grantedOn = grantedOn;
      }
      const endings = (i.endings ?? []).map((e, ei) => {
        const ebase = `${base}.endings.${ei}`;
        const end = date(`${ebase}.endDate`, e.endDate, false);
        const on = date(`${ebase}.decidedOn`, e.decidedOn, false);
        if (on && decidedOn && on < decidedOn) issue(`${ebase}.decidedOn`, 'ending_before_decided');
        const by = e.by ?? null;
        if (by !== null && !c.interventions.some((x) => x.ref === by))
          issue(`${ebase}.by`, 'ending_unknown_by');
        return {
          endDate: end ?? ('1970-01-01' as IsoDate),
          decidedOn: on ?? ('1970-01-01' as IsoDate),
          by,
          removed: e.removed === true,
        };
      });
      if (endings.length > 0) out.endings = endings;
      return out;
    });
    // adjustments: same case, no cycles
    const byRef = new Map(c.interventions.map((i, ii) => [i.ref, ii]));
    c.interventions.forEach((i, ii) => {
      const m = i.modifies ?? null;
      if (m === null) return;
      const path = `${cbase}.interventions.${ii}.modifies`;
      if (!byRef.has(m)) {
        const other = caseOfRef.get(m);
        issue(
          path,
          other !== undefined && other !== ci ? 'modifies_other_case' : 'modifies_unknown',
        );
        return;
      }
      const seen = new Set<string>([i.ref]);
      let cur: string | null = m;
      while (cur !== null) {
        if (seen.has(cur)) {
          if (cur === i.ref) issue(path, 'circular_adjustment');
          break;
        }
        seen.add(cur);
        const idx = byRef.get(cur);
        cur = idx === undefined ? null : (c.interventions[idx]?.modifies ?? null);
      }
    });
    return {
      ref: c.ref,
      household: c.household,
      unit: c.unit,
      person: { ref: c.person.ref, birthDate },
      interventions,
    };
  });

  function readPayment(base: string, p: RawPayment): PaymentPlan | null {
    const before = issues.length;
    const plan: PaymentPlan = { type: p.type };
    if (p.proRata === true) {
      if (p.type !== 'running' || p.frequency !== 'monthly')
        issue(`${base}.proRata`, 'pro_rata_monthly');
      else plan.proRata = true;
    }
    if (p.type === 'running') {
      if (!p.frequency) issue(`${base}.frequency`, 'frequency_missing');
      plan.frequency = p.frequency ?? null;
      if (p.frequency === 'monthly') {
        const dom = p.dayOfMonth;
        if (typeof dom !== 'number' || !Number.isInteger(dom) || dom < 1 || dom > 31) {
          issue(`${base}.dayOfMonth`, 'day_of_month');
        } else plan.dayOfMonth = dom;
      }
    }
    if (p.type === 'one-time') plan.date = date(`${base}.date`, p.date, true);
    if (p.type === 'individual') {
      const list = p.payments ?? [];
      if (list.length === 0) issue(`${base}.payments`, 'payments_missing');
      plan.payments = list.map((x, k) => ({
        date: date(`${base}.payments.${k}.date`, x.date, false) ?? ('1970-01-01' as IsoDate),
        amountOre: amount(`${base}.payments.${k}.amount`, x.amount) ?? (0 as Ore),
      }));
    } else {
      const hasAmount = p.amount !== undefined && p.amount !== null;
      const hasRate =
        (p.rate !== undefined && p.rate !== null) || (p.units !== undefined && p.units !== null);
      if (hasAmount && hasRate) issue(`${base}.amount`, 'amount_and_rate');
      else if (!hasAmount && !hasRate) issue(`${base}.amount`, 'amount_missing');
      else if (hasAmount) plan.amountOre = amount(`${base}.amount`, p.amount);
      else {
        if (!p.rate) issue(`${base}.rate`, 'unknown_rate');
        else if (!knownRates.has(p.rate)) issue(`${base}.rate`, 'unknown_rate');
        plan.rate = p.rate ?? null;
        const u = p.units;
        if (typeof u !== 'number' || !Number.isFinite(u)) issue(`${base}.units`, 'not_a_number');
        else if (!/^-?\d+(\.\d{1,2})?$/.test(String(u))) issue(`${base}.units`, 'units_decimals');
        else plan.units = u;
      }
    }
    return issues.length === before ? plan : null;
  }

  return issues.length ? { ok: false, issues } : { ok: true, cases, rates };
}

/** Writes cases and rates back in the interchange format (kroner, `YYYY-MM-DD`). */
export function writeCasesDocument(
  cases: readonly CaseRecord[],
  rates: readonly Rate[],
): RawCasesDocument & { format: typeof CASES_FORMAT } {
  return {
    format: CASES_FORMAT,
    rates: rates.map((r) => ({
      code: r.code,
      name: r.name,
      source: r.source,
      periods: r.periods.map((p) => ({ from: p.from, to: p.to, amount: toKroner(p.amountOre) })),
    })),
    cases: cases.map((c) => ({
      ref: c.ref,
      household: c.household,
      unit: c.unit,
      person: { ref: c.person.ref, birthDate: c.person.birthDate },
      interventions: c.interventions.map((i) => ({
        ref: i.ref,
        kind: i.kind,
        status: i.status,
        modifies: i.modifies,
        decidedOn: i.decidedOn,
        category: i.category,
        paragraph: i.paragraph,
        provider: { ...i.provider },
        accountFunction: i.accountFunction,
        startDate: i.startDate,
        endDate: i.endDate,
        followOn: i.followOn,
        payment: writePayment(i.payment),
        // granted as decided leaves it out (the format's rule), so the reader gives the same back
        ...(i.grantedOn && i.grantedOn > i.decidedOn ? { grantedOn: i.grantedOn } : {}),
        ...(i.endings?.length
          ? {
              endings: i.endings.map((e) => ({
                endDate: e.endDate,
                decidedOn: e.decidedOn,
                by: e.by,
                removed: e.removed,
              })),
            }
          : {}),
      })),
    })),
  };
}

function writePayment(p: PaymentPlan): RawPayment {
  const out: RawPayment = { type: p.type };
  if (p.type === 'running') {
    out.frequency = p.frequency ?? null;
    if (p.frequency === 'monthly') out.dayOfMonth = p.dayOfMonth ?? null;
  }
  if (p.type === 'one-time') out.date = p.date ?? null;
  if (p.type === 'individual') {
    out.payments = (p.payments ?? []).map((x) => ({ date: x.date, amount: toKroner(x.amountOre) }));
  } else if (p.amountOre !== undefined && p.amountOre !== null) {
    out.amount = toKroner(p.amountOre);
  } else {
    out.units = p.units ?? null;
    out.rate = p.rate ?? null;
  }
  if (p.proRata) out.proRata = true;
  return out;
}

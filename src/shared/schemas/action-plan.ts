import { z } from 'zod';
import { ACTS_ON_KINDS, type ActsOn, type ActsOnKind } from '../../domain/action-plan/acts-on';
import type { OverspendSource, OverspendSources } from '../../domain/action-plan/forecast-link';
import { MONTHS_IN_PLAN, type ActionPlan, type PlanArea } from '../../domain/action-plan/plan';
import {
  MAX_ABS_ORE,
  kronerFromJsonNumber,
  oreFromKroner,
  toKroner,
  type Ore,
} from '../../domain/money';
import { DANISH_MONTH_NAMES } from '../../domain/months';
import type {
  ActionPlanChangeSchema,
  ActionPlanListItemSchema,
  ActionPlanResponseSchema,
  ActionPlanVersionItemSchema,
  ActsOnOptionsSchema,
  PlanIssueSchema,
  PlanMeasurementSchema,
} from './action-plan-answers';
import { IsoDateText } from './dates';
import { KRONER_REFUSED, KronerInputSchema as KronerSchema } from './money';
import { FreeText, refuseUnstorableText } from './text';

/**
 * The action plan interchange format, version 1 (docs/formats.md): one JSON document per plan,
 * amounts in kroner with at most two decimals. Shared by the server (validation) and the web
 * app (types, conversion). Messages are Danish; the route prefixes them with the field's name.
 */
export const ACTION_PLAN_FORMAT = 'overblik/action-plan@1';

const text = (max: number) => FreeText.max(max, `Må højst være ${max} tegn.`).nullish();

const isoDate = IsoDateText.nullish();

/** The plan's year: 2000 to 2100. */
const yearField = z
  .number({
    error: (iss) => (iss.input === undefined ? 'Skal udfyldes.' : 'Skal være et årstal.'),
  })
  .int('Skal være et årstal.')
  .min(2000, 'Skal være et årstal fra 2000 til 2100.')
  .max(2100, 'Skal være et årstal fra 2000 til 2100.');

/** The causes of the overspend, one text each. */
const causesField = z.array(FreeText.max(2000)).max(100).nullish();

const PersonSchema = z.object({ name: text(300), responsible: text(300) }).nullish();

const months = <T extends z.ZodType>(item: T) =>
  z
    .array(item, { error: `Skal være en liste med ${MONTHS_IN_PLAN} beløb (januar–december).` })
    .length(MONTHS_IN_PLAN, `Skal have præcis ${MONTHS_IN_PLAN} måneder (januar–december).`);

export const ActionPlanAreaSchema = z.object({
  number: z
    .number({ error: 'Skal være et helt tal.' })
    .int('Skal være et helt tal.')
    .min(1, 'Skal være mindst 1.')
    .max(999, 'Må højst være 999.'),
  title: text(500),
  goal: text(20_000),
  targetAmount: KronerSchema.nullish(),
  action: text(20_000),
  consequences: text(20_000),
  monthlyEffect: months(KronerSchema),
  /** Extension of version 1: realised effect per month (null = not recorded). */
  realisedEffect: months(KronerSchema.nullable()).nullish(),
  /**
   * Extension of version 1: what the area acts on ("Virker på"); its realised effect is then
   * measured from the commitments (docs/formats.md). The server checks the value.
   */
  actsOn: z
    .object({
      kind: z.enum(ACTS_ON_KINDS as [ActsOnKind, ...ActsOnKind[]], {
        error: 'Skal være category_group, provider, account_function eller unit.',
      }),
      value: FreeText.trim().min(1, 'Skal udfyldes.').max(100, 'Må højst være 100 tegn.'),
    })
    .nullish(),
});

const SourceSchema = z
  .looseObject({
    kind: z
      .enum(['forecast', 'override', 'manual'], {
        error: 'Skal være forecast, override eller manual.',
      })
      .nullish(),
    reason: FreeText.max(2000, 'Må højst være 2000 tegn.').nullish(),
  })
  .nullish();

const documentShape = {
  format: z.literal(ACTION_PLAN_FORMAT, { error: `Skal være "${ACTION_PLAN_FORMAT}".` }),
  title: z
    .string({ error: (iss) => (iss.input === undefined ? 'Skal udfyldes.' : 'Skal være tekst.') })
    .superRefine(refuseUnstorableText)
    .trim()
    .min(1, 'Skal udfyldes.')
    .max(300, 'Må højst være 300 tegn.'),
  year: yearField,
  center: PersonSchema,
  unit: PersonSchema,
  startedOn: isoDate,
  updatedOn: isoDate,
  cause: text(20_000),
  causes: causesField,
  areas: z
    .array(ActionPlanAreaSchema, {
      error: (iss) =>
        iss.input === undefined ? 'Skal udfyldes (en liste, evt. tom).' : 'Skal være en liste.',
    })
    .max(100, 'Højst 100 indsatsområder.'),
  expectedOverspend: z
    .object({
      atStart: KronerSchema.nullish(),
      atLastUpdate: KronerSchema.nullish(),
      afterThisUpdate: KronerSchema.nullish(),
    })
    .nullish(),
  /**
   * Extension of version 1: where the figures come from (see docs/formats.md). On writes only
   * `kind` and `reason` are read: a reason makes the given figure an override of the forecast;
   * 'forecast' (or no kind and no figure) has the server fill it from the forecast when the
   * unit has one for the year; otherwise the figure is kept as typed ('manual').
   */
  overspendSources: z
    .object({ atStart: SourceSchema, afterThisUpdate: SourceSchema })
    .partial()
    .nullish(),
};

/**
 * Area numbers are unique within a plan, and every total (per area, per month and in all) stays
 * within the largest amount the product keeps (10^13 kr.), so sums can never overflow.
 */
function checkAreas(
  doc: {
    areas: { number: number; monthlyEffect: number[]; realisedEffect?: (number | null)[] | null }[];
  },
  ctx: z.RefinementCtx,
): void {
  checkRealisedTotals(doc, ctx);
  const seen = new Set<number>();
  const ore = (v: number) => {
    const r = kronerFromJsonNumber(v);
    return r.ok ? r.value : 0;
  };
  let grand = 0;
  const byMonth = Array.from({ length: MONTHS_IN_PLAN }, () => 0);
  doc.areas.forEach((area, index) => {
    if (seen.has(area.number)) {
      ctx.addIssue({
        code: 'custom',
        path: ['areas', index, 'number'],
        message: `Nummer ${area.number} er brugt af et andet indsatsområde; numrene skal være forskellige.`,
      });
    }
    seen.add(area.number);
    let total = 0;
    area.monthlyEffect.forEach((v, m) => {
      total += ore(v);
      byMonth[m] = (byMonth[m] ?? 0) + ore(v);
    });
    grand += total;
    if (Math.abs(total) > MAX_ABS_ORE) {
      ctx.addIssue({
        code: 'custom',
        path: ['areas', index, 'monthlyEffect'],
        message: KRONER_REFUSED['too-large'].replace('Beløbet', 'Summen af månederne'),
      });
    }
  });
  if (Math.abs(grand) > MAX_ABS_ORE || byMonth.some((v) => Math.abs(v) > MAX_ABS_ORE)) {
    ctx.addIssue({
      code: 'custom',
      path: ['areas'],
      message: KRONER_REFUSED['too-large'].replace('Beløbet', 'Summen af indsatsområderne'),
    });
  }
}

/** Realised effects summed over all areas and months stay within 10^13 kr. */
function checkRealisedTotals(
  doc: { areas: { realisedEffect?: (number | null)[] | null }[] },
  ctx: z.RefinementCtx,
): void {
  let total = 0;
  for (const area of doc.areas) {
    for (const v of area.realisedEffect ?? []) {
      const r = v === null ? null : kronerFromJsonNumber(v);
      if (r?.ok) total += Math.abs(r.value);
    }
  }
  if (total > MAX_ABS_ORE) {
    ctx.addIssue({
      code: 'custom',
      path: ['areas'],
      message: KRONER_REFUSED['too-large'].replace('Beløbet', 'Summen af den realiserede effekt'),
    });
  }
}

/** The document as POST /api/action-plans and an import accept it. */
export const ActionPlanDocumentSchema = z.object(documentShape).superRefine(checkAreas);

const versionField = z
  .number({
    error: (iss) =>
      iss.input === undefined
        ? 'Skal udfyldes med den version, ændringen bygger på.'
        : 'Skal være et helt tal.',
  })
  .int('Skal være et helt tal.')
  .min(1, 'Skal være mindst 1.');
const commentField = FreeText.max(2000, 'Må højst være 2000 tegn.').nullish();

/** PUT /api/action-plans/{id}: the document plus the version it was based on and a comment. */
export const ActionPlanUpdateSchema = z
  .object({ ...documentShape, version: versionField, comment: commentField })
  .superRefine(checkAreas);

export const ActionPlanStatusSchema = z.object({
  status: z.enum(['draft', 'active', 'closed'], { error: 'Skal være draft, active eller closed.' }),
  version: versionField,
  comment: commentField,
});

export const RealisationSchema = z
  .object({
    version: versionField,
    comment: commentField,
    areas: z
      .array(
        z.object({
          number: z.number({ error: 'Skal være et helt tal.' }).int('Skal være et helt tal.'),
          realisedEffect: months(KronerSchema.nullable()),
        }),
      )
      .max(100),
  })
  .superRefine(checkRealisedTotals);

export const DraftRequestSchema = z.object({
  year: yearField,
  expectedOverspend: KronerSchema.nullish(),
  causes: causesField,
});

export const ExpectedOverspendSchema = z.object({
  year: yearField,
  amount: KronerSchema,
  causes: causesField,
});

export type ActionPlanDocument = z.input<typeof ActionPlanDocumentSchema>;
export type ActionPlanAreaDocument = z.input<typeof ActionPlanAreaSchema>;

/** A Danish name for a field path of the document, for messages: `areas.2.monthlyEffect.12`. */
export function describeField(path: string): string {
  const parts = path.split('.');
  const names: Record<string, string> = {
    format: 'Format',
    title: 'Titel',
    year: 'År',
    center: 'Center',
    unit: 'Virksomhed/område',
    name: 'navn',
    responsible: 'ansvarlig',
    startedOn: 'Opstart af handleplan',
    updatedOn: 'Opdateret',
    cause: 'Årsag til merforbrug',
    causes: 'Årsager',
    areas: 'Indsatsområder',
    number: 'nummer',
    goal: 'konkrete mål',
    targetAmount: 'målbeløb',
    action: 'handling og indsats',
    consequences: 'konsekvenser',
    monthlyEffect: 'økonomisk effekt',
    realisedEffect: 'realiseret effekt',
    actsOn: 'virker på',
    kind: 'type',
    value: 'værdi',
    expectedOverspend: 'Forventet merforbrug',
    atStart: 'ved opstart',
    atLastUpdate: 'ved sidste opdatering',
    afterThisUpdate: 'efter denne opdatering',
    version: 'Version',
    overspendSources: 'Kilde til forventet merforbrug',
    reason: 'begrundelse',
  };
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const previous = parts[i - 1];
    if (/^\d+$/.test(part)) {
      const n = Number(part);
      if (previous === 'areas') out[out.length - 1] = `Indsatsområde i række ${n + 1}`;
      else if (previous === 'monthlyEffect' || previous === 'realisedEffect')
        out.push(DANISH_MONTH_NAMES[n] ?? `måned ${n + 1}`);
      else out.push(`nr. ${n + 1}`);
    } else {
      out.push(names[part] ?? (part === 'title' ? 'titel' : part));
    }
  }
  const label = out.join(', ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const nullableOre = (v: number | null | undefined): Ore | null =>
  v === null || v === undefined ? null : oreFromKroner(v);
const blankToNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null ? null : v;

/** A validated document to the domain plan (amounts to øre, missing values to null). */
export function documentToPlan(doc: ActionPlanDocument): ActionPlan {
  return {
    title: doc.title.trim(),
    year: doc.year,
    center: {
      name: blankToNull(doc.center?.name),
      responsible: blankToNull(doc.center?.responsible),
    },
    unit: { name: blankToNull(doc.unit?.name), responsible: blankToNull(doc.unit?.responsible) },
    startedOn: blankToNull(doc.startedOn),
    updatedOn: blankToNull(doc.updatedOn),
    cause: blankToNull(doc.cause),
    causes: doc.causes ?? [],
    areas: doc.areas.map((a): PlanArea => ({
      number: a.number,
      title: blankToNull(a.title),
      goal: blankToNull(a.goal),
      targetAmount: nullableOre(a.targetAmount),
      action: blankToNull(a.action),
      consequences: blankToNull(a.consequences),
      monthlyEffect: a.monthlyEffect.map(oreFromKroner),
      realisedEffect: a.realisedEffect
        ? a.realisedEffect.map(nullableOre)
        : Array.from({ length: MONTHS_IN_PLAN }, () => null),
      actsOn: a.actsOn ? { kind: a.actsOn.kind, value: a.actsOn.value } : null,
    })),
    expectedOverspend: {
      atStart: nullableOre(doc.expectedOverspend?.atStart),
      atLastUpdate: nullableOre(doc.expectedOverspend?.atLastUpdate),
      afterThisUpdate: nullableOre(doc.expectedOverspend?.afterThisUpdate),
    },
    // Only the requested kind and the reason are taken from a document; the server settles them.
    overspendSources: {
      atStart: requestedSource(doc.overspendSources?.atStart),
      afterThisUpdate: requestedSource(doc.overspendSources?.afterThisUpdate),
    },
  };
}

/** The source a writer asks for, to be settled by the server: a reason makes it an override. */
function requestedSource(
  given: { kind?: OverspendSource['kind'] | null; reason?: string | null } | null | undefined,
): OverspendSource | null {
  const reason = given?.reason?.trim() ? given.reason.trim() : null;
  const kind = reason ? 'override' : (given?.kind ?? null);
  if (kind === null || kind === 'override') {
    return reason ? { kind: 'override', asOf: null, forecast: null, reason } : null;
  }
  return { kind, asOf: null, forecast: null, reason: null };
}

const kroner = (v: Ore | null): number | null => (v === null ? null : toKroner(v));

const sourceOut = (s: OverspendSource | null) =>
  s === null
    ? null
    : { kind: s.kind, asOf: s.asOf, forecast: kroner(s.forecast), reason: s.reason };

/** The domain plan as an interchange document (amounts in kroner). */
export function planToDocument(plan: ActionPlan) {
  return {
    format: ACTION_PLAN_FORMAT,
    title: plan.title,
    year: plan.year,
    center: { ...plan.center },
    unit: { ...plan.unit },
    startedOn: plan.startedOn,
    updatedOn: plan.updatedOn,
    cause: plan.cause,
    causes: [...plan.causes],
    areas: plan.areas.map((a) => ({
      number: a.number,
      title: a.title,
      goal: a.goal,
      targetAmount: kroner(a.targetAmount),
      action: a.action,
      consequences: a.consequences,
      monthlyEffect: a.monthlyEffect.map(toKroner),
      realisedEffect: a.realisedEffect.map(kroner),
      actsOn: actsOnOut(a.actsOn),
    })),
    expectedOverspend: {
      atStart: kroner(plan.expectedOverspend.atStart),
      atLastUpdate: kroner(plan.expectedOverspend.atLastUpdate),
      afterThisUpdate: kroner(plan.expectedOverspend.afterThisUpdate),
    },
    overspendSources: sourcesOut(plan.overspendSources),
  };
}

const actsOnOut = (a: ActsOn | null | undefined): ActsOn | null =>
  a ? { kind: a.kind, value: a.value } : null;

function sourcesOut(s: OverspendSources) {
  return { atStart: sourceOut(s.atStart), afterThisUpdate: sourceOut(s.afterThisUpdate) };
}

export type ActionPlanDocumentOut = ReturnType<typeof planToDocument>;

/** A problem with the plan, its message in Danish. */
export type PlanIssueOut = z.infer<typeof PlanIssueSchema>;

/** What GET /api/action-plans/{id} answers: the document plus the server's fields. */
export type ActionPlanResponse = z.infer<typeof ActionPlanResponseSchema>;

/** GET /api/action-plans/{id}/measured (kroner): the areas measured from the commitments. */
export type PlanMeasurementResponse = z.infer<typeof PlanMeasurementSchema>;

/** GET /api/action-plans/{id}/acts-on-options: what an area of the plan may act on. */
export type ActsOnOptionsResponse = z.infer<typeof ActsOnOptionsSchema>;

export type ActionPlanListItem = z.infer<typeof ActionPlanListItemSchema>;

export type ActionPlanVersionItem = z.infer<typeof ActionPlanVersionItemSchema>;

/** A change between two versions of GET /api/action-plans/{id}/compare (amounts in kroner). */
export type ActionPlanChangeOut = z.infer<typeof ActionPlanChangeSchema>;

/** An item of GET /api/action-plans/required (declared in `action-plan-required.ts`). */
export type { RequiredPlanItem } from './action-plan-required';

import { z } from 'zod';
import { ACTS_ON_KINDS, type ActsOnKind } from '../../domain/action-plan/acts-on';
import { PLAN_STATUSES, type PlanStatus } from '../../domain/action-plan/plan';
import { JsonValueSchema } from './json';
import { KronerSchema as Kroner } from './money';

/**
 * What the action plan routes answer (amounts in kroner), declared once for the OpenAPI
 * document and the types of server and web. The documents a writer sends are in
 * `action-plan.ts`.
 */

const PlanStatusSchema = z.enum(PLAN_STATUSES as [PlanStatus, ...PlanStatus[]]);
const ActsOnSchema = z.object({
  kind: z.enum(ACTS_ON_KINDS as [ActsOnKind, ...ActsOnKind[]]),
  value: z.string(),
});
const PersonSchema = z.object({ name: z.string().nullable(), responsible: z.string().nullable() });
const SourceSchema = z
  .object({
    kind: z.enum(['forecast', 'override', 'manual']),
    asOf: z.string().nullable(),
    forecast: Kroner.nullable(),
    reason: z.string().nullable(),
  })
  .nullable();

/** A plan as the interchange document (overblik/action-plan@1), as the server writes it. */
export const ActionPlanDocumentOutSchema = z.object({
  format: z.string().meta({ description: 'overblik/action-plan@1' }),
  title: z.string(),
  year: z.number().int(),
  center: PersonSchema,
  unit: PersonSchema,
  startedOn: z.string().nullable(),
  updatedOn: z.string().nullable(),
  cause: z.string().nullable(),
  causes: z.array(z.string()),
  areas: z.array(
    z.object({
      number: z.number().int(),
      title: z.string().nullable(),
      goal: z.string().nullable(),
      targetAmount: Kroner.nullable(),
      action: z.string().nullable(),
      consequences: z.string().nullable(),
      monthlyEffect: z.array(Kroner),
      realisedEffect: z.array(Kroner.nullable()),
      actsOn: ActsOnSchema.nullable(),
    }),
  ),
  expectedOverspend: z.object({
    atStart: Kroner.nullable(),
    atLastUpdate: Kroner.nullable(),
    afterThisUpdate: Kroner.nullable(),
  }),
  overspendSources: z.object({ atStart: SourceSchema, afterThisUpdate: SourceSchema }),
});

/** A problem with the plan, its message in Danish. */
export const PlanIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  message: z.string(),
});

/** Planned against realised, per month and per area. */
export const RealisationOutSchema = z.object({
  months: z.array(
    z.object({
      month: z.number().int(),
      planned: Kroner,
      realised: Kroner.nullable(),
      cumulativePlanned: Kroner,
      cumulativeRealised: Kroner.nullable(),
    }),
  ),
  byArea: z.array(z.object({ number: z.number().int(), planned: Kroner, realised: Kroner })),
  plannedTotal: Kroner,
  realisedTotal: Kroner,
});

/** GET /action-plans/{id}: the document plus the server's fields. */
export const ActionPlanResponseSchema = ActionPlanDocumentOutSchema.extend({
  id: z.string(),
  unitId: z.string(),
  version: z.number().int(),
  status: PlanStatusSchema,
  totals: z.object({
    byMonth: z.array(Kroner),
    byArea: z.array(z.object({ number: z.number().int(), total: Kroner })),
    grand: Kroner,
  }),
  issues: z.array(PlanIssueSchema),
  activationProblems: z.array(PlanIssueSchema),
  realisation: RealisationOutSchema,
  changedAt: z.string(),
  changedBy: z.string(),
}).meta({
  id: 'ActionPlan',
  description:
    'The interchange document (overblik/action-plan@1) plus id, unitId, version, status, totals, issues, activationProblems and realisation. Amounts in kroner.',
});

/** An item of GET /action-plans. */
export const ActionPlanListItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  year: z.number().int(),
  status: PlanStatusSchema,
  version: z.number().int(),
  grand: Kroner,
  expectedOverspendAtStart: Kroner.nullable(),
  changedAt: z.string(),
});

/** A saved version: who, when, comment. */
export const ActionPlanVersionItemSchema = z.object({
  version: z.number().int(),
  status: PlanStatusSchema,
  savedAt: z.string(),
  savedBy: z.string(),
  comment: z.string().nullable(),
  grand: Kroner,
});

/** GET /action-plans/{id}/versions/{version}: the version with its document. */
export const ActionPlanVersionSchema = ActionPlanVersionItemSchema.extend({
  document: ActionPlanDocumentOutSchema,
});

/** A change between two versions, amounts in kroner, the field named in Danish. */
export const ActionPlanChangeSchema = z.object({
  path: z.string(),
  label: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: JsonValueSchema,
  after: JsonValueSchema,
});

/** GET /action-plans/{id}/compare. */
export const ActionPlanCompareSchema = z.object({
  from: ActionPlanVersionSchema,
  to: ActionPlanVersionSchema,
  changes: z.array(ActionPlanChangeSchema),
});

/** GET /action-plans/{id}/acts-on-options: what an area of the plan may act on ("Virker på"). */
export const ActsOnOptionsSchema = z
  .object({
    kinds: z.array(ActsOnSchema.shape.kind),
    categoryGroups: z.array(z.string()),
    providers: z.array(z.string()),
    accountFunctions: z.array(z.object({ code: z.string(), name: z.string() })),
    units: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'ActionPlanActsOnOptions' });

/** GET /action-plans/{id}/measured: the areas measured from the commitments (kroner). */
export const PlanMeasurementSchema = z
  .object({
    asOf: z.string(),
    startedOn: z.string().nullable(),
    areas: z.array(
      z.object({
        number: z.number().int(),
        actsOn: ActsOnSchema,
        baseline: z.array(Kroner),
        committed: z.array(Kroner),
        effect: z
          .array(Kroner.nullable())
          .meta({ description: 'baseline − committed in the measured months; null outside them' }),
      }),
    ),
    realisation: RealisationOutSchema,
  })
  .meta({ id: 'ActionPlanMeasured' });

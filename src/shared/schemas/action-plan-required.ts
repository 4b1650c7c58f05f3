import { z } from 'zod';
import { PLAN_STATUSES, type PlanStatus } from '../../domain/action-plan/plan';
import { KronerSchema as Kroner } from './money';

const PlanStatusSchema = z.enum(PLAN_STATUSES as [PlanStatus, ...PlanStatus[]]);

/** A unit whose expected overspend for the year is above the threshold, with its plan if any. */
export const RequiredPlanItemSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  year: z.number().int(),
  expectedOverspend: Kroner,
  source: z.enum(['forecast', 'manual']).meta({
    description: 'forecast: fra prognosen; manual: indtastet manuelt',
  }),
  asOf: z.string().nullable(),
  causes: z.array(z.string()),
  threshold: Kroner,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  plan: z
    .object({
      id: z.string(),
      title: z.string(),
      status: PlanStatusSchema,
      version: z.number().int(),
    })
    .nullable(),
});
export type RequiredPlanItem = z.infer<typeof RequiredPlanItemSchema>;

/** GET /action-plans/required: "handleplan påkrævet" for a year, as of a date (kroner). */
export const RequiredPlansSchema = z
  .object({
    year: z.number().int(),
    asOf: z.string(),
    threshold: Kroner,
    items: z.array(RequiredPlanItemSchema),
  })
  .meta({ id: 'RequiredPlans' });
export type RequiredPlans = z.infer<typeof RequiredPlansSchema>;

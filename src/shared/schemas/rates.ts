import { z } from 'zod';
import { FreeText } from './text';

/** GET /cases/rates: a dated rate (e.g. a KL foster-family fee unit) with its periods. */
export const RateSchema = z.object({
  code: z.string(),
  name: z.string(),
  source: z.string().nullable(),
  periods: z.array(
    z.object({
      from: z.string().nullable().meta({ description: 'YYYY-MM-DD; null: open at its start' }),
      to: z.string().nullable(),
      amount: z.number(),
    }),
  ),
  version: z.number().int(),
});
export type Rate = z.infer<typeof RateSchema>;

/** The state's reimbursement thresholds for particularly expensive cases, from a date. */
export const ThresholdsSchema = z
  .object({
    validFrom: z.string().meta({ example: '2022-01-01' }),
    t25: z.number().meta({ description: 'kroner a year; 25 % of the part above it' }),
    t50: z.number().meta({ description: 'kroner a year; 50 % of the part above it' }),
    t75: z.number().meta({ description: 'kroner a year; 75 % of the part above it' }),
    source: FreeText.max(500),
    version: z.number().int().positive().optional().meta({
      description:
        'in answers, the stored version; when saving a change, the version it is based on (leave out for a new date)',
    }),
  })
  .meta({ id: 'ReimbursementThresholds' });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

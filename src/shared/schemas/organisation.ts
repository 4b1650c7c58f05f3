import { z } from 'zod';
import { UNIT_KINDS } from '../../domain/organisation';
import { IsoDateText } from './dates';
import { FreeText } from './text';

/**
 * Centres, units and the municipality's settings as the API speaks them (the routes name the
 * answers in the OpenAPI document: Unit, Center, Settings).
 */

const text = (max: number) => FreeText.max(max);
const version = z.number().int().min(1).meta({ description: 'The version you loaded' });

export const UnitJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  responsible: z.string().nullable(),
  version: z.number().int(),
  center: z.object({ id: z.string(), name: z.string(), responsible: z.string().nullable() }),
});
export type UnitJson = z.infer<typeof UnitJsonSchema>;

export const CenterJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  responsible: z.string().nullable(),
  version: z.number().int(),
});

/** A centre with the units under it that the reader may see (`GET /centers`). */
export const CenterWithUnitsJsonSchema = CenterJsonSchema.extend({
  units: z.array(UnitJsonSchema),
});
export type CenterWithUnitsJson = z.infer<typeof CenterWithUnitsJsonSchema>;

export const SettingsJsonSchema = z.object({
  municipalityName: z.string(),
  actionPlanThreshold: z.number().meta({
    description: 'kroner, at most two decimals; an action plan is required strictly above it',
    example: 100000,
  }),
  reviewsRegisteredFrom: z
    .string()
    .nullable()
    .meta({
      description:
        'Gennemgange registreres i Overblik fra: before this day no review is due and the ' +
        'status report shows no reviews figure; null: from the beginning',
      example: '2026-01-01',
    }),
  version: z.number().int(),
});
export type SettingsJson = z.infer<typeof SettingsJsonSchema>;

export const CenterInputSchema = z.object({
  name: text(200),
  responsible: text(200).nullable().optional(),
});
export const CenterChangeSchema = CenterInputSchema.extend({ version });

export const UnitInputSchema = z.object({
  centerId: z.string(),
  name: text(200),
  kind: z.enum(UNIT_KINDS).default('omraade'),
  responsible: text(200).nullable().optional(),
});
export const UnitChangeSchema = UnitInputSchema.extend({ version });

export const SettingsChangeSchema = z.object({
  municipalityName: text(200),
  actionPlanThreshold: z.number(),
  // ÅÅÅÅ-MM-DD; null: from the beginning; left out: unchanged
  reviewsRegisteredFrom: IsoDateText.nullable().optional(),
  version,
});

import { z } from 'zod';
import { isValidCvr } from '../../domain/providers';
import { translate } from '../i18n/translate';
import { FreeText } from './text';

/** A provider's name as entered: no CPR number, not empty, at most 200 characters. */
const ProviderName = FreeText.trim()
  .min(1, translate('providers.problems.nameRequired'))
  .max(200, translate('providers.problems.nameTooLong'));

/** A CVR number: eight digits that pass the modulus 11 rule; empty or null when not known. */
const Cvr = z
  .string({ error: translate('providers.problems.cvr') })
  .trim()
  .refine((v) => v === '' || isValidCvr(v), translate('providers.problems.cvr'))
  .nullish();

/** A provider as entered (created or changed). */
export const ProviderInputSchema = z.object({
  name: ProviderName,
  cvr: Cvr,
  external: z.boolean({ error: translate('providers.problems.external') }),
});
export type ProviderInput = z.infer<typeof ProviderInputSchema>;

/** A change: the fields and the version it is based on (a stale version is refused, 409). */
export const ProviderChangeSchema = ProviderInputSchema.extend({
  version: z.number({ error: 'Skal være et tal.' }).int(),
});

/** Another spelling (as an import writes it) that means this provider from now on. */
export const ProviderAliasSchema = z.object({ alias: ProviderName });

/** A provider as the API answers it. */
export const ProviderJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  cvr: z.string().nullable(),
  external: z.boolean(),
  /** other spellings that imports map to it */
  aliases: z.array(z.string()),
  /** interventions that name it */
  interventions: z.number().int(),
  version: z.number().int(),
});
export type ProviderJson = z.infer<typeof ProviderJsonSchema>;

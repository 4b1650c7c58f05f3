import { z } from 'zod';
import { MAX_ABS_KRONER, kronerFromJsonNumber } from '../../domain/money';

/**
 * An amount in kroner as a JSON number with at most two decimals: how the API reads and writes
 * money (the server converts to and from integer øre in `src/domain/money.ts`).
 */
export const KronerSchema = z.number().meta({ description: 'kroner, at most two decimals' });

/** Why an amount in kroner is refused, in Danish, by `kronerFromJsonNumber`'s reason. */
export const KRONER_REFUSED = {
  'not-a-number': 'Skal være et tal (kroner).',
  'too-many-decimals': 'Må højst have to decimaler (øre).',
  'too-large': `Beløbet er for stort (højst ${new Intl.NumberFormat('da-DK').format(MAX_ABS_KRONER)} kr.).`,
} as const;

/**
 * Kroner a user or a document sends, checked: a finite JSON number, at most two decimals, at
 * most 10^13 in absolute value, each refusal with its Danish message.
 */
export const KronerInputSchema = z
  .number({ error: KRONER_REFUSED['not-a-number'] })
  .superRefine((value, ctx) => {
    const result = kronerFromJsonNumber(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: KRONER_REFUSED[result.reason] });
  });

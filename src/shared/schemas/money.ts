import { z } from 'zod';

/**
 * An amount in kroner as a JSON number with at most two decimals: how the API reads and writes
 * money (the server converts to and from integer øre in `src/domain/money.ts`).
 */
export const KronerSchema = z.number().meta({ description: 'kroner, at most two decimals' });

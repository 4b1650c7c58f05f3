import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../../domain/months';

/**
 * A calendar date as `ÅÅÅÅ-MM-DD` that exists (no 29.02.2021, no year 0), in requests' bodies and
 * query strings alike. The one schema for a date in the API; the message is Danish.
 */
export const IsoDateText = z
  .string({ error: 'Skal være en dato (ÅÅÅÅ-MM-DD).' })
  .refine((v) => parseIsoDate(v) !== null, 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).')
  // checked above: what passes is an `IsoDate`, so no route or service casts it
  .transform((v) => v as IsoDate);

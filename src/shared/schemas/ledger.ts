import { z } from 'zod';
import { LedgerImportOutcomeSchema } from './jobs';

/** A ledger file's import: its state and, when done, its report. */
export const LedgerImportSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    year: z.number(),
    fileName: z.string(),
    byteSize: z.number(),
    status: z.enum(['receiving', 'queued', 'running', 'done', 'failed', 'duplicate']),
    lineCount: z.number().nullable(),
    postingCount: z.number().nullable(),
    lateCount: z.number().nullable(),
    report: LedgerImportOutcomeSchema,
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerImport' });
export type LedgerImport = z.infer<typeof LedgerImportSchema>;

/** GET /ledger/postings: a page of a unit's postings in a year, with the count and sum of all. */
export const PostingsSchema = z.object({
  total: z.number(),
  sum: z.number(),
  postings: z.array(
    z.object({
      id: z.number(),
      date: z.string(),
      accountFunction: z.string(),
      accountString: z.string(),
      amount: z.number(),
      text: z.string(),
      isLate: z.boolean(),
      fileName: z.string(),
    }),
  ),
});
export type Postings = z.infer<typeof PostingsSchema>;

/** GET /ledger/booked-period: through which date the postings are complete, per source. */
export const BookedPeriodSchema = z
  .object({
    bookedThrough: z.string().nullable().meta({
      description:
        'postings are complete through this date (the earliest of the sources); null when nothing is known',
    }),
    today: z.string(),
    sources: z.array(
      z.object({
        name: z.string(),
        bookedThrough: z.string().nullable(),
        lastClosedMonth: z.string().nullable(),
        closedMonthCount: z.number(),
        firstPostedMonth: z.string().nullable(),
        lastPostedMonth: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BookedPeriod' });
export type BookedPeriod = z.infer<typeof BookedPeriodSchema>;

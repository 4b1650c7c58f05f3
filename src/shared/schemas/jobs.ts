import { z } from 'zod';

/** A bad line of an imported file, with its Danish message. */
export const LineIssueSchema = z.object({
  line: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});

/** What a ledger import found in its file: every bad line, or how many postings it added. */
export const LedgerImportReportSchema = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  lineCount: z.number().int(),
  postingCount: z.number().int(),
  lateCount: z.number().int(),
  errorCount: z.number().int(),
  fileIssues: z.array(z.string()),
  issues: z.array(LineIssueSchema),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReportSchema>;

/**
 * A ledger import's report: the full report once it ran; the earlier import it repeats (the
 * same file); or only why it failed when its attempts ran out; null while it waits.
 */
export const LedgerImportOutcomeSchema = z
  .union([
    LedgerImportReportSchema,
    z.object({ duplicateOf: z.string() }),
    z.object({ fileIssues: z.array(z.string()) }),
  ])
  .nullable();
export type LedgerImportOutcome = z.infer<typeof LedgerImportOutcomeSchema>;

/**
 * A background job's result, by kind: a ledger import's report with its import, the daily
 * digest's reminders and mails (and the addresses a mail failed for), or the figures kept in
 * the background and the year and as-of date they are for; null until it ends.
 */
export const JobResultSchema = z
  .union([
    LedgerImportReportSchema.extend({ importId: z.string() }),
    z.object({
      reminders: z.number().int(),
      mailed: z.number().int(),
      failed: z.array(z.string()).optional(),
    }),
    z.object({
      kept: z.array(z.string()),
      year: z.number().int(),
      asOf: z.string(),
      scopes: z.number().int(),
    }),
  ])
  .nullable();
export type JobResult = z.infer<typeof JobResultSchema>;

/** A background job (GET /jobs/{id}): its status, progress, result and attempts. */
export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'dead']).meta({
      description:
        'failed: the work ran to its end and failed (e.g. a file with bad lines); dead: given up after its attempts (the process running it stopped, or it met an error, each time)',
    }),
    progress: z.number().meta({ description: 'percent 0–100' }),
    result: JobResultSchema,
    error: z.string().nullable(),
    attempts: z.number().int().meta({ description: 'attempts started so far (at most 3)' }),
    history: z
      .array(
        z.object({
          attempt: z.number().int(),
          outcome: z.enum(['error', 'abandoned', 'retried']),
          error: z.string().nullable(),
          at: z.string(),
        }),
      )
      .meta({ description: 'each attempt that did not end the job, oldest first' }),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    runAfter: z.string().meta({ description: 'a queued job waits until then (a retry)' }),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof JobSchema>;

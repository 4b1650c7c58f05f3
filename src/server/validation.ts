import { z } from 'zod';
import { AppError, type FieldIssue } from './errors';

// Zod's own messages for generic checks, in Danish.
z.config(z.locales.da());

/** Turns zod issues into field issues with Danish messages and dotted paths. */
export function fieldIssuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(dokument)',
    // a check's own stable code (`cpr_number`, `control_character`) before zod's generic one
    code: customCode(issue) ?? issue.code,
    message: issue.message,
  }));
}

function customCode(issue: z.core.$ZodIssue): string | null {
  if (issue.code !== 'custom') return null;
  const code = (issue.params as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : null;
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('validation_failed', {}, issues);
}

/** Parses `value` with `schema`, or throws a validation_failed AppError listing every issue. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldIssuesFromZod(result.error));
  return result.data;
}

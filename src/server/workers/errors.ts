/**
 * An error thrown on a statement worker, carried to the request thread as plain data: a worker
 * thread's thrown error loses its class and its `code` on the way, and the request thread must
 * answer exactly as if the work had run there (the same AppError, the same SQLSTATE mapping in
 * `app.ts#onError`: a database that went away is 503, a value it cannot take is 422).
 */
import { AppError, type ErrorCode, type FieldIssue } from '../errors';

export type CarriedError =
  | {
      kind: 'app';
      code: ErrorCode;
      params: Record<string, string | number>;
      issues: FieldIssue[];
      extra: Record<string, unknown>;
    }
  | { kind: 'other'; name: string; message: string; code: string | null; stack: string | null };

/** On the worker: the error as plain data. */
export function carryError(error: unknown): CarriedError {
  if (error instanceof AppError) {
    return {
      kind: 'app',
      code: error.code,
      params: error.params,
      issues: error.issues,
      // only what survives the trip between threads
      extra: JSON.parse(JSON.stringify(error.extra)) as Record<string, unknown>,
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (error as { code?: unknown } | null)?.code;
  return {
    kind: 'other',
    name: e.name,
    message: e.message,
    code: typeof code === 'string' ? code : null,
    stack: e.stack ?? null,
  };
}

/** On the request thread: the error again, as it was thrown on the worker. */
export function reviveError(carried: CarriedError): Error {
  if (carried.kind === 'app') {
    return new AppError(carried.code, carried.params, carried.issues, carried.extra);
  }
  const error = new Error(carried.message) as Error & { code?: string };
  error.name = carried.name;
  if (carried.code !== null) error.code = carried.code;
  if (carried.stack !== null) error.stack = `${carried.stack}\n    (on a statement worker)`;
  return error;
}

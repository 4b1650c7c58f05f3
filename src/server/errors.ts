import { translate } from '../shared/i18n/translate';

/** Every error the API can answer with, and its HTTP status: the one place this mapping lives. */
export const ERROR_STATUS = {
  not_found: 404,
  route_not_found: 404,
  malformed_json: 400,
  unsupported_media_type: 415,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  case_level_forbidden: 403,
  invalid_credentials: 401,
  too_many_attempts: 429,
  csrf_failed: 403,
  sso_failed: 401,
  sso_no_role: 403,
  version_conflict: 409,
  action_plan_not_ready: 422,
  action_plan_closed: 409,
  status_report_final: 409,
  action_plan_invalid_transition: 409,
  payload_too_large: 413,
  case_not_expected: 409,
  case_intervention_granted: 409,
  case_not_granted: 409,
  case_intervention_adjusted: 409,
  meeting_item_decided: 409,
  meeting_wrong_kind: 422,
  meeting_case_other_unit: 422,
  meeting_case_on_agenda: 409,
  meeting_not_held: 422,
  signoff_missing: 409,
  review_exists: 409,
  approval_pending: 409,
  approval_decided: 409,
  approval_at_meeting: 409,
  approval_own_request: 403,
  case_intervention_pending: 409,
  unknown_reference: 422,
  value_not_storable: 422,
  job_not_dead: 409,
  job_not_retryable: 409,
  database_unavailable: 503,
  computation_interrupted: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field of the input: `path` as in the document (`areas.2.monthlyEffect.13`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** An error meant for the user: a stable code, a Danish detail and, for bad input, every field issue. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly issues: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(translate(`errors.${code}`, params));
    this.status = ERROR_STATUS[code];
  }
}

/** "Skal være a, b eller c.": the message of an input that must be one of fixed values. */
export function mustBeOneOf(values: readonly string[]): string {
  const last = values.at(-1) ?? '';
  const value =
    values.length > 1
      ? translate('validation.or', { values: values.slice(0, -1).join(', '), last })
      : last;
  return translate('validation.mustBe', { value });
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  requestId?: string;
  issues?: FieldIssue[];
  [key: string]: unknown;
}

export function toProblem(error: AppError, requestId: string, instance: string): Problem {
  return {
    type: `https://overblik.dk/problems/${error.code.replaceAll('_', '-')}`,
    title: error.code,
    status: error.status,
    code: error.code,
    detail: error.message,
    instance,
    requestId,
    ...(error.issues.length ? { issues: error.issues } : {}),
    ...error.extra,
  };
}

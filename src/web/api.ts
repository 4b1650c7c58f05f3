/** A problem+json answer from the API, with its Danish detail and any field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly issues: { path: string; code: string; message: string }[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

let csrfToken = '';
let afterWrite: (path: string) => void = () => undefined;

/** Called with the path of every write the API accepted (the read cache drops what it changes). */
export function onApiWrite(listener: (path: string) => void): void {
  afterWrite = listener;
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Calls the JSON API; throws ApiError on a problem answer. Sends the CSRF token on writes. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  if (response.ok && method !== 'GET') afterWrite(path);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    throw new ApiError(
      response.status,
      typeof data.code === 'string' ? data.code : 'generic',
      typeof data.detail === 'string' ? data.detail : response.statusText,
      (data.issues as ApiError['issues'] | undefined) ?? [],
      data,
    );
  }
  return data as T;
}

import { ApiError } from '../../api';

/**
 * Sends a file as the raw request body (the import streams it), with the session's CSRF
 * token. JSON answers and problems are handled as the rest of the app does.
 */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const session = await fetch('/api/session', { credentials: 'same-origin' });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
    body: file,
  });
  const data = (await response.json()) as Record<string, unknown>;
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

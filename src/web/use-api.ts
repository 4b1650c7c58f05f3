import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api';
import { isSharedRead, SHARED_STALE_MS } from './query-client';

/**
 * Loads `path` from the API through the app's query cache (`query-client.ts`); `reload`
 * fetches again. Screens that ask for the same path at once share one request; a shared read
 * (`SHARED_READS`) is fetched once for all screens. While a new path loads, the last answer
 * stays shown. Errors (an `ApiError` with its Danish detail) are kept for the page to show.
 * `fresh`: a shared read fetched anew when this screen opens (the screen that keeps it).
 */
export function useApi<T>(path: string | null, { fresh = false }: { fresh?: boolean } = {}) {
  const shared = path !== null && isSharedRead(path);
  const query = useQuery({
    queryKey: [path],
    queryFn: () => api<T>(path ?? ''),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    ...(shared ? { staleTime: SHARED_STALE_MS } : { gcTime: 0 }),
    ...(fresh ? { refetchOnMount: 'always' as const } : {}),
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const error = query.error ?? undefined;
  return { data: query.data, error, reload, isLoading: query.data === undefined && !error };
}

import { QueryClient } from '@tanstack/react-query';
import { onApiWrite } from './api';

/**
 * Reads that many screens share and that change only by a few writes: fetched once, kept,
 * and marked stale after a successful write to a path that changes them (`changedBy`, path
 * prefixes). Every other read is the screen's own: fetched when the screen opens and dropped
 * when it closes, as fresh as the figures it shows.
 */
export const SHARED_READS: readonly { path: string; changedBy: readonly string[] }[] = [
  // the units the user may see and the action plan threshold
  { path: '/organisation', changedBy: ['/centers', '/units', '/users', '/settings'] },
  // the register, with how many interventions name each provider
  { path: '/providers', changedBy: ['/providers', '/cases'] },
  { path: '/account-functions', changedBy: ['/account-functions'] },
];

const SHARED_PATHS = new Set(SHARED_READS.map((r) => r.path));

/** Whether `path` is one of the shared reads. */
export function isSharedRead(path: string): boolean {
  return SHARED_PATHS.has(path);
}

/** How long a shared read is trusted without a write that changes it. */
export const SHARED_STALE_MS = 10 * 60_000;

/**
 * The app's one cache of API reads. A problem answer is not tried again (the page shows it in
 * Danish at once), and a screen's figures are fetched when it opens, not when the window
 * regains focus.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

onApiWrite((path) => {
  for (const read of SHARED_READS)
    if (read.changedBy.some((prefix) => path.startsWith(prefix)))
      void queryClient.invalidateQueries({ queryKey: [read.path] });
});

import { useCallback, useEffect, useState } from 'react';
import { api } from './api';

/** Loads `path` from the API; `reload` fetches again. Errors are kept for the page to show. */
export function useApi<T>(path: string | null) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let isCurrent = true;
    api<T>(path)
      .then((d) => {
        if (isCurrent) {
          setData(d);
          setError(undefined);
        }
      })
      .catch((e: unknown) => {
        if (isCurrent) setError(e instanceof Error ? e : new Error(String(e)));
      });
    return () => {
      isCurrent = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload, isLoading: data === undefined && error === undefined };
}

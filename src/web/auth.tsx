import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitIds: string[];
  /** What the user's roles allow (`src/server/policies/policy.ts`), unit scope aside. */
  actions: string[];
}

/**
 * Whether to offer a control for `action`. Only a matter of what to show: the server checks
 * every request again, with the unit.
 */
export function may(user: SessionUser | null | undefined, action: string): boolean {
  return user?.actions.includes(action) ?? false;
}

interface AuthState {
  user: SessionUser | null;
  isLoading: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

const SESSION_KEY = ['/session'];

/** Every read but the session's, so that nothing one user read is shown to the next. */
const isNotSession = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== '/session';

/** The signed-in user and the CSRF token, or null when no one is signed in. */
async function readSession(): Promise<SessionUser | null> {
  try {
    const s = await api<{ user: SessionUser; csrfToken: string }>('/session');
    setCsrfToken(s.csrfToken);
    return s.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/**
 * The session, read once into the query cache and shared by every screen. Signing in or out
 * empties the rest of the cache.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: readSession, staleTime: Infinity });

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await api<{ user: SessionUser; csrfToken: string }>('/session', {
        method: 'POST',
        body: { username, password },
      });
      setCsrfToken(s.csrfToken);
      queryClient.removeQueries({ predicate: isNotSession });
      queryClient.setQueryData(SESSION_KEY, s.user);
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    await api('/session', { method: 'DELETE' });
    setCsrfToken('');
    queryClient.removeQueries({ predicate: isNotSession });
    queryClient.setQueryData(SESSION_KEY, null);
  }, [queryClient]);

  const user = session.data ?? null;
  // a session that could not be read (the server away) shows the login page, as no session does
  const isLoading = session.isPending;
  const value = useMemo(
    () => ({ user, isLoading, login, logout }),
    [user, isLoading, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/**
 * Whether the signed-in user's roles allow `action` (the policy the server applies): the one
 * test for offering a screen's write controls, as `NAV_ITEMS[].anyOf` is for the menu.
 */
export function useCan(action: string): boolean {
  return may(useAuth().user, action);
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

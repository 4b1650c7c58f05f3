import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
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

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [isLoading, setIsLoading] = useState(true);

  useEffect(() => {
    api<{ user: SessionUser; csrfToken: string }>('/session')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      })
      .finally(() => setIsLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api<{ user: SessionUser; csrfToken: string }>('/session', {
      method: 'POST',
      body: { username, password },
    });
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const logout = useCallback(async () => {
    await api('/session', { method: 'DELETE' });
    setCsrfToken('');
    setUser(null);
  }, []);

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

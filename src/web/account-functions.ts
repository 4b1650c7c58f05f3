import type { AccountFunction } from '../shared/schemas/budget';
import { useApi } from './use-api';

/** An account function as the API names it (`GET /account-functions`). */
export type { AccountFunction };

/**
 * The account functions with their names, for showing a code as `5.28.21 Forebyggende …`
 * wherever a screen would otherwise show the bare code.
 */
export function useAccountFunctions(): AccountFunction[] {
  return useApi<AccountFunction[]>('/account-functions').data ?? [];
}

/** `code name`, or the code alone when its name is not known (yet). */
export function functionLabel(code: string, functions: readonly AccountFunction[]): string {
  const name = functions.find((f) => f.code === code)?.name;
  return name ? `${code} ${name}` : code;
}

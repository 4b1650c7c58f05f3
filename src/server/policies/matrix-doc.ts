import { ROLES, seesAllUnits, type Role } from '../../domain/access';
import { ACTIONS, GLOBAL_ACTIONS, ROLE_ACTIONS } from './policy';

export const MATRIX_START = '<!-- role-action-matrix:start (generated from ROLE_ACTIONS) -->';
export const MATRIX_END = '<!-- role-action-matrix:end -->';

/**
 * The role × action table of docs/security.md, rendered from ROLE_ACTIONS so the document
 * cannot drift from the code: `✓` a right not tied to a unit, `all units` / `own units` the
 * scope of a unit-bound right, `–` no right.
 */
export function roleActionMatrixMarkdown(): string {
  const header = `| action | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const lines = ACTIONS.map((action) => {
    const cells = ROLES.map((role: Role) => {
      if (!ROLE_ACTIONS[role].includes(action)) return '–';
      if (GLOBAL_ACTIONS.has(action)) return '✓';
      const probe = { userId: '', username: '', displayName: '', roles: [role], unitIds: [] };
      return seesAllUnits(probe) ? 'all units' : 'own units';
    });
    return `| \`${action}\` | ${cells.join(' | ')} |`;
  });
  return [MATRIX_START, header, rule, ...lines, MATRIX_END].join('\n');
}

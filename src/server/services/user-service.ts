import { isRole, ROLES, type Actor, type Role } from '../../domain/access';
import { recordAudit } from '../../db/repositories/audit';
import { existingUnitIds } from '../../db/repositories/organisation';
import { deleteUserSessions } from '../../db/repositories/sessions';
import {
  countOtherActiveAdministrators,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  setPasswordHash,
  updateUser,
  type UserRow,
} from '../../db/repositories/users';
import { translate } from '../../shared/i18n/translate';
import type { AppDeps } from '../context';
import { AppError, type FieldIssue } from '../errors';
import { hashPassword } from '../passwords';
import { authorize } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';
import { isUuid } from './organisation-service';
import { sessionCache } from './session-cache';

/** Passwords set in the product: long enough to resist guessing, short enough to type. */
export const PASSWORD_MIN_LENGTH = 12;
const USERNAME = /^[\p{L}\p{N}._@-]{2,100}$/u;

const t = (key: string, params: Record<string, string | number> = {}) =>
  translate(`admin.problems.${key}`, params);

/** A user as the API and the audit trail show it: never the password hash. */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
    unitIds: u.unit_ids,
    isActive: u.is_active,
    hasPassword: u.password_hash !== null,
    singleSignOn: u.oidc_subject !== null,
    version: u.version,
  };
}

export async function listAllUsers(deps: AppDeps, actor: Actor) {
  authorize(actor, 'users.manage');
  return (await listUsers(deps.db)).map(presentUser);
}

export async function getUser(deps: AppDeps, actor: Actor, id: string) {
  authorize(actor, 'users.manage');
  const user = isUuid(id) ? await findUserById(deps.db, id) : undefined;
  if (!user) throw new AppError('not_found');
  return presentUser(user);
}

/** Checks roles and units; gives the roles typed, or throws every problem at once. */
async function checkRolesAndUnits(
  db: AppDeps['db'] | Parameters<typeof existingUnitIds>[0],
  input: { roles: string[]; unitIds: string[] },
  issues: FieldIssue[],
): Promise<Role[]> {
  const roles: Role[] = [];
  input.roles.forEach((role, i) => {
    if (isRole(role)) {
      if (!roles.includes(role)) roles.push(role);
    } else {
      issues.push({
        path: `roles.${i}`,
        code: 'unknown_role',
        message: t('unknownRole', { role, roles: ROLES.join(', ') }),
      });
    }
  });
  if (input.roles.length === 0)
    issues.push({ path: 'roles', code: 'required', message: t('noRoles') });
  const wellFormed = input.unitIds.filter(isUuid);
  const existing = new Set(await existingUnitIds(db, wellFormed));
  input.unitIds.forEach((unitId, i) => {
    if (!existing.has(unitId))
      issues.push({ path: `unitIds.${i}`, code: 'unknown_unit', message: t('unknownUnit') });
  });
  return roles;
}

function checkPassword(password: string, path: string, issues: FieldIssue[]): void {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    issues.push({
      path,
      code: 'too_short',
      message: t('passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
    });
}

export interface NewUserInput {
  username: string;
  displayName: string;
  roles: string[];
  unitIds: string[];
  password?: string | undefined;
}

export async function createUser(
  deps: AppDeps,
  actor: Actor,
  input: NewUserInput,
  requestId: string,
) {
  authorize(actor, 'users.manage');
  const username = input.username.trim();
  const displayName = input.displayName.trim();
  const issues: FieldIssue[] = [];
  if (!USERNAME.test(username))
    issues.push({ path: 'username', code: 'invalid_username', message: t('invalidUsername') });
  if (!displayName)
    issues.push({
      path: 'displayName',
      code: 'required',
      message: translate('validation.required'),
    });
  if (input.password !== undefined) checkPassword(input.password, 'password', issues);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const roles = await checkRolesAndUnits(tx, input, issues);
    if (USERNAME.test(username) && (await findUserByUsername(tx, username)))
      issues.push({
        path: 'username',
        code: 'duplicate',
        message: t('usernameTaken', { username }),
      });
    if (issues.length) throw validationError(issues);
    const id = await insertUser(tx, {
      username,
      displayName,
      passwordHash,
      roles,
      unitIds: [...new Set(input.unitIds)],
    });
    const user = await findUserById(tx, id);
    if (!user) throw new Error('user vanished');
    await recordAudit(
      tx,
      actor,
      { action: 'create', objectType: 'user', objectId: id, after: presentUser(user) },
      requestId,
    );
    return presentUser(user);
  });
}

export interface UserChangeInput {
  displayName: string;
  roles: string[];
  unitIds: string[];
  isActive: boolean;
  version: number;
}

/**
 * Changes a user's name, roles, units and whether they may log in. Deactivating ends their
 * sessions at once. The last active administrator can be neither deactivated nor demoted, so
 * the municipality can never lock itself out.
 */
export async function changeUser(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: UserChangeInput,
  requestId: string,
) {
  authorize(actor, 'users.manage');
  const changed = await deps.db.transaction(async (tx) => {
    const before = isUuid(id) ? await findUserById(tx, id) : undefined;
    if (!before) throw new AppError('not_found');
    const displayName = input.displayName.trim();
    const issues: FieldIssue[] = [];
    if (!displayName)
      issues.push({
        path: 'displayName',
        code: 'required',
        message: translate('validation.required'),
      });
    const roles = await checkRolesAndUnits(tx, input, issues);
    const staysAdmin = input.isActive && roles.includes('administrator');
    const wasAdmin = before.is_active && before.roles.includes('administrator');
    if (wasAdmin && !staysAdmin && (await countOtherActiveAdministrators(tx, id)) === 0)
      issues.push({
        path: input.isActive ? 'roles' : 'isActive',
        code: 'last_administrator',
        message: t('lastAdministrator'),
      });
    if (issues.length) throw validationError(issues);
    const ok = await updateUser(
      tx,
      id,
      input.version,
      { displayName, roles, unitIds: [...new Set(input.unitIds)], isActive: input.isActive },
      deps.now(),
    );
    if (!ok)
      throw await versionConflict(tx, 'user', id, t('userObject', { name: before.display_name }));
    if (!input.isActive) await deleteUserSessions(tx, id);
    const after = await findUserById(tx, id);
    if (!after) throw new Error('user vanished');
    const action =
      before.is_active && !after.is_active
        ? 'deactivate'
        : !before.is_active && after.is_active
          ? 'reactivate'
          : 'update';
    await recordAudit(
      tx,
      actor,
      {
        action,
        objectType: 'user',
        objectId: id,
        before: presentUser(before),
        after: presentUser(after),
      },
      requestId,
    );
    return presentUser(after);
  });
  // Roles, units or being active decide what every session of the user may do.
  sessionCache(deps.db).clear();
  return changed;
}

/** Sets a user's password (argon2id) and ends their other sessions. The trail never holds it. */
export async function setUserPassword(
  deps: AppDeps,
  actor: Actor,
  id: string,
  password: string,
  requestId: string,
  currentSessionHash?: string,
): Promise<void> {
  authorize(actor, 'users.manage');
  const issues: FieldIssue[] = [];
  checkPassword(password, 'password', issues);
  if (issues.length) throw validationError(issues);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const user = isUuid(id) ? await findUserById(tx, id) : undefined;
    if (!user) throw new AppError('not_found');
    await setPasswordHash(tx, id, passwordHash, deps.now());
    const ended = await deleteUserSessions(tx, id, currentSessionHash);
    await recordAudit(
      tx,
      actor,
      {
        action: 'password.set',
        objectType: 'user',
        objectId: id,
        after: { username: user.username, sessionsEnded: ended },
      },
      requestId,
    );
  });
  sessionCache(deps.db).clear();
}

import type { Actor, Role } from '../../domain/access';
import { AppError } from '../errors';

/**
 * Every authorisation decision is made here. An action is allowed when one of the actor's
 * roles grants it; a unit-scoped action also needs the object's unit to be one of the
 * actor's. Administrators and ledelse see all units; ledelse holds only read rights, so its
 * reach over all units is a read-only one, besides signing off a report or plan before it goes
 * to the committee (`signoff.sign`, not tied to a unit). docs/security.md shows the table
 * (generated).
 */
export const ACTIONS = [
  'organisation.read',
  'organisation.write',
  'users.manage',
  'audit.read',
  'settings.write',
  'plan.read',
  'plan.write',
  'plan.activate',
  'plan.realise',
  'case.read',
  'case.write',
  'case.correct',
  'case.import',
  'commitment.read',
  'budget.read',
  'budget.write',
  'ledger.import',
  'ledger.close',
  'forecast.read',
  'forecast.write',
  'report.read',
  'report.write',
  'meeting.read',
  'meeting.manage',
  'meeting.propose',
  'meeting.decide',
  'approval.decide',
  'committee.read',
  'committee.write',
  'signoff.request',
  'signoff.sign',
  'notification.own',
  'review.read',
  'review.record',
] as const;
export type Action = (typeof ACTIONS)[number];

const READS: Action[] = [
  'organisation.read',
  'plan.read',
  'commitment.read',
  'budget.read',
  'forecast.read',
  'report.read',
  'committee.read',
  'notification.own',
];

/** Which actions each role grants (before the unit scope is applied). */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  administrator: ACTIONS,
  okonomikonsulent: [
    ...READS,
    'case.read',
    'case.correct',
    'plan.write',
    'plan.realise',
    'case.import',
    'budget.write',
    'ledger.import',
    'ledger.close',
    'forecast.write',
    'report.write',
    'meeting.read',
    'committee.write',
    'signoff.request',
    'review.read',
  ],
  funktionsleder: [
    ...READS,
    'case.read',
    'case.write',
    'case.correct',
    'plan.write',
    'plan.activate',
    'plan.realise',
    'forecast.write',
    'report.write',
    'meeting.read',
    'meeting.manage',
    'meeting.propose',
    'meeting.decide',
    'approval.decide',
    'signoff.request',
    'review.read',
    'review.record',
  ],
  faglig_koordinator: [
    ...READS,
    'case.read',
    'case.write',
    'meeting.read',
    'meeting.manage',
    'meeting.propose',
    'review.read',
    'review.record',
  ],
  raadgiver: [
    'organisation.read',
    'case.read',
    'case.write',
    'commitment.read',
    'plan.read',
    'meeting.read',
    'meeting.propose',
    'notification.own',
    'review.read',
  ],
  ledelse: [...READS, 'case.read', 'meeting.read', 'signoff.sign', 'review.read'],
  laeser: READS,
};

/** Actions that are not about one unit's objects. */
export const GLOBAL_ACTIONS = new Set<Action>([
  'users.manage',
  'audit.read',
  'settings.write',
  'organisation.write',
  'committee.read',
  'committee.write',
  'signoff.request',
  'signoff.sign',
  'notification.own',
]);

/** The roles whose rights reach every unit (see `seesAllUnits`). */
const ALL_UNIT_ROLES = new Set<Role>(['administrator', 'ledelse']);

/** Every action one of the actor's roles grants, in the order of ACTIONS, unit scope aside. */
export function grantedActions(actor: Actor): Action[] {
  return ACTIONS.filter((action) =>
    actor.roles.some((role) => ROLE_ACTIONS[role].includes(action)),
  );
}

/**
 * Does one of the actor's roles grant `action` on an object of the unit in `scope`? The reach
 * over all units belongs to the administrator and ledelse roles themselves: a user who combines
 * ledelse with, say, funktionsleder reads every unit but acts as funktionsleder only in their
 * own units (the role that grants the action must reach the unit).
 */
export function can(actor: Actor, action: Action, scope?: { unitId: string | null }): boolean {
  return actor.roles.some((role) => {
    if (!ROLE_ACTIONS[role].includes(action)) return false;
    if (GLOBAL_ACTIONS.has(action) || !scope) return true;
    return roleReaches(role, actor.unitIds, scope.unitId);
  });
}

/**
 * Does `role`, held by a user who belongs to `unitIds`, reach an object of `unitId`? The roles
 * of all units reach every unit; the others only the user's own units.
 */
export function roleReaches(
  role: Role,
  unitIds: readonly string[],
  unitId: string | null,
): boolean {
  if (ALL_UNIT_ROLES.has(role)) return true;
  return unitId !== null && unitIds.includes(unitId);
}

/** Throws 403 unless `can`; callers that must hide an object's existence use `authorizeOrNotFound`. */
export function authorize(actor: Actor, action: Action, scope?: { unitId: string | null }): void {
  if (!can(actor, action, scope)) throw new AppError('forbidden');
}

/**
 * For an object fetched by id: an actor who may not even read it gets 404, as if it did not
 * exist, so ids of other units' objects reveal nothing; one who may read but not act gets 403.
 */
export function authorizeOrNotFound(
  actor: Actor,
  action: Action,
  readAction: Action,
  scope: { unitId: string | null },
): void {
  if (!can(actor, readAction, scope)) throw new AppError('not_found');
  authorize(actor, action, scope);
}

/**
 * May the actor see the cases behind figures of these units (case refs, households, per-case
 * amounts)? Only with `case.read` in every one of them (`null` = all units). A role that reads
 * commitments without cases (læser) gets the aggregates only.
 */
export function canReadCasesIn(actor: Actor, unitIds: readonly string[] | null): boolean {
  const readable = readableUnitIds(actor, 'case.read');
  if (readable === null) return true;
  if (unitIds === null) return false;
  return unitIds.every((id) => readable.includes(id));
}

/** The unit ids an actor may read objects of with `action`, or null for all units. */
export function readableUnitIds(actor: Actor, action: Action): string[] | null {
  const granting = actor.roles.filter((role) => ROLE_ACTIONS[role].includes(action));
  if (granting.length === 0) return [];
  return granting.some((role) => ALL_UNIT_ROLES.has(role)) ? null : actor.unitIds;
}

/** Roles as the municipality names them; rights are scoped to the units a user belongs to. */
export const ROLES = [
  'administrator',
  'okonomikonsulent',
  'funktionsleder',
  'faglig_koordinator',
  'raadgiver',
  'ledelse',
  'laeser',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whoever makes a request: a logged-in user with roles and the units they belong to. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
}

/** The system itself (demo loading, migrations, imports started from the command line). */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: 'Overblik',
  roles: ['administrator'],
  unitIds: [],
};

/** Administrators and management (ledelse) see every unit; everybody else only their own. */
export function seesAllUnits(actor: Actor): boolean {
  return actor.roles.includes('administrator') || actor.roles.includes('ledelse');
}

export function isInUnit(actor: Actor, unitId: string): boolean {
  return seesAllUnits(actor) || actor.unitIds.includes(unitId);
}

import type { Queryable } from '../../db/database';
import { insertUser } from '../../db/repositories/users';
import type { Role } from '../../domain/access';
import { hashPassword } from '../passwords';
import { DEMO_REVIEWS_REGISTERED_FROM } from './reviews';

/** The demo municipality's units; the first is the unit behind the reference plan HANDLEPLAN 2018. */
export const DEMO_CENTER = {
  name: 'Center for Børn og Unge',
  responsible: 'Centerchef Birgitte Holm',
};
export const DEMO_UNITS = [
  {
    key: 'myndighed',
    name: 'Myndighed, det specialiserede børneområde',
    kind: 'omraade',
    responsible: 'Funktionsleder Mette Friis',
  },
  {
    key: 'unge',
    name: 'Ungeteam og efterværn',
    kind: 'afdeling',
    responsible: 'Funktionsleder Jonas Krogh',
  },
  {
    key: 'handicap',
    name: 'Børnehandicap',
    kind: 'afdeling',
    responsible: 'Funktionsleder Lise Mortensen',
  },
  {
    key: 'familiecenter',
    name: 'Slagelse Familie Center',
    kind: 'virksomhed',
    responsible: 'Leder Per Thomsen',
  },
] as const;
export type DemoUnitKey = (typeof DEMO_UNITS)[number]['key'];

export const DEMO_USERS: {
  username: string;
  displayName: string;
  roles: Role[];
  units: DemoUnitKey[];
}[] = [
  { username: 'admin', displayName: 'Anne Administrator', roles: ['administrator'], units: [] },
  {
    username: 'okonomi',
    displayName: 'Ole Økonomikonsulent',
    roles: ['okonomikonsulent'],
    units: ['myndighed', 'unge', 'handicap', 'familiecenter'],
  },
  {
    username: 'leder',
    displayName: 'Mette Friis',
    roles: ['funktionsleder'],
    units: ['myndighed'],
  },
  {
    username: 'koordinator',
    displayName: 'Karen Koordinator',
    roles: ['faglig_koordinator'],
    units: ['myndighed', 'unge'],
  },
  {
    username: 'ungeleder',
    displayName: 'Jonas Krogh',
    roles: ['funktionsleder'],
    units: ['unge'],
  },
  {
    username: 'handicapkoordinator',
    displayName: 'Helle Holm',
    roles: ['faglig_koordinator'],
    units: ['handicap'],
  },
  {
    username: 'raadgiver',
    displayName: 'Rasmus Rådgiver',
    roles: ['raadgiver'],
    units: ['myndighed'],
  },
  { username: 'direktion', displayName: 'Dorte Direktør', roles: ['ledelse'], units: [] },
  { username: 'laeser', displayName: 'Lars Læser', roles: ['laeser'], units: ['myndighed'] },
];

export const DEMO_PASSWORD = 'demo';

/**
 * Creates the demo municipality's settings, centre, units and users; returns unit ids by key.
 * The demo municipality registers reviews in Overblik from the first day of the current year.
 */
export async function seedDemoOrganisation(tx: Queryable): Promise<Record<DemoUnitKey, string>> {
  await tx.query(
    `UPDATE settings SET municipality_name = 'Demo Kommune', reviews_registered_from = $1
      WHERE id = 1`,
    [DEMO_REVIEWS_REGISTERED_FROM],
  );
  const [center] = await tx.query<{ id: string }>(
    'INSERT INTO centers (name, responsible) VALUES ($1, $2) RETURNING id',
    [DEMO_CENTER.name, DEMO_CENTER.responsible],
  );
  const unitIds = {} as Record<DemoUnitKey, string>;
  for (const unit of DEMO_UNITS) {
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO units (center_id, name, kind, responsible) VALUES ($1, $2, $3, $4) RETURNING id',
      [center?.id, unit.name, unit.kind, unit.responsible],
    );
    if (row) unitIds[unit.key] = row.id;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    await insertUser(tx, {
      username: user.username,
      displayName: user.displayName,
      passwordHash,
      roles: user.roles,
      unitIds: user.units.map((k) => unitIds[k]),
    });
  }
  return unitIds;
}

/** The administration API's documents, as the pages use them. */
export interface Unit {
  id: string;
  name: string;
  kind: 'virksomhed' | 'omraade' | 'afdeling';
  responsible: string | null;
  version: number;
  center: { id: string; name: string; responsible: string | null };
}

export interface Center {
  id: string;
  name: string;
  responsible: string | null;
  version: number;
  units: Unit[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitIds: string[];
  isActive: boolean;
  hasPassword: boolean;
  singleSignOn: boolean;
  version: number;
}

export interface Settings {
  municipalityName: string;
  actionPlanThreshold: number;
  /** ÅÅÅÅ-MM-DD; null: reviews are registered from the beginning */
  reviewsRegisteredFrom: string | null;
  version: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  action: string;
  objectType: string;
  objectId: string | null;
  /** the object's name as it is now; null when gone or nameless */
  objectName: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export const ROLE_KEYS = [
  'administrator',
  'okonomikonsulent',
  'funktionsleder',
  'faglig_koordinator',
  'raadgiver',
  'ledelse',
  'laeser',
] as const;

export const UNIT_KINDS = ['virksomhed', 'omraade', 'afdeling'] as const;

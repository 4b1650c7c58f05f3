/** Where an object is seen in the app, by its type (as the audit trail and the API name it). */
const OBJECT_PAGES: Record<string, (id: string) => string> = {
  case: (id) => `/sager/sag/${id}`,
  action_plan: (id) => `/handleplaner/${id}`,
  meeting: (id) => `/moeder/${id}`,
  status_report: (id) => `/rapporter/${id}`,
  approval: (id) => `/opgaver/godkendelser/${id}`,
  provider: () => '/sager/leverandoerer',
  unit: () => '/administration',
  center: () => '/administration',
  user: () => '/administration/brugere',
  followup_round: () => '/budget/opfoelgninger',
  budget_line: () => '/budget/budgetter',
  ledger_import: () => '/budget/import',
  approval_rule: () => '/administration/godkendelsesregler',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The link to an object, when the app shows it somewhere. */
export function objectLink(type: string, id: string | null): string | null {
  const page = OBJECT_PAGES[type];
  if (!page) return null;
  const needsId = page('x') !== page('y');
  if (needsId && !(id && UUID.test(id))) return null;
  return page(id ?? '');
}

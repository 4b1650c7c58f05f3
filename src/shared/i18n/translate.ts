// Translation files, one per feature and language, merged into one tree per language.
// A feature adds its own file pair (da/<feature>.json, en/<feature>.json) with one top-level key.
import daCommon from './da/common.json';
import enCommon from './en/common.json';
import daAdmin from './da/admin.json';
import enAdmin from './en/admin.json';
import daActionPlans from './da/actionPlans.json';
import enActionPlans from './en/actionPlans.json';
import daCases from './da/cases.json';
import enCases from './en/cases.json';
import daBudget from './da/budget.json';
import enBudget from './en/budget.json';
import daReports from './da/reports.json';
import enReports from './en/reports.json';
import daMeetings from './da/meetings.json';
import enMeetings from './en/meetings.json';
import daReviews from './da/reviews.json';
import enReviews from './en/reviews.json';
import daTasks from './da/tasks.json';
import enTasks from './en/tasks.json';
import daProviders from './da/providers.json';
import enProviders from './en/providers.json';

export const resources = {
  da: {
    ...daCommon,
    ...daAdmin,
    ...daActionPlans,
    ...daCases,
    ...daBudget,
    ...daReports,
    ...daMeetings,
    ...daReviews,
    ...daTasks,
    ...daProviders,
  },
  en: {
    ...enCommon,
    ...enAdmin,
    ...enActionPlans,
    ...enCases,
    ...enBudget,
    ...enReports,
    ...enMeetings,
    ...enReviews,
    ...enTasks,
    ...enProviders,
  },
} as const;
export type Language = keyof typeof resources;

/**
 * Looks up `key` (dotted) in a translation file and fills `{{name}}` placeholders.
 * The server uses this for problem details; the web app uses i18next on the same files.
 */
export function translate(
  key: string,
  params: Record<string, string | number> = {},
  lang: Language = 'da',
): string {
  let node: unknown = resources[lang];
  for (const part of key.split('.')) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

import { daysInMonth, parseIsoDate, type IsoDate } from '../../../domain/months';
import {
  AGE_BANDS,
  COST_GROUPS,
  PROVIDERS,
  type AgeBand,
  type CostGroup,
  type Provider,
} from '../../../domain/status-report/report';
import type { StatusReportFocusAreaJson } from '../../../shared/schemas/status-report';
import { ApiError } from '../../api';

export { AGE_BANDS, COST_GROUPS, PROVIDERS };
export type { AgeBand, CostGroup, Provider };

/** The API's limit on focus areas in one report. */
export const MAX_FOCUS_AREAS = 20;

/** A focus area as the editor holds it: `key` keeps its identity while areas move. */
export interface DraftArea {
  key: string;
  title: string;
  action: string;
  judgement: string;
  cost: { group: CostGroup; provider: Provider | null } | null;
  families: { band: AgeBand } | null;
}

let nextKey = 0;
const newKey = () => `area-${++nextKey}`;

export function emptyArea(): DraftArea {
  return { key: newKey(), title: '', action: '', judgement: '', cost: null, families: null };
}

/** The editor's copy of a stored focus area. */
export function draftOf(area: Omit<StatusReportFocusAreaJson, 'figures'>): DraftArea {
  return {
    key: newKey(),
    title: area.title,
    action: area.action,
    judgement: area.judgement,
    cost: area.cost
      ? { group: area.cost.group as CostGroup, provider: area.cost.provider as Provider | null }
      : null,
    families: area.families ? { band: area.families.band as AgeBand } : null,
  };
}

/** A focus area for the API: what it measures and its texts, without the editor's key. */
export function specOf(area: DraftArea) {
  return {
    title: area.title,
    action: area.action,
    judgement: area.judgement,
    cost: area.cost,
    families: area.families,
  };
}

/** Focus areas to start a new report from: the same titles and measures, empty texts. */
export function copiedAreas(areas: readonly StatusReportFocusAreaJson[]) {
  return areas.map((a) => ({ ...specOf(draftOf(a)), action: '', judgement: '' }));
}

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;

/** The last day of the month before `today` (local calendar): a report's usual as-of date. */
export function endOfLastMonth(today: Date): IsoDate {
  const month = today.getMonth(); // 0-based: this month's index is last month's number
  const year = month === 0 ? today.getFullYear() - 1 : today.getFullYear();
  const last = month === 0 ? 12 : month;
  return iso(year, last, daysInMonth(year, last));
}

export const isValidDate = (text: string) => parseIsoDate(text) !== null;

/** A field's problem keyed by its dotted API path (`title`, `focusAreas.0.title`). */
export type FieldErrors = Record<string, string>;

/** The field issues of an API problem, by path; empty for any other error. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError)
    for (const issue of error.issues) out[issue.path] ??= issue.message;
  return out;
}

import type { ActsOnKind } from '../../../domain/action-plan/acts-on';
import { toKroner } from '../../../domain/money';
import type { ActionPlanResponse } from '../../../shared/schemas/action-plan';
import { ACTION_PLAN_FORMAT } from '../../../shared/schemas/action-plan';
import { cellText, parseCell, parseTarget, type GridRow } from './grid-model';

/** Everything the editor form holds, as the user typed it. */
export interface EditorState {
  title: string;
  year: number;
  centerName: string;
  centerResponsible: string;
  unitName: string;
  unitResponsible: string;
  startedOn: string;
  updatedOn: string;
  cause: string;
  causes: string;
  atStart: string;
  afterThisUpdate: string;
  /** Where each figure is to come from: the forecast, an override with a reason, or typed. */
  atStartSource: FigureSource;
  afterThisUpdateSource: FigureSource;
  comment: string;
  areas: {
    key: string;
    number: number;
    title: string;
    goal: string;
    action: string;
    consequences: string;
    /** "Virker på": the kind ('' = nothing, realised effect typed by hand) and the chosen value. */
    actsOnKind: ActsOnKind | '';
    actsOnValue: string;
  }[];
  grid: GridRow[];
}

export interface FigureSource {
  kind: 'forecast' | 'override' | 'manual';
  reason: string;
}

type SourceOut = ActionPlanResponse['overspendSources']['atStart'];

/** A stored source as the editor holds it: no source is a figure typed by hand. */
function figureSource(source: SourceOut): FigureSource {
  return { kind: source?.kind ?? 'manual', reason: source?.reason ?? '' };
}

/** What the document asks for: the kind, and the reason only for an override. */
function sourceRequest(source: FigureSource) {
  return source.kind === 'override'
    ? { kind: source.kind, reason: source.reason.trim() || null }
    : { kind: source.kind, reason: null };
}

let keySeq = 0;
export const newKey = () => `area-${++keySeq}`;

const amountText = (v: number | null) => (v === null ? '' : cellText(v) || '0');

export function editorFromPlan(plan: ActionPlanResponse): EditorState {
  const keys = plan.areas.map(() => newKey());
  return {
    title: plan.title,
    year: plan.year,
    centerName: plan.center.name ?? '',
    centerResponsible: plan.center.responsible ?? '',
    unitName: plan.unit.name ?? '',
    unitResponsible: plan.unit.responsible ?? '',
    startedOn: plan.startedOn ?? '',
    updatedOn: plan.updatedOn ?? '',
    cause: plan.cause ?? '',
    causes: plan.causes.join('\n'),
    atStart: amountText(plan.expectedOverspend.atStart),
    afterThisUpdate: amountText(plan.expectedOverspend.afterThisUpdate),
    atStartSource: figureSource(plan.overspendSources.atStart),
    afterThisUpdateSource: figureSource(plan.overspendSources.afterThisUpdate),
    comment: '',
    areas: plan.areas.map((a, i) => ({
      key: keys[i] ?? newKey(),
      number: a.number,
      title: a.title ?? '',
      goal: a.goal ?? '',
      action: a.action ?? '',
      consequences: a.consequences ?? '',
      actsOnKind: a.actsOn?.kind ?? '',
      actsOnValue: a.actsOn?.value ?? '',
    })),
    grid: plan.areas.map((a, i) => ({
      key: keys[i] ?? newKey(),
      number: a.number,
      target: amountText(a.targetAmount),
      cells: a.monthlyEffect.map(cellText),
    })),
  };
}

export interface EditorProblem {
  field: string;
  text: string;
}

/**
 * The editor's content as an interchange document, or the cells that are not amounts. The
 * realised effect is not part of this form (it has its own).
 */
export function documentFromEditor(
  state: EditorState,
): { ok: true; document: Record<string, unknown> } | { ok: false; problems: EditorProblem[] } {
  const problems: EditorProblem[] = [];
  const amount = (field: string, text: string): number | null => {
    const parsed = parseTarget(text);
    if (parsed === null) return null;
    if (!parsed.ok) {
      problems.push({ field, text });
      return null;
    }
    return toKroner(parsed.value);
  };
  const areas = state.areas.map((area, i) => {
    const row = state.grid[i];
    return {
      number: area.number,
      title: area.title || null,
      goal: area.goal || null,
      targetAmount: amount(`areas.${i}.targetAmount`, row?.target ?? ''),
      action: area.action || null,
      consequences: area.consequences || null,
      actsOn:
        area.actsOnKind && area.actsOnValue
          ? { kind: area.actsOnKind, value: area.actsOnValue }
          : null,
      monthlyEffect: (row?.cells ?? []).map((text, m) => {
        const parsed = parseCell(text);
        if (!parsed.ok) {
          problems.push({ field: `areas.${i}.monthlyEffect.${m}`, text });
          return 0;
        }
        return toKroner(parsed.value);
      }),
    };
  });
  const document = {
    format: ACTION_PLAN_FORMAT,
    title: state.title,
    year: state.year,
    center: { name: state.centerName || null, responsible: state.centerResponsible || null },
    unit: { name: state.unitName || null, responsible: state.unitResponsible || null },
    startedOn: state.startedOn || null,
    updatedOn: state.updatedOn || null,
    cause: state.cause || null,
    causes: state.causes
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean),
    areas,
    expectedOverspend: {
      atStart: amount('expectedOverspend.atStart', state.atStart),
      atLastUpdate: null,
      afterThisUpdate: amount('expectedOverspend.afterThisUpdate', state.afterThisUpdate),
    },
    overspendSources: {
      atStart: sourceRequest(state.atStartSource),
      afterThisUpdate: sourceRequest(state.afterThisUpdateSource),
    },
  };
  return problems.length ? { ok: false, problems } : { ok: true, document };
}

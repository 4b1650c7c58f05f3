import type { PlanStatus } from '../domain/action-plan';
import {
  formatKroner,
  ore,
  oreFromKroner,
  roundToWholeKroner,
  wholeKronerAddingUp,
} from '../domain/money';
import { formatDanishDate, parseIsoDate } from '../domain/months';
import { translate } from '../shared/i18n/translate';
import { fileSlug } from './files';

/** A frozen line of the round, in øre, with its account function's name. */
export interface RoundExportLine {
  unitId: string;
  unitName: string;
  accountFunction: string;
  functionName: string | null;
  budgetOre: number;
  actualsOre: number;
  refusionOre: number;
  /** the net forecast (after expected refusion), as the trigger compares it */
  forecastOre: number;
  comment: string;
}

/** An action plan of the round's year as it stood when the round was frozen. */
export interface RoundExportPlan {
  unitId: string;
  title: string;
  status: PlanStatus;
  expectedAtStartOre: number | null;
  plannedTotalOre: number;
}

/** What every renderer of a follow-up round gets. */
export interface RoundExportInput {
  round: {
    name: string;
    year: number;
    asOf: string;
    actualsThrough: string | null;
    createdBy: string;
    createdAt: string;
  };
  lines: readonly RoundExportLine[];
  /** the round before it in the year, with each unit's expected overspend then (øre) */
  previous: { name: string; overspendByUnit: ReadonlyMap<string, number> } | null;
  plans: readonly RoundExportPlan[];
  thresholdOre: number;
}

/** Whole kroner of one row; gross = net + refusion and overspend = net − budget hold exactly. */
export interface RoundFigures {
  budget: number;
  actuals: number;
  gross: number;
  refusion: number;
  net: number;
  overspend: number;
}

export interface RoundExportUnit {
  name: string;
  rows: (RoundFigures & { label: string; comment: string })[];
  total: RoundFigures;
  /** change of the unit's expected overspend since the round before, whole kroner */
  change: number | null;
  planRequired: boolean;
  plans: string[];
}

export interface RoundExportView {
  title: string;
  subtitle: string[];
  units: RoundExportUnit[];
  total: RoundFigures;
}

export const t = (key: string, params: Record<string, string | number> = {}) =>
  translate(`budget.roundExport.${key}`, params);

const danishDate = (iso: string) => {
  const d = parseIsoDate(iso.slice(0, 10));
  return d ? formatDanishDate(d) : iso;
};

/** `7.600.000` for whole kroner. */
export const kronerText = (kroner: number) => formatKroner(oreFromKroner(kroner));

const FIGURES: readonly (keyof RoundFigures)[] = [
  'budget',
  'actuals',
  'gross',
  'refusion',
  'net',
  'overspend',
];

/** The column headings of the figures, in the order of `FIGURES`. */
export function figureHeadings(): string[] {
  return FIGURES.map((f) => t(`columns.${f}`));
}

export function figuresOf(row: RoundFigures): number[] {
  return FIGURES.map((f) => row[f]);
}

function sum(rows: readonly RoundFigures[]): RoundFigures {
  const total = { budget: 0, actuals: 0, gross: 0, refusion: 0, net: 0, overspend: 0 };
  for (const r of rows) for (const f of FIGURES) total[f] += r[f];
  return total;
}

/**
 * The round as the committee reads it. Overviews are in whole kroner and every total is the sum
 * of the figures printed above it: each column (budget, actuals, refusion, net forecast) is
 * rounded over all the round's lines so that the whole round's total is its exact total rounded
 * (`wholeKronerAddingUp`); gross forecast and overspend are then derived from the rounded
 * figures, so "brutto = netto + refusion" and "merforbrug = netto − budget" hold on paper in
 * every row. A unit's total may therefore differ by a krone or two from its exact total rounded
 * on its own. The Excel workbook carries the exact øre (see the workbook renderer).
 */
export function roundExportView(input: RoundExportInput): RoundExportView {
  const { round, lines } = input;
  const whole = (pick: (l: RoundExportLine) => number) =>
    wholeKronerAddingUp(
      lines.map((l) => ore(pick(l))),
      ore(lines.reduce((s, l) => s + pick(l), 0)),
    );
  const budget = whole((l) => l.budgetOre);
  const actuals = whole((l) => l.actualsOre);
  const refusion = whole((l) => l.refusionOre);
  const net = whole((l) => l.forecastOre);
  const byUnit = new Map<string, { name: string; rows: RoundExportUnit['rows'] }>();
  lines.forEach((l, i) => {
    const b = budget[i] ?? 0;
    const n = net[i] ?? 0;
    const r = refusion[i] ?? 0;
    const unit = byUnit.get(l.unitId) ?? { name: l.unitName, rows: [] };
    unit.rows.push({
      label: l.functionName ? `${l.accountFunction} ${l.functionName}` : l.accountFunction,
      budget: b,
      actuals: actuals[i] ?? 0,
      gross: n + r,
      refusion: r,
      net: n,
      overspend: n - b,
      comment: l.comment,
    });
    byUnit.set(l.unitId, unit);
  });
  const thresholdKroner = roundToWholeKroner(ore(input.thresholdOre));
  const units = [...byUnit.entries()].map(([unitId, u]): RoundExportUnit => {
    const total = sum(u.rows);
    const before = input.previous?.overspendByUnit.get(unitId);
    return {
      name: u.name,
      rows: u.rows,
      total,
      change: before === undefined ? null : total.overspend - roundToWholeKroner(ore(before)),
      planRequired: total.overspend > thresholdKroner,
      plans: input.plans
        .filter((p) => p.unitId === unitId)
        .map((p) =>
          t('planLine', {
            title: p.title,
            status: translate(`actionPlans.status.${p.status}`),
            expected:
              p.expectedAtStartOre === null
                ? t('notStated')
                : kronerText(roundToWholeKroner(ore(p.expectedAtStartOre))),
            planned: kronerText(roundToWholeKroner(ore(p.plannedTotalOre))),
          }),
        ),
    };
  });
  return {
    title: round.name,
    subtitle: [
      t('asOf', { date: danishDate(round.asOf) }),
      round.actualsThrough
        ? t('actualsThrough', { date: danishDate(round.actualsThrough) })
        : t('actualsUnknown'),
      t('frozen', { by: round.createdBy, date: danishDate(round.createdAt) }),
      ...(input.previous ? [t('previous', { name: input.previous.name })] : []),
      t('rounding'),
    ],
    units,
    total: sum(units.map((u) => u.total)),
  };
}

/** `+250.000`, `-1.200`, `0` (signs as the other figures have them), or a dash when there is none. */
export function changeText(change: number | null): string {
  if (change === null) return '–';
  return `${change > 0 ? '+' : ''}${kronerText(change)}`;
}

/** `Budgetopfølgning 2, 2026` → `budgetopfoelgning-2-2026`, for the file name. */
export function roundFileBaseName(name: string): string {
  return fileSlug(name) || 'budgetopfoelgning';
}

import type { Actor } from '../../domain/access';
import { listPlanStatesAt } from '../../db/repositories/action-plans';
import { listAccountFunctions } from '../../db/repositories/budgets';
import { findRound, listRoundLines, listRounds } from '../../db/repositories/follow-up';
import { MEDIA_TYPES, type MadeFile } from '../../reports/files';
import { roundFileBaseName, type RoundExportInput } from '../../reports/follow-up-round-view';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, readableUnitIds } from '../policies/policy';
import { actionPlanThreshold } from './action-plan-trigger-service';

export const ROUND_EXPORT_FORMATS = ['docx', 'xlsx', 'pdf'] as const;
export type RoundExportFormat = (typeof ROUND_EXPORT_FORMATS)[number];

/**
 * What a frozen round's documents show, all as frozen: the round's lines in the units the
 * reader may see, the round before it in the year (for the change since then), and the year's
 * action plans as they stood when the round was frozen — so a round exported again later is
 * the same document.
 */
export async function roundExportInput(
  deps: AppDeps,
  actor: Actor,
  id: string,
): Promise<RoundExportInput> {
  authorize(actor, 'forecast.read');
  const round = await findRound(deps.db, id);
  if (!round) throw new AppError('not_found');
  const unitIds = readableUnitIds(actor, 'forecast.read');
  const lines = await listRoundLines(deps.db, [id], unitIds);
  const names = new Map((await listAccountFunctions(deps.db)).map((f) => [f.code, f.name]));
  const previous = (await listRounds(deps.db, round.year))
    .filter((r) => r.as_of < round.as_of)
    .at(-1);
  const overspendByUnit = new Map<string, number>();
  if (previous)
    for (const l of await listRoundLines(deps.db, [previous.id], unitIds))
      overspendByUnit.set(
        l.unit_id,
        (overspendByUnit.get(l.unit_id) ?? 0) + l.forecast_ore - l.budget_ore,
      );
  return {
    round: {
      name: round.name,
      year: round.year,
      asOf: round.as_of,
      actualsThrough: round.actuals_through,
      createdBy: round.created_by,
      createdAt: round.created_at,
    },
    lines: lines.map((l) => ({
      unitId: l.unit_id,
      unitName: l.unit_name,
      accountFunction: l.account_function,
      functionName: names.get(l.account_function) ?? null,
      budgetOre: l.budget_ore,
      actualsOre: l.actuals_ore,
      refusionOre: l.refusion_ore,
      forecastOre: l.forecast_ore,
      comment: l.comment,
    })),
    previous: previous ? { name: previous.name, overspendByUnit } : null,
    plans: await listPlanStatesAt(deps.db, { year: round.year, unitIds, at: round.created_at }),
    thresholdOre: await actionPlanThreshold(deps),
  };
}

/** A frozen follow-up round as the committee document: Word, Excel or PDF. */
export async function exportRound(
  deps: AppDeps,
  actor: Actor,
  id: string,
  format: RoundExportFormat,
): Promise<MadeFile> {
  const input = await roundExportInput(deps, actor, id);
  // The document libraries are loaded on the first export, not by every app server at start.
  const render =
    format === 'docx'
      ? (await import('../../reports/follow-up-round-docx')).renderRoundDocx
      : format === 'xlsx'
        ? (await import('../../reports/follow-up-round-xlsx')).renderRoundXlsx
        : (await import('../../reports/follow-up-round-pdf')).renderRoundPdf;
  return {
    body: new Uint8Array(await render(input)),
    contentType: MEDIA_TYPES[format],
    filename: `${roundFileBaseName(input.round.name)}.${format}`,
  };
}

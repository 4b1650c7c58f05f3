import type { Actor } from '../../domain/access';
import { planIssues } from '../../domain/action-plan';
import { fileBaseName, type ActionPlanReportInput } from '../../reports/action-plan-view';
import { MEDIA_TYPES, type MadeFile } from '../../reports/files';
import { planToDocument } from '../../shared/schemas/action-plan';
import type { AppDeps } from '../context';
import { presentIssue } from '../presenters/action-plan';
import { getActionPlan } from './action-plan-service';
import { actionPlanThreshold } from './action-plan-trigger-service';

export const EXPORT_FORMATS = ['docx', 'xlsx', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A plan as a file: Word, Excel, PDF or the JSON interchange document (which imports back). */
export async function exportActionPlan(
  deps: AppDeps,
  actor: Actor,
  id: string,
  format: ExportFormat,
): Promise<MadeFile> {
  const { meta, plan } = await getActionPlan(deps, actor, id);
  const filename = `${fileBaseName(plan)}.${format}`;
  if (format === 'json') {
    return {
      body: `${JSON.stringify(planToDocument(plan), null, 2)}\n`,
      contentType: MEDIA_TYPES.json,
      filename,
    };
  }
  const input: ActionPlanReportInput = {
    plan,
    status: meta.status,
    version: meta.version,
    issues: planIssues(plan).map(presentIssue),
    threshold: await actionPlanThreshold(deps),
  };
  // The document libraries are loaded on the first export, not by every app server at start.
  const render =
    format === 'docx'
      ? (await import('../../reports/action-plan-docx')).renderActionPlanDocx
      : format === 'xlsx'
        ? (await import('../../reports/action-plan-xlsx')).renderActionPlanXlsx
        : (await import('../../reports/action-plan-pdf')).renderActionPlanPdf;
  return {
    body: new Uint8Array(await render(input)),
    contentType: MEDIA_TYPES[format],
    filename,
  };
}

import { SYSTEM_ACTOR, type Actor } from '../../domain/access';
import { ore, toKroner, type Ore } from '../../domain/money';
import { type IsoDate } from '../../domain/months';
import {
  baselineOf,
  changePercent,
  type AgeBand,
  type FocusAreaFigures,
  type FocusAreaSpec,
} from '../../domain/status-report/report';
import { recordAudit } from '../../db/repositories/audit';
import {
  finaliseReport,
  findReport,
  insertReport,
  listReports,
  updateReport,
  type ReportContent,
  type StoredReport,
} from '../../db/repositories/status-reports';
import type {
  StatusReportJson,
  StatusReportListItemJson,
} from '../../shared/schemas/status-report';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize } from '../policies/policy';
import { validationError } from '../validation';
import { danishMoment } from './action-plan-service';
import { familyCountsOn, groupCosts } from './commitments/committed-cost';
import { reportIndicators } from './indicator-service';
import { changedFieldNames } from './audit-service';
import { translate } from '../../shared/i18n/translate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A status report covers the whole municipality: it is read with `report.read` and written
 * with `report.write`, not scoped to units. Its figures are aggregate totals of all units
 * (no case is named), so they are computed with the system's reach, not the reader's, and a
 * unit-scoped reader sees the same figures as the committee.
 */
function authorizeReport(actor: Actor, action: 'report.read' | 'report.write'): void {
  authorize(actor, 'report.read');
  if (action === 'report.write') authorize(actor, 'report.write');
}

/**
 * The figures of every focus area, computed now from the cases with the commitment
 * statements: cost of the group (and provider) in the previous year as of 31 December and in
 * the report's year as of its date; families with more than one intervention on both dates.
 */
export async function computeFigures(
  deps: AppDeps,
  content: Pick<ReportContent, 'year' | 'asOf' | 'focusAreas'>,
): Promise<FocusAreaFigures[]> {
  const base = baselineOf(content.year);
  // every cost figure of the report from one load of the cases
  const costRequests = content.focusAreas.flatMap((area) =>
    area.cost
      ? [
          { year: base.year, asOf: base.asOf, group: area.cost.group },
          { year: content.year, asOf: content.asOf, group: area.cost.group },
        ]
      : [],
  );
  const costs = await groupCosts(deps, SYSTEM_ACTOR, costRequests);
  const costAt = new Map(
    costRequests.map((r, i) => [`${r.year}|${r.asOf}|${r.group}`, costs[i]] as const),
  );
  const familyCounts = new Map<string, ReturnType<typeof familyCountsOn>>();
  const familiesOn = (date: IsoDate) => {
    let found = familyCounts.get(date);
    if (!found) {
      found = familyCountsOn(deps, date);
      familyCounts.set(date, found);
    }
    return found;
  };
  const costOf = (year: number, asOf: IsoDate, spec: NonNullable<FocusAreaSpec['cost']>): Ore => {
    const c = costAt.get(`${year}|${asOf}|${spec.group}`);
    if (!c) return ore(0);
    return ore(spec.provider ? (c.byProviderOre.get(spec.provider) ?? 0) : c.totalOre);
  };
  const bandOn = async (date: IsoDate, band: AgeBand) => {
    const f = await familiesOn(date);
    const b = f.find((x) => x.band === band);
    return { date, families: b?.families ?? 0, perFamily: b?.perFamily ?? 0 };
  };
  const result: FocusAreaFigures[] = [];
  for (const area of content.focusAreas) {
    const figures: FocusAreaFigures = { cost: null, families: null };
    if (area.cost) {
      figures.cost = {
        baseline: {
          year: base.year,
          asOf: base.asOf,
          amountOre: costOf(base.year, base.asOf, area.cost),
        },
        current: {
          year: content.year,
          asOf: content.asOf,
          amountOre: costOf(content.year, content.asOf, area.cost),
        },
      };
    }
    if (area.families) {
      figures.families = {
        band: area.families.band,
        baseline: await bandOn(base.asOf, area.families.band),
        current: await bandOn(content.asOf, area.families.band),
      };
    }
    result.push(figures);
  }
  return result;
}

function present(report: StoredReport, figures: FocusAreaFigures[]): StatusReportJson {
  return {
    id: report.id,
    title: report.title,
    year: report.year,
    asOf: report.asOf,
    intro: report.intro,
    closing: report.closing,
    status: report.status,
    version: report.version,
    updatedAt: report.updatedAt,
    updatedBy: report.updatedBy,
    finalisedAt: report.finalisedAt,
    finalisedBy: report.finalisedBy,
    frozen: report.frozenFigures !== null,
    focusAreas: report.focusAreas.map((area, i) => {
      const f = figures[i] ?? { cost: null, families: null };
      return {
        ...area,
        figures: {
          cost: f.cost && {
            baseline: {
              year: f.cost.baseline.year,
              asOf: f.cost.baseline.asOf,
              amount: toKroner(f.cost.baseline.amountOre),
            },
            current: {
              year: f.cost.current.year,
              asOf: f.cost.current.asOf,
              amount: toKroner(f.cost.current.amountOre),
            },
            changePercent: changePercent(f.cost.baseline.amountOre, f.cost.current.amountOre),
          },
          families: f.families,
        },
      };
    }),
  };
}

/** Every report (texts only), for the list. */
export async function listStatusReports(
  deps: AppDeps,
  actor: Actor,
): Promise<StatusReportListItemJson[]> {
  authorizeReport(actor, 'report.read');
  const reports = await listReports(deps.db);
  return reports.map((r) => ({
    id: r.id,
    title: r.title,
    year: r.year,
    asOf: r.asOf,
    status: r.status,
    version: r.version,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  }));
}

/** One report with its figures and indicators: frozen when final, otherwise computed now. */
export async function getStatusReport(
  deps: AppDeps,
  actor: Actor,
  id: string,
): Promise<StatusReportJson> {
  authorizeReport(actor, 'report.read');
  const report = UUID.test(id) ? await findReport(deps.db, id) : undefined;
  if (!report) throw new AppError('not_found');
  const figures = report.frozenFigures ?? (await computeFigures(deps, report));
  const indicators = report.frozenIndicators ?? (await reportIndicators(deps, report));
  return { ...present(report, figures), indicators };
}

function checkContent(content: ReportContent): void {
  if (Number(content.asOf.slice(0, 4)) !== content.year) {
    throw validationError([
      {
        path: 'asOf',
        code: 'outside_year',
        message: translate('reports.problems.asOfOutsideYear', { year: content.year }),
      },
    ]);
  }
}

/** Creates a draft report (audited). */
export async function createStatusReport(
  deps: AppDeps,
  actor: Actor,
  content: ReportContent,
  requestId: string,
): Promise<StatusReportJson> {
  authorizeReport(actor, 'report.write');
  checkContent(content);
  const id = await deps.db.transaction(async (tx) => {
    const newId = await insertReport(tx, { content, by: actor.username, at: deps.now() });
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        objectType: 'status_report',
        objectId: newId,
        after: reportAudit(null, content),
      },
      requestId,
    );
    return newId;
  });
  return getStatusReport(deps, actor, id);
}

async function lockDraft(
  tx: Parameters<Parameters<AppDeps['db']['transaction']>[0]>[0],
  id: string,
  basedOn: number,
): Promise<StoredReport> {
  const report = UUID.test(id) ? await findReport(tx, id, true) : undefined;
  if (!report) throw new AppError('not_found');
  if (report.version !== basedOn) {
    throw new AppError(
      'version_conflict',
      {
        object: translate('objects.named', {
          object: translate('objects.status_report'),
          title: report.title,
        }),
        user: report.updatedBy,
        at: danishMoment(report.updatedAt),
      },
      [],
      { currentVersion: report.version, changedBy: report.updatedBy, changedAt: report.updatedAt },
    );
  }
  if (report.status === 'final') throw new AppError('status_report_final');
  return report;
}

/** A report's audit: its year and date, and the names of the texts that changed, not the texts. */
function reportAudit(before: ReportContent | null, after: ReportContent) {
  return {
    year: after.year,
    asOf: after.asOf,
    focusAreas: after.focusAreas.length,
    changed: changedFieldNames(before ? { ...before } : null, { ...after }),
  };
}

const contentOf = (r: StoredReport): ReportContent => ({
  title: r.title,
  year: r.year,
  asOf: r.asOf,
  intro: r.intro,
  closing: r.closing,
  focusAreas: r.focusAreas,
});

/** Saves a draft's texts; a stale version is a 409 naming who changed it; audited. */
export async function updateStatusReport(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { version: number; content: ReportContent },
  requestId: string,
): Promise<StatusReportJson> {
  authorizeReport(actor, 'report.write');
  checkContent(input.content);
  await deps.db.transaction(async (tx) => {
    const before = await lockDraft(tx, id, input.version);
    await updateReport(tx, { id, content: input.content, by: actor.username, at: deps.now() });
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        objectType: 'status_report',
        objectId: id,
        before: { year: before.year, asOf: before.asOf, version: input.version },
        after: reportAudit(contentOf(before), input.content),
      },
      requestId,
    );
  });
  return getStatusReport(deps, actor, id);
}

/**
 * Marks a report final: its figures and indicators are computed once more and stored with it, so the report
 * as sent to the committee never changes afterwards; audited with the frozen figures.
 */
export async function finaliseStatusReport(
  deps: AppDeps,
  actor: Actor,
  id: string,
  version: number,
  requestId: string,
): Promise<StatusReportJson> {
  authorizeReport(actor, 'report.write');
  const current = UUID.test(id) ? await findReport(deps.db, id) : undefined;
  if (!current) throw new AppError('not_found');
  const [figures, indicators] = await Promise.all([
    computeFigures(deps, current),
    reportIndicators(deps, current),
  ]);
  await deps.db.transaction(async (tx) => {
    const before = await lockDraft(tx, id, version);
    if (before.asOf !== current.asOf || before.year !== current.year)
      throw new AppError('version_conflict', {
        object: translate('objects.named', {
          object: translate('objects.status_report'),
          title: before.title,
        }),
        user: before.updatedBy,
        at: danishMoment(before.updatedAt),
      });
    await finaliseReport(tx, { id, figures, indicators, by: actor.username, at: deps.now() });
    await recordAudit(
      tx,
      actor,
      {
        action: 'finalise',
        objectType: 'status_report',
        objectId: id,
        before: { status: 'draft', version },
        after: { status: 'final', figures, indicators },
      },
      requestId,
    );
  });
  return getStatusReport(deps, actor, id);
}

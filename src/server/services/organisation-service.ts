import type { Actor } from '../../domain/access';
import { kronerFromJsonNumber, ore, toKroner } from '../../domain/money';
import type { IsoDate } from '../../domain/months';
import { recordAudit } from '../../db/repositories/audit';
import {
  centerNameTaken,
  findCenter,
  findUnit,
  getSettings,
  insertCenter,
  insertUnit,
  listCenters,
  listUnits,
  unitNameTaken,
  updateCenter,
  updateSettings,
  updateUnit,
  type CenterRow,
  type SettingsRow,
  type UnitKind,
  type UnitRow,
} from '../../db/repositories/organisation';
import { translate } from '../../shared/i18n/translate';
import type { AppDeps } from '../context';
import { AppError, type FieldIssue } from '../errors';
import { authorize, authorizeOrNotFound, readableUnitIds } from '../policies/policy';
import { validationError } from '../validation';
import { versionConflict } from './audit-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

const t = (key: string, params: Record<string, string | number> = {}) =>
  translate(`admin.problems.${key}`, params);

/** Trims text; an empty responsible person is none. */
const clean = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

export function presentUnit(u: UnitRow) {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    responsible: u.responsible,
    version: u.version,
    center: { id: u.center_id, name: u.center_name, responsible: u.center_responsible },
  };
}

function presentCenter(c: CenterRow) {
  return { id: c.id, name: c.name, responsible: c.responsible, version: c.version };
}

function presentSettings(s: SettingsRow) {
  return {
    municipalityName: s.municipality_name,
    actionPlanThreshold: toKroner(ore(s.action_plan_threshold_ore)),
    reviewsRegisteredFrom: s.reviews_registered_from,
    version: s.version,
  };
}

/** The municipality, its threshold and the units the actor may see. */
export async function getOrganisation(deps: AppDeps, actor: Actor) {
  authorize(actor, 'organisation.read');
  const settings = await getSettings(deps.db);
  const units = await listUnits(deps.db, readableUnitIds(actor, 'organisation.read'));
  return {
    municipality: settings?.municipality_name ?? '',
    actionPlanThreshold: toKroner(ore(settings?.action_plan_threshold_ore ?? 10_000_000)),
    units: units.map(presentUnit),
  };
}

/** Every centre, each with the units under it that the actor may see. */
export async function listCentersWithUnits(deps: AppDeps, actor: Actor) {
  authorize(actor, 'organisation.read');
  const [centers, units] = await Promise.all([
    listCenters(deps.db),
    listUnits(deps.db, readableUnitIds(actor, 'organisation.read')),
  ]);
  return centers.map((c) => ({
    ...presentCenter(c),
    units: units.filter((u) => u.center_id === c.id).map(presentUnit),
  }));
}

export async function getUnit(deps: AppDeps, actor: Actor, id: string) {
  const unit = isUuid(id) ? await findUnit(deps.db, id) : undefined;
  if (!unit) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'organisation.read', 'organisation.read', { unitId: unit.id });
  return presentUnit(unit);
}

export interface CenterInput {
  name: string;
  responsible?: string | null;
}

export async function createCenter(
  deps: AppDeps,
  actor: Actor,
  input: CenterInput,
  requestId: string,
) {
  authorize(actor, 'organisation.write');
  return deps.db.transaction(async (tx) => {
    const name = input.name.trim();
    const issues: FieldIssue[] = [];
    if (!name)
      issues.push({ path: 'name', code: 'required', message: translate('validation.required') });
    else if (await centerNameTaken(tx, name, null))
      issues.push({ path: 'name', code: 'duplicate', message: t('centerNameTaken', { name }) });
    if (issues.length) throw validationError(issues);
    const id = await insertCenter(tx, { name, responsible: clean(input.responsible) });
    const center = await findCenter(tx, id);
    if (!center) throw new Error('centre vanished');
    await recordAudit(
      tx,
      actor,
      { action: 'create', objectType: 'center', objectId: id, after: presentCenter(center) },
      requestId,
    );
    return presentCenter(center);
  });
}

export async function changeCenter(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: CenterInput & { version: number },
  requestId: string,
) {
  authorize(actor, 'organisation.write');
  return deps.db.transaction(async (tx) => {
    const before = isUuid(id) ? await findCenter(tx, id) : undefined;
    if (!before) throw new AppError('not_found');
    const name = input.name.trim();
    const issues: FieldIssue[] = [];
    if (!name)
      issues.push({ path: 'name', code: 'required', message: translate('validation.required') });
    else if (await centerNameTaken(tx, name, id))
      issues.push({ path: 'name', code: 'duplicate', message: t('centerNameTaken', { name }) });
    if (issues.length) throw validationError(issues);
    const ok = await updateCenter(
      tx,
      id,
      input.version,
      { name, responsible: clean(input.responsible) },
      deps.now(),
    );
    if (!ok)
      throw await versionConflict(tx, 'center', id, t('centerObject', { name: before.name }));
    const after = await findCenter(tx, id);
    if (!after) throw new Error('centre vanished');
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        objectType: 'center',
        objectId: id,
        before: presentCenter(before),
        after: presentCenter(after),
      },
      requestId,
    );
    return presentCenter(after);
  });
}

export interface UnitInput {
  centerId: string;
  name: string;
  kind: UnitKind;
  responsible?: string | null;
}

async function checkUnit(
  tx: Parameters<typeof findCenter>[0],
  input: UnitInput,
  exceptId: string | null,
): Promise<{ name: string }> {
  const name = input.name.trim();
  const issues: FieldIssue[] = [];
  if (!isUuid(input.centerId) || !(await findCenter(tx, input.centerId)))
    issues.push({ path: 'centerId', code: 'unknown_center', message: t('unknownCenter') });
  if (!name)
    issues.push({ path: 'name', code: 'required', message: translate('validation.required') });
  else if (await unitNameTaken(tx, name, exceptId))
    issues.push({ path: 'name', code: 'duplicate', message: t('unitNameTaken', { name }) });
  if (issues.length) throw validationError(issues);
  return { name };
}

export async function createUnit(deps: AppDeps, actor: Actor, input: UnitInput, requestId: string) {
  authorize(actor, 'organisation.write');
  return deps.db.transaction(async (tx) => {
    const { name } = await checkUnit(tx, input, null);
    const id = await insertUnit(tx, {
      centerId: input.centerId,
      name,
      kind: input.kind,
      responsible: clean(input.responsible),
    });
    const unit = await findUnit(tx, id);
    if (!unit) throw new Error('unit vanished');
    await recordAudit(
      tx,
      actor,
      { action: 'create', objectType: 'unit', objectId: id, unitId: id, after: presentUnit(unit) },
      requestId,
    );
    return presentUnit(unit);
  });
}

export async function changeUnit(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: UnitInput & { version: number },
  requestId: string,
) {
  return deps.db.transaction(async (tx) => {
    const before = isUuid(id) ? await findUnit(tx, id) : undefined;
    if (!before) throw new AppError('not_found');
    authorizeOrNotFound(actor, 'organisation.write', 'organisation.read', { unitId: id });
    const { name } = await checkUnit(tx, input, id);
    const ok = await updateUnit(
      tx,
      id,
      input.version,
      { centerId: input.centerId, name, kind: input.kind, responsible: clean(input.responsible) },
      deps.now(),
    );
    if (!ok) throw await versionConflict(tx, 'unit', id, t('unitObject', { name: before.name }));
    const after = await findUnit(tx, id);
    if (!after) throw new Error('unit vanished');
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        objectType: 'unit',
        objectId: id,
        unitId: id,
        before: presentUnit(before),
        after: presentUnit(after),
      },
      requestId,
    );
    return presentUnit(after);
  });
}

export async function readSettings(deps: AppDeps, actor: Actor) {
  authorize(actor, 'organisation.read');
  const settings = await getSettings(deps.db);
  if (!settings) throw new Error('settings row missing');
  return presentSettings(settings);
}

export async function changeSettings(
  deps: AppDeps,
  actor: Actor,
  input: {
    municipalityName: string;
    actionPlanThreshold: number;
    /** ÅÅÅÅ-MM-DD (checked by the route); null: from the beginning; left out: unchanged */
    reviewsRegisteredFrom?: string | null | undefined;
    version: number;
  },
  requestId: string,
) {
  authorize(actor, 'settings.write');
  const name = input.municipalityName.trim();
  const issues: FieldIssue[] = [];
  if (!name)
    issues.push({
      path: 'municipalityName',
      code: 'required',
      message: translate('validation.required'),
    });
  const threshold = kronerFromJsonNumber(input.actionPlanThreshold);
  if (!threshold.ok) {
    const key =
      threshold.reason === 'too-many-decimals'
        ? 'too_many_decimals'
        : threshold.reason === 'too-large'
          ? 'too_large'
          : 'not_a_number';
    issues.push({
      path: 'actionPlanThreshold',
      code: key,
      message: translate(`validation.${key}`),
    });
  } else if (threshold.value < 0) {
    issues.push({ path: 'actionPlanThreshold', code: 'negative', message: t('negativeAmount') });
  }
  if (issues.length || !threshold.ok) throw validationError(issues);
  return deps.db.transaction(async (tx) => {
    const before = await getSettings(tx);
    if (!before) throw new Error('settings row missing');
    const ok = await updateSettings(
      tx,
      input.version,
      {
        municipalityName: name,
        actionPlanThresholdOre: threshold.value,
        reviewsRegisteredFrom:
          input.reviewsRegisteredFrom === undefined
            ? before.reviews_registered_from
            : (input.reviewsRegisteredFrom as IsoDate | null),
      },
      deps.now(),
    );
    if (!ok) throw await versionConflict(tx, 'settings', '1', t('settingsObject'));
    const after = await getSettings(tx);
    if (!after) throw new Error('settings row missing');
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        objectType: 'settings',
        objectId: '1',
        before: presentSettings(before),
        after: presentSettings(after),
      },
      requestId,
    );
    return presentSettings(after);
  });
}

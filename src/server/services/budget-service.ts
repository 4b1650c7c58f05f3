import { translate } from '../../shared/i18n/translate';
import type { AppDeps } from '../context';
import type { Actor } from '../../domain/access';
import type { Database, Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import {
  findBudgetLine,
  findBudgetLineByKey,
  insertBudgetLine,
  insertCorrection,
  listAccountFunctions,
  listBudgetLines,
  listCorrections,
  touchBudgetLine,
  updateBudgetLine,
  type BudgetLineRow,
} from '../../db/repositories/budgets';
import { listUnits } from '../../db/repositories/organisation';
import { correctedBudget } from '../../domain/budget/budget';
import {
  MAX_ABS_KRONER,
  kronerFromJsonNumber,
  oreFromKroner,
  parseKronerText,
  toKroner,
  ore,
} from '../../domain/money';
import { containsCprNumber } from '../../domain/personal-data';
import type { BudgetLineInput } from '../../shared/schemas/budget';
import { TEXT_MESSAGES } from '../../shared/schemas/text';
import { AppError, type FieldIssue } from '../errors';
import { authorize, authorizeOrNotFound, can, readableUnitIds } from '../policies/policy';

export interface BudgetLineView {
  id: string;
  unitId: string;
  unitName: string;
  accountFunction: string;
  year: number;
  original: number;
  transfer: number;
  corrections: { id: string; date: string; amount: number; reason: string; by: string }[];
  corrected: number;
  monthlyProfile: number[] | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

async function present(db: Database, rows: BudgetLineRow[]): Promise<BudgetLineView[]> {
  const corrections = await listCorrections(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = corrections.filter((c) => c.budget_line_id === r.id);
    return {
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      accountFunction: r.account_function,
      year: r.year,
      original: toKroner(ore(r.original_ore)),
      transfer: toKroner(ore(r.transfer_ore)),
      corrections: own.map((c) => ({
        id: c.id,
        date: c.corrected_on,
        amount: toKroner(ore(c.amount_ore)),
        reason: c.reason,
        by: c.created_by,
      })),
      corrected: toKroner(
        correctedBudget({
          originalOre: r.original_ore,
          transferOre: r.transfer_ore,
          corrections: own.map((c) => ({ amountOre: c.amount_ore })),
        }),
      ),
      monthlyProfile: r.monthly_profile,
      version: r.version,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    };
  });
}

/**
 * The account functions (5.28.xx) with their names, the one list every screen names a code
 * from; anyone who reads the organisation reads it.
 */
export async function getAccountFunctions(
  deps: AppDeps,
  actor: Actor,
): Promise<{ code: string; name: string }[]> {
  const { db } = deps;
  authorize(actor, 'organisation.read');
  return (await listAccountFunctions(db)).map((f) => ({ code: f.code, name: f.name }));
}

/** The budget of a year for the units the actor may read, with the function names. */
export async function getBudget(deps: AppDeps, actor: Actor, year: number, unitId?: string) {
  const { db } = deps;
  authorize(actor, 'budget.read');
  let unitIds = readableUnitIds(actor, 'budget.read');
  if (unitId) {
    if (!can(actor, 'budget.read', { unitId })) throw new AppError('not_found');
    unitIds = [unitId];
  }
  const [functions, rows] = await Promise.all([
    listAccountFunctions(db),
    listBudgetLines(db, year, unitIds),
  ]);
  return { year, accountFunctions: functions, lines: await present(db, rows) };
}

function amountIssue(path: string, value: number): FieldIssue | null {
  const r = kronerFromJsonNumber(value);
  if (r.ok) return null;
  return { path, code: r.reason, message: translate('budget.issues.amountKroner') };
}

const TOO_LARGE = translate('budget.issues.tooLarge', {
  max: new Intl.NumberFormat('da-DK').format(MAX_ABS_KRONER),
});

/**
 * Every sum of a year's budget (a line's corrected budget, a unit's, the year's) stays within
 * the largest amount the product keeps (`MAX_ABS_KRONER`), so reading it can never overflow:
 * the year's lines as they would be, original + transfer + corrections in absolute value.
 * `changed` are the lines being saved (by unit and function), `correction` one being added.
 */
async function budgetSumIssues(
  db: Queryable,
  year: number,
  changed: readonly { unitId: string; accountFunction: string; ore: number; path: string }[],
  correction: { lineId: string; ore: number; path: string } | null = null,
): Promise<FieldIssue[]> {
  const max = oreFromKroner(MAX_ABS_KRONER);
  const stored = await listBudgetLines(db, year, null);
  const corrections = await listCorrections(
    db,
    stored.map((r) => r.id),
  );
  const correctedOre = new Map<string, number>();
  for (const c of corrections)
    correctedOre.set(
      c.budget_line_id,
      (correctedOre.get(c.budget_line_id) ?? 0) + Math.abs(c.amount_ore),
    );
  const key = (unitId: string, fn: string) => `${unitId}|${fn}`;
  const incoming = new Map(changed.map((c) => [key(c.unitId, c.accountFunction), c]));
  const issues: FieldIssue[] = [];
  let total = 0;
  for (const r of stored) {
    const mine = incoming.get(key(r.unit_id, r.account_function));
    const own = mine ? mine.ore : Math.abs(r.original_ore) + Math.abs(r.transfer_ore);
    const added = correction?.lineId === r.id ? correction.ore : 0;
    const line = own + (correctedOre.get(r.id) ?? 0) + added;
    if (line > max)
      issues.push({
        path: mine?.path ?? correction?.path ?? 'lines',
        code: 'too-large',
        message: TOO_LARGE,
      });
    total += line;
    if (mine) incoming.delete(key(r.unit_id, r.account_function));
  }
  for (const c of incoming.values()) {
    if (c.ore > max) issues.push({ path: c.path, code: 'too-large', message: TOO_LARGE });
    total += c.ore;
  }
  if (issues.length === 0 && total > max)
    issues.push({ path: correction?.path ?? 'lines', code: 'too-large', message: TOO_LARGE });
  return issues;
}

function conflict(line: BudgetLineRow): AppError {
  return new AppError('version_conflict', {
    object: translate('objects.budgetLine', {
      unit: line.unit_name,
      function: line.account_function,
    }),
    user: line.updated_by ?? translate('admin.problems.someoneElse'),
    at: line.updated_at,
  });
}

/**
 * Saves budget lines (the grid or an import) in one transaction: all lines or none. A line
 * that exists must carry the version the user edited; a stale one is a 409.
 */
export async function saveBudgetLines(
  deps: AppDeps,
  actor: Actor,
  year: number,
  lines: readonly BudgetLineInput[],
  requestId?: string,
): Promise<BudgetLineView[]> {
  const { db } = deps;
  const functions = new Set((await listAccountFunctions(db)).map((f) => f.code));
  const units = new Set((await listUnits(db)).map((u) => u.id));
  const issues: FieldIssue[] = [];
  lines.forEach((l, i) => {
    if (!units.has(l.unitId) || !can(actor, 'budget.read', { unitId: l.unitId })) {
      issues.push({
        path: `lines.${i}.unitId`,
        code: 'unknown_unit',
        message: translate('budget.issues.unknownUnit'),
      });
    } else if (!can(actor, 'budget.write', { unitId: l.unitId })) {
      throw new AppError('forbidden');
    }
    if (!functions.has(l.accountFunction)) {
      issues.push({
        path: `lines.${i}.accountFunction`,
        code: 'unknown_function',
        message: translate('budget.issues.unknownFunction', { code: l.accountFunction }),
      });
    }
    for (const key of ['original', 'transfer'] as const) {
      const issue = amountIssue(`lines.${i}.${key}`, l[key]);
      if (issue) issues.push(issue);
    }
  });
  if (issues.length) throw new AppError('validation_failed', {}, issues);
  authorize(actor, 'budget.write');
  const sums = await budgetSumIssues(
    db,
    year,
    lines.map((l, i) => ({
      unitId: l.unitId,
      accountFunction: l.accountFunction,
      ore: Math.abs(kronerOre(l.original)) + Math.abs(kronerOre(l.transfer)),
      path: `lines.${i}.transfer`,
    })),
  );
  if (sums.length) throw new AppError('validation_failed', {}, sums);

  const ids = await db.transaction(async (tx) => {
    const out: string[] = [];
    for (const l of lines) {
      const values = {
        unitId: l.unitId,
        accountFunction: l.accountFunction,
        year,
        originalOre: kronerOre(l.original),
        transferOre: kronerOre(l.transfer),
        monthlyProfile: l.monthlyProfile ?? null,
        by: actor.displayName,
        at: deps.now(),
      };
      const existing = await findBudgetLineByKey(tx, values);
      // A line saved without a profile keeps the one it has (the grid does not edit it).
      if (l.monthlyProfile === undefined && existing)
        values.monthlyProfile = existing.monthly_profile;
      if (existing) {
        if (l.version == null || l.version !== existing.version) throw conflict(existing);
        if (!(await updateBudgetLine(tx, existing.id, existing.version, values)))
          throw conflict(existing);
        await recordAudit(
          tx,
          actor,
          {
            action: 'budget.update',
            objectType: 'budget_line',
            objectId: existing.id,
            unitId: l.unitId,
            before: { original: existing.original_ore, transfer: existing.transfer_ore },
            after: { original: values.originalOre, transfer: values.transferOre },
          },
          requestId,
        );
        out.push(existing.id);
      } else {
        const id = await insertBudgetLine(tx, values);
        await recordAudit(
          tx,
          actor,
          {
            action: 'budget.create',
            objectType: 'budget_line',
            objectId: id,
            unitId: l.unitId,
            after: {
              year,
              accountFunction: l.accountFunction,
              original: values.originalOre,
              transfer: values.transferOre,
            },
          },
          requestId,
        );
        out.push(id);
      }
    }
    return out;
  });
  const rows = (await listBudgetLines(db, year, null)).filter((r) => ids.includes(r.id));
  return present(db, rows);
}

function kronerOre(value: number): number {
  const r = kronerFromJsonNumber(value);
  if (!r.ok) throw new Error('validated before');
  return r.value;
}

/** Adds a dated correction with a reason to a budget line; a correction without a reason is refused. */
export async function addCorrection(
  deps: AppDeps,
  actor: Actor,
  lineId: string,
  input: { date: string; amount: number; reason: string; version: number },
  requestId?: string,
): Promise<BudgetLineView> {
  const { db } = deps;
  const line = await findBudgetLine(db, lineId);
  if (!line) throw new AppError('not_found');
  authorizeOrNotFound(actor, 'budget.write', 'budget.read', { unitId: line.unit_id });
  const issues: FieldIssue[] = [];
  if (input.reason.trim() === '') {
    issues.push({
      path: 'reason',
      code: 'required',
      message: translate('budget.issues.correctionReason'),
    });
  }
  const amount = amountIssue('amount', input.amount);
  if (amount) issues.push(amount);
  if (!input.date.startsWith(String(line.year))) {
    issues.push({
      path: 'date',
      code: 'outside_year',
      message: translate('budget.issues.correctionOutsideYear', { year: line.year }),
    });
  }
  if (issues.length === 0) {
    issues.push(
      ...(await budgetSumIssues(db, line.year, [], {
        lineId: line.id,
        ore: Math.abs(kronerOre(input.amount)),
        path: 'amount',
      })),
    );
  }
  if (issues.length) throw new AppError('validation_failed', {}, issues);
  if (input.version !== line.version) throw conflict(line);
  await db.transaction(async (tx) => {
    if (!(await touchBudgetLine(tx, line.id, line.version, actor.displayName, deps.now())))
      throw conflict(line);
    const id = await insertCorrection(tx, {
      lineId: line.id,
      date: input.date,
      amountOre: kronerOre(input.amount),
      reason: input.reason.trim(),
      by: actor.displayName,
      at: deps.now(),
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'budget.correct',
        objectType: 'budget_line',
        objectId: line.id,
        unitId: line.unit_id,
        after: {
          correctionId: id,
          date: input.date,
          amount: kronerOre(input.amount),
        },
      },
      requestId,
    );
  });
  const updated = await findBudgetLine(db, line.id);
  if (!updated) throw new AppError('not_found');
  const [view] = await present(db, [updated]);
  if (!view) throw new AppError('not_found');
  return view;
}

/**
 * Parses pasted or imported rows (tab- or semicolon-separated: unit name, function, original,
 * transfer; Danish numbers) into budget lines; every bad row is an issue `rows.N.column`.
 */
export async function parseBudgetText(
  deps: AppDeps,
  actor: Actor,
  year: number,
  text: string,
): Promise<BudgetLineInput[]> {
  const { db } = deps;
  const units = await listUnits(db, readableUnitIds(actor, 'budget.read'));
  const byName = new Map(units.map((u) => [u.name.toLowerCase(), u.id]));
  const existing = await listBudgetLines(db, year, null);
  const issues: FieldIssue[] = [];
  const lines: BudgetLineInput[] = [];
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split(raw.includes('\t') ? '\t' : ';').map((c) => c.trim());
    const [unitName = '', fn = '', original = '', transfer = '0'] = cells;
    if (i === 0 && !/\d/.test(original)) return; // a header row
    const row = i + 1;
    if (cells.some(containsCprNumber)) {
      issues.push({
        path: `rows.${row}`,
        code: 'cpr_number',
        message: translate('budget.issues.textRow', { row, message: TEXT_MESSAGES.cpr_number }),
      });
      return;
    }
    const unitId = byName.get(unitName.toLowerCase());
    if (!unitId) {
      issues.push({
        path: `rows.${row}.unit`,
        code: 'unknown_unit',
        message: translate('budget.issues.textUnknownUnit', { row, unit: unitName }),
      });
    }
    const o = parseKronerText(original);
    const t = parseKronerText(transfer === '' ? '0' : transfer);
    if (!o.ok)
      issues.push({
        path: `rows.${row}.original`,
        code: o.reason,
        message: translate('budget.issues.textNotAmount', { row, text: original }),
      });
    if (!t.ok)
      issues.push({
        path: `rows.${row}.transfer`,
        code: t.reason,
        message: translate('budget.issues.textNotAmount', { row, text: transfer }),
      });
    if (unitId && o.ok && t.ok) {
      const current = existing.find((e) => e.unit_id === unitId && e.account_function === fn);
      lines.push({
        unitId,
        accountFunction: fn,
        original: toKroner(o.value),
        transfer: toKroner(t.value),
        version: current?.version ?? null,
      });
    }
  });
  if (issues.length) throw new AppError('validation_failed', {}, issues);
  if (lines.length === 0) {
    throw new AppError('validation_failed', {}, [
      { path: 'text', code: 'empty', message: translate('budget.issues.textEmpty') },
    ]);
  }
  return lines;
}

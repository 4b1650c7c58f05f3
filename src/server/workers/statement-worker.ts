/**
 * One statement worker thread (`statement-pool.ts`): its own small PostgreSQL pool to the
 * database the server uses, and the commitment figures computed there for a scope the request
 * thread has already decided. It answers with the presented figures, never the cases.
 */
import { workerData } from 'node:worker_threads';
import { openPostgres, type Queryable } from '../../db/database';
import type { Scope } from '../services/commitments/scope';
import { FIGURES, type FigureName } from '../services/commitments/statements';
import { carryError, type CarriedError } from './errors';

export interface StatementWorkerData {
  /** the server's connection settings (`Database.connection`) */
  connection: Record<string, string | number | boolean>;
  /** connections of this worker's pool */
  poolMax: number;
}

export interface StatementTask {
  name: FigureName;
  scope: Scope;
  input: unknown;
}

export type StatementResult = { ok: true; value: unknown } | { ok: false; error: CarriedError };

const data = workerData as StatementWorkerData;
const db = openPostgres({
  ...data.connection,
  max: data.poolMax,
  // an idle worker gives its connections back soon; a pool torn down leaves none behind for long
  idleTimeoutMillis: 5_000,
  fallback_application_name: 'overblik-statements',
});

/** Computes one task; an error comes back as data (`errors.ts`), never as a thrown error. */
export default async function runStatementTask(task: StatementTask): Promise<StatementResult> {
  try {
    const compute = FIGURES[task.name] as (
      db: Queryable,
      scope: Scope,
      input: unknown,
    ) => Promise<unknown>;
    return { ok: true, value: await compute(db, task.scope, task.input) };
  } catch (error) {
    return { ok: false, error: carryError(error) };
  }
}

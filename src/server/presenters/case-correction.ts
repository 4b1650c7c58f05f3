import {
  changedFields,
  writeCasesDocument,
  type CorrectedFields,
  type Intervention,
} from '../../domain/cases';
import type { StoredCorrection } from '../../db/repositories/case-corrections';
import type { CorrectionJson } from '../../shared/schemas/cases';
import type { JsonValue } from '../../shared/schemas/json';

/** The corrected fields as the cases format writes them (amounts in kroner). */
function asFormat(fields: CorrectedFields): Record<string, JsonValue> {
  const i: Intervention = {
    ...fields,
    ref: 'x',
    status: 'granted',
    modifies: null,
  };
  const [raw] = writeCasesDocument(
    [
      {
        ref: 'x',
        household: 'x',
        unit: 'x',
        person: { ref: 'x', birthDate: null },
        interventions: [i],
      },
    ],
    [],
  ).cases;
  return (raw?.interventions[0] ?? {}) as unknown as Record<string, JsonValue>;
}

/** A stored correction as the API shows it: who, when, why, and each changed field. */
export function correctionJson(c: StoredCorrection): CorrectionJson {
  const before = asFormat(c.before);
  const after = asFormat(c.after);
  return {
    intervention: c.interventionRef,
    correctedOn: c.correctedOn,
    at: c.at,
    by: c.by,
    byName: c.byName,
    reason: c.reason,
    changes: changedFields(c.before, c.after).map((field) => ({
      field,
      before: before[field] ?? null,
      after: after[field] ?? null,
    })),
  };
}

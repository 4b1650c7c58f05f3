import { z } from 'zod';
import {
  containsControlCharacter,
  containsCprNumber,
  looksLikeName,
} from '../../domain/personal-data';

/** The Danish messages of the text checks, shown at the field's path. */
export const TEXT_MESSAGES = {
  cpr_number: 'Teksten ligner et CPR-nummer. Skriv aldrig CPR-numre i Overblik.',
  control_character:
    'Teksten indeholder et tegn, der ikke kan gemmes (fx NUL). Skriv teksten igen uden det.',
  looks_like_name:
    'Referencen ligner et navn. Brug sagssystemets reference (fx S-1001), aldrig navne.',
} as const;

/**
 * The check every text the API accepts passes (`FreeText`): no CPR-shaped number
 * (`findCprNumbers`: any valid birth date in the CPR shape, modulus 11 or not) and no NUL or
 * other control character. The issue's `params.code` (`cpr_number`, `control_character`)
 * becomes the field issue's code.
 */
export function refuseUnstorableText(
  value: string,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  const code = containsControlCharacter(value)
    ? 'control_character'
    : containsCprNumber(value)
      ? 'cpr_number'
      : null;
  if (code)
    ctx.addIssue({
      code: 'custom',
      message: TEXT_MESSAGES[code],
      params: { code },
      ...(path.length ? { path } : {}),
    });
}

/**
 * `refuseUnstorableText` on every string inside a value of open shape (a rule's parameters), at
 * the string's own path, for fields whose shape a later check decides.
 */
export function refuseUnstorableTextIn(
  value: unknown,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  if (typeof value === 'string') refuseUnstorableText(value, ctx, path);
  else if (Array.isArray(value))
    value.forEach((v, i) => refuseUnstorableTextIn(v, ctx, [...path, i]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) refuseUnstorableTextIn(v, ctx, [...path, k]);
}

/**
 * Text as the API accepts it, in every field (names, titles, comments, reasons, references,
 * file names, search words): a string that passes `refuseUnstorableText`. Add `.max()`,
 * `.trim()` and the like as the field needs. The one home of the rule: a new text field uses
 * this (or `refuseUnstorableText` on a string with its own type message), never a bare
 * `z.string()`.
 */
export const FreeText = z.string({ error: 'Skal være tekst.' }).superRefine(refuseUnstorableText);

/** A warning that does not stop a write: shown by the web app beside the field. */
export interface FieldWarning {
  path: string;
  code: 'looks_like_name';
  message: string;
}

/**
 * Warnings for reference fields (case, household, person and intervention refs) that look like
 * a person's name (`looksLikeName`): the write goes through and the answer carries them.
 */
export function nameWarnings(
  refs: readonly { path: string; value: string | null | undefined }[],
): FieldWarning[] {
  return refs
    .filter((r) => r.value && looksLikeName(r.value))
    .map((r) => ({
      path: r.path,
      code: 'looks_like_name',
      message: TEXT_MESSAGES.looks_like_name,
    }));
}

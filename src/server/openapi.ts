import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { MEDIA_TYPES, type FileKind, type MadeFile } from '../reports/files';
import type { AppEnv } from './context';
import { fieldIssuesFromZod, validationError } from './validation';

/** A router whose request validation failures become Danish problem+json answers. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(fieldIssuesFromZod(result.error));
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'validation_failed' }),
    detail: z.string().openapi({ example: 'Oplysningerne er ikke gyldige.' }),
    requestId: z.string().optional(),
    issues: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi('Problem');

/** Problem answers with these statuses, their body described by `schema`. */
function problemAnswers<S>(schema: S, statuses: readonly number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: 'Fejl (problem+json)',
        content: { 'application/problem+json': { schema } },
      },
    ]),
  );
}

/** A JSON answer of the OpenAPI document. */
export function jsonAnswer<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body of the OpenAPI document. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** The path parameter `{id}`. */
export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

/** The error answers most routes share, for the OpenAPI document. */
export function problemResponses(...statuses: number[]) {
  return problemAnswers(ProblemSchema, statuses);
}

/** `ProblemSchema` as the generated document names it. */
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** An operation of the OpenAPI document, as far as `withSharedProblemAnswers` reads it. */
interface DocumentOperation {
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/**
 * The error answers every operation may give, added to each operation of the generated
 * document in this one place rather than route by route: with a body, 400 `malformed_json`,
 * 413 `payload_too_large`, 415 `unsupported_media_type` and 422 `validation_failed`; with
 * parameters, 422; with path parameters, 404; and 503 `database_unavailable` everywhere.
 */
export function withSharedProblemAnswers<T extends { paths?: object }>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {}) as Record<string, DocumentOperation>[]) {
    for (const op of Object.values(item)) {
      const params = op.parameters ?? [];
      const statuses = [
        ...(op.requestBody ? [400, 413, 415, 422] : []),
        ...(params.length ? [422] : []),
        ...(params.some((p) => p.in === 'path') ? [404] : []),
        503,
      ];
      // the document is already generated: its answers refer to the schema, not to zod
      op.responses = { ...problemAnswers(PROBLEM_REF, statuses), ...op.responses };
    }
  }
  return doc;
}

/**
 * A 200 JSON answer whose text is already made (kept from an earlier request), typed as the
 * route's JSON answer `T` so the route's declared response still checks; the text must be
 * `JSON.stringify` of a `T`.
 */
export function jsonText<T>(
  c: Context<AppEnv>,
  text: string,
): TypedResponse<JSONParsed<T>, 200, 'json'> {
  return c.body(text, 200, {
    'Content-Type': 'application/json',
  }) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}

/**
 * The `Content-Disposition` of a file download: the name as ASCII for old clients and in full
 * (UTF-8, RFC 5987) for the rest, so `budgetopfølgning.docx` keeps its ø.
 */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The OpenAPI `content` of a file answer in the given kinds: a binary string in each. */
export function fileContent(...kinds: FileKind[]) {
  return Object.fromEntries(
    kinds.map((kind) => [MEDIA_TYPES[kind], { schema: z.string().openapi({ format: 'binary' }) }]),
  );
}

/**
 * A file download. Never kept by a browser or proxy cache: the documents carry case-level or
 * not yet published figures.
 */
export function fileAnswer(c: Context<AppEnv>, file: MadeFile): Response {
  return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': attachment(file.filename),
    'Cache-Control': 'no-store',
  });
}

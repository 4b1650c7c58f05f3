import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { resources } from '../src/shared/i18n/translate';

/**
 * Requests made from the app's own OpenAPI document: for one operation, `count` requests drawn
 * from its declared parameters and body with a seeded generator, so a run repeats exactly.
 * They rotate through kinds of input a careless or hostile client sends: plausible values,
 * boundaries, wrong types, hostile text (NUL, CPR numbers, impossible dates, huge numbers),
 * a wrong Content-Type, broken JSON and unknown ids. `checkAnswer` says what is wrong with an
 * answer: any 5xx, a 4xx that is not problem+json with the Danish text of its code, a status
 * the document does not declare, or a 2xx body that does not match its declared schema.
 */

type Schema = Record<string, unknown>;
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
export interface Operation {
  parameters?: {
    name: string;
    in: 'path' | 'query' | 'header';
    required?: boolean;
    schema: Schema;
  }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
export interface FuzzRequest {
  kind: Kind;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

const KINDS = [
  'plausible',
  'boundary',
  'wrong_type',
  'hostile',
  'content_type',
  'broken_json',
  'unknown_id',
  'plausible',
] as const;
type Kind = (typeof KINDS)[number];

/** A small seeded generator (mulberry32): the same seed gives the same requests. */
export function random(seed: string): () => number {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_NAME = /(^|[a-z])(date|Date|On|asOf|from|to|From|To|Deadline|validFrom|heldOn)$/;
const HOSTILE_TEXT = [
  'a\u0000b',
  'Emma Sofie Jensen (010203-1234)',
  '0102031234',
  '2021-02-29',
  '0000-01-01',
  '9999-99-99',
  '',
  '   ',
  "'; DROP TABLE units; --",
  '../../etc/passwd',
  '%00',
  '\u202e\u0007',
  '\ud800',
  '٣٤٥',
  '9'.repeat(40),
  '{"$gt": ""}',
];
const HOSTILE_NUMBERS = [
  99_999_999_999,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1,
  0.5,
  1e-9,
];
const WRONG_VALUES = [{}, [], true, 'abc', 12, null, [1, 2], { a: 1 }];
const PATH_GARBAGE = [
  '00000000-0000-4000-8000-000000000000',
  'abc',
  '0',
  '-1',
  '99999999999',
  '%00',
  '..%2F..',
  'x'.repeat(300),
  '2021-02-29',
  '010203-1234',
];

export class Generator {
  constructor(
    private readonly doc: OpenApiDocument,
    /** ids seen in earlier answers: a path or body id is one of them half the time */
    private readonly ids: string[],
  ) {}

  requests(method: string, path: string, op: Operation, count: number, seed: string) {
    const rnd = random(`${seed} ${method} ${path}`);
    const out: FuzzRequest[] = [];
    for (let n = 0; n < count; n++)
      out.push(this.request(method, path, op, KINDS[n % KINDS.length]!, rnd));
    return out;
  }

  private request(method: string, path: string, op: Operation, kind: Kind, rnd: () => number) {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const params = op.parameters ?? [];
    let url = path.replace(/^\/api/, '/api');
    for (const p of params.filter((p) => p.in === 'path')) {
      const value =
        kind === 'unknown_id' || (kind === 'hostile' && rnd() < 0.5)
          ? pick(PATH_GARBAGE)
          : String(this.value(p.schema, p.name, kind === 'wrong_type' ? 'plausible' : kind, rnd));
      url = url.replace(`{${p.name}}`, encodePath(value));
    }
    const query = new URLSearchParams();
    for (const p of params.filter((p) => p.in === 'query')) {
      if (!p.required && rnd() < 0.4) continue;
      const v = this.value(p.schema, p.name, kind, rnd);
      if (v === undefined) continue;
      query.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
    }
    const search = query.toString();
    const request: FuzzRequest = { kind, method, path: search ? `${url}?${search}` : url };
    const content = op.requestBody?.content ?? {};
    const [contentType, media] = Object.entries(content)[0] ?? [];
    if (!contentType || !media) return request;
    if (contentType !== 'application/json') {
      // a raw upload (a ledger file): lines of text, hostile or not
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () =>
        [
          pick(['2026-01-31', '31-01-2026', '2021-02-29']),
          pick(['5.28.21', 'x']),
          pick(['Enhed', 'a\u0000b']),
          pick(['100,00', '99999999999999', '-0', 'abc']),
          pick(HOSTILE_TEXT),
        ].join(';'),
      );
      request.body = ['Dato;Konto;Enhed;Beløb;Tekst', ...lines].join('\n');
      request.contentType = kind === 'content_type' ? 'application/json' : contentType;
      return request;
    }
    const body = this.value(media.schema, '', kind, rnd);
    if (kind === 'broken_json') {
      request.body = pick(['{', '{"a":', '[1,2', 'null', '"text"', '{"a":1}}', '\u0000']);
      request.contentType = 'application/json';
    } else if (kind === 'content_type') {
      request.body = JSON.stringify(body);
      request.contentType = pick([
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
      ]);
    } else {
      request.body = JSON.stringify(body);
      request.contentType = 'application/json';
    }
    return request;
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    for (let n = 0; n < 20 && typeof s.$ref === 'string'; n++) {
      const name = s.$ref.split('/').pop() ?? '';
      s = { ...(this.doc.components?.schemas?.[name] ?? {}), ...omit(s, '$ref') };
    }
    return s;
  }

  /** A value for `schema`; `kind` decides how far from the declared one it strays. */
  value(schema: Schema, name: string, kind: Kind, rnd: () => number, depth = 0): unknown {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const s = this.resolve(schema);
    if (depth > 6) return null;
    if (kind === 'wrong_type' && rnd() < 0.3) return pick(WRONG_VALUES);
    const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (alternatives?.length) return this.value(pick(alternatives), name, kind, rnd, depth + 1);
    if (Array.isArray(s.allOf)) {
      const merged = (s.allOf as Schema[]).map((x) => this.resolve(x));
      return this.value(
        {
          type: 'object',
          properties: Object.assign({}, ...merged.map((m) => m.properties ?? {})),
          required: merged.flatMap((m) => (m.required as string[]) ?? []),
        },
        name,
        kind,
        rnd,
        depth + 1,
      );
    }
    let type = s.type as string | string[] | undefined;
    if (Array.isArray(type)) type = type.find((t) => t !== 'null') ?? 'null';
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) return kind === 'hostile' && rnd() < 0.3 ? 'ukendt' : pick(s.enum);
    const min = typeof s.minimum === 'number' ? s.minimum : undefined;
    const max = typeof s.maximum === 'number' ? s.maximum : undefined;
    switch (type) {
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        const required = new Set((s.required as string[]) ?? []);
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(props)) {
          if (!required.has(key) && rnd() < 0.4) continue;
          if (kind === 'boundary' && required.has(key) && rnd() < 0.1) continue;
          out[key] = this.value(prop, key, kind, rnd, depth + 1);
        }
        if (kind === 'hostile' && rnd() < 0.2) out.__proto__ = { admin: true };
        return out;
      }
      case 'array': {
        const lo = typeof s.minItems === 'number' ? s.minItems : 0;
        const hi = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 3, lo + 3);
        const n =
          kind === 'boundary' && rnd() < 0.3
            ? pick([0, hi + 1])
            : lo + Math.floor(rnd() * (hi - lo + 1));
        return Array.from({ length: Math.min(n, 50) }, () =>
          this.value((s.items as Schema) ?? {}, name, kind, rnd, depth + 1),
        );
      }
      case 'integer':
      case 'number': {
        if (kind === 'hostile' && rnd() < 0.5) return pick(HOSTILE_NUMBERS);
        if (kind === 'boundary')
          return pick([min ?? 0, max ?? 2 ** 31 - 1, (min ?? 0) - 1, (max ?? 2 ** 31 - 1) + 1, 0]);
        if (/year/i.test(name)) return 2019 + Math.floor(rnd() * 9);
        if (/version/i.test(name)) return 1 + Math.floor(rnd() * 3);
        const lo = min ?? 0;
        const hi = max ?? lo + 100_000;
        const v = lo + rnd() * (Math.min(hi, lo + 100_000) - lo);
        return type === 'integer' ? Math.floor(v) : Math.round(v * 100) / 100;
      }
      case 'boolean':
        return rnd() < 0.5;
      case 'string': {
        const maxLength = typeof s.maxLength === 'number' ? s.maxLength : 200;
        if (kind === 'hostile' && rnd() < 0.6) return pick(HOSTILE_TEXT);
        if (kind === 'boundary' && rnd() < 0.5) {
          const n = pick([0, Math.min(maxLength, 20_000), Math.min(maxLength + 1, 20_001)]);
          return 'x'.repeat(n);
        }
        if (s.format === 'uuid' || /(^id$|Id$)/.test(name))
          return this.ids.length && rnd() < 0.6
            ? pick(this.ids)
            : pick(PATH_GARBAGE.slice(0, 1).concat(randomUuid(rnd)));
        if (DATE_NAME.test(name)) {
          const y = 2019 + Math.floor(rnd() * 9);
          const m = 1 + Math.floor(rnd() * 12);
          const d = 1 + Math.floor(rnd() * 28);
          return `${y}-${pad(m)}-${pad(d)}`;
        }
        if (s.pattern === '^\\d\\.\\d{2}\\.\\d{2}$') return pick(['5.28.21', '5.28.22', '5.25.10']);
        if (s.pattern === '^\\d{4}-(0[1-9]|1[0-2])$')
          return `2026-${pad(1 + Math.floor(rnd() * 12))}`;
        if (/month/i.test(name)) return `2026-${pad(1 + Math.floor(rnd() * 12))}`;
        const min = typeof s.minLength === 'number' ? s.minLength : 0;
        const text = `Fuzz ${Math.floor(rnd() * 1e6)}`;
        return text.padEnd(min, 'x').slice(0, Math.max(maxLength, min));
      }
      case 'null':
        return null;
      case undefined:
      default:
        return kind === 'wrong_type' ? pick(WRONG_VALUES) : 'x';
    }
  }
}

/** A path segment, escaped; a lone surrogate goes as the raw bytes no UTF-8 decoder takes. */
function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function randomUuid(rnd: () => number): string {
  const hex = () => Math.floor(rnd() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-8${part(3)}-${part(12)}`;
}

function omit(o: Schema, key: string): Schema {
  const rest = { ...o };
  delete rest[key];
  return rest;
}

/** Every UUID in a JSON value, for later requests to use. */
export function idsIn(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) idsIn(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) idsIn(v, into);
  }
}

const DANISH_ERRORS = Object.fromEntries(
  Object.entries(resources.da.errors as Record<string, string>).map(([code, text]) => [
    code,
    new RegExp(
      `^${text
        .split(/\{\{\s*\w+\s*\}\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*')}$`,
    ),
  ]),
);
/** Zod's and Hono's English defaults, which must never reach a user. */
const ENGLISH = /\b(Invalid|Expected|Required|received|must be|Unrecognized|Too (big|small))\b/;

/** Checks answers against the document's declared responses. */
export class AnswerChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  constructor(doc: OpenApiDocument) {
    this.ajv.addSchema({ $id: 'openapi', components: doc.components ?? {} });
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let v = this.compiled.get(key);
    if (!v) {
      const rewritten = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'),
      ) as Schema;
      v = this.ajv.compile(rewritten);
      this.compiled.set(key, v);
    }
    return v;
  }

  /** What is wrong with the answer (status, Content-Type, body text), or null. */
  check(op: Operation, key: string, status: number, type: string, text: string): string | null {
    if (status >= 500) return `${status}: ${text.slice(0, 300)}`;
    const declared = op.responses[String(status)];
    if (!declared) return `${status} is not declared for the operation`;
    if (status >= 400) {
      if (!type.startsWith('application/problem+json')) return `${status} answered as ${type}`;
      const problem = JSON.parse(text) as {
        code?: string;
        detail?: string;
        issues?: { message: string }[];
      };
      const danish = DANISH_ERRORS[problem.code ?? ''];
      if (!danish || !danish.test(problem.detail ?? ''))
        return `${status} ${problem.code}: detail «${problem.detail}» is not the Danish text of its code`;
      const english = (problem.issues ?? []).find((i) => ENGLISH.test(i.message));
      if (english) return `${status}: an issue in English: «${english.message}»`;
      return null;
    }
    if (!type.startsWith('application/json')) return null;
    const schema = declared.content?.['application/json']?.schema;
    if (!schema) return `${status} JSON answer without a declared JSON schema`;
    const validate = this.validator(`${key} ${status}`, schema);
    if (validate(JSON.parse(text))) return null;
    const e = validate.errors?.[0];
    return `${status} body does not match the declared schema: ${e?.instancePath} ${e?.message} ${JSON.stringify(e?.params)}`;
  }
}

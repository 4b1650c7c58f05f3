import { isIP } from 'node:net';
import { z } from 'zod';
import { isRole, ROLES } from '../domain/access';

const boolFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Where the app listens for change notifications (NOTIFY) when DATABASE_URL goes through a
   * pooler in transaction mode, which cannot deliver them: PostgreSQL itself.
   */
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DEMO: boolFlag.optional(),
  /** HTTP server processes; more than one only on PostgreSQL. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Heavy reads (statements, forecast) computed at once per process; see docs/operations.md. */
  HEAVY_READS: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Worker threads computing commitment statements (PostgreSQL only); 0 computes in-process.
   * One: on 2 cores a second worker answered no more statements and doubled the p99 of the
   * reads beside them (docs/benchmarks.md, "Reading beside heavy work").
   */
  STATEMENT_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /** Behind an HTTPS proxy: Secure cookies and X-Forwarded-For as the client address. */
  TRUST_PROXY: boolFlag.default(false),
  /**
   * With TRUST_PROXY: the proxies whose X-Forwarded-* headers are believed, as addresses or
   * CIDR ranges (`10.0.0.0/8,2001:db8::/32`); by default the proxy on this machine.
   */
  TRUSTED_PROXIES: z.string().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** Claim whose values map to roles, e.g. `roles` or `groups`. */
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  /** `claimValue=role,claimValue=role`; unmapped values give no role. */
  OIDC_ROLE_MAP: z.string().default(''),
  /** E-mail of notifications as a daily digest: `smtp://user:pass@host:587` or `smtps://…`. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Overblik <overblik@localhost>'),
  /** Local time (Europe/Copenhagen) after which the day's digest is sent, `HH:MM`. */
  DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')
    .default('07:00'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseListenUrl: string | undefined;
  demo: boolean;
  webConcurrency: number;
  /** heavy reads computed at once per process (HEAVY_READS) */
  heavyReads: number;
  /** worker threads for the commitment figures, PostgreSQL only; 0: on the request thread */
  statementWorkers: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  /** with `trustProxy`: the proxies believed, as `address/prefix` (IPv4-mapped IPv6 as IPv4) */
  trustedProxies: readonly string[];
  /** notification e-mail: unset means in-app only */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** `HH:MM`, Europe/Copenhagen: the daily digest is sent after this time */
  digestTime: string;
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string | undefined;
        redirectUri: string;
        roleClaim: string;
        roleMap: Record<string, string>;
      }
    | undefined;
};

export class ConfigError extends Error {}

/**
 * Reads every setting from the environment once, at start. A bad value throws a ConfigError
 * whose message is one line naming the setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(
      `Invalid setting ${name}=${JSON.stringify(env[name] ?? '')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const e = parsed.data;
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_REDIRECT_URI];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigError(
      'Invalid setting OIDC_ISSUER: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI go together',
    );
  }
  if (e.WEB_CONCURRENCY > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      `Invalid setting WEB_CONCURRENCY=${JSON.stringify(env.WEB_CONCURRENCY)}: more than one process needs DATABASE_URL (the embedded database can be opened by one process only)`,
    );
  }
  if (e.DATABASE_LISTEN_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid setting DATABASE_LISTEN_URL: it goes with DATABASE_URL (the embedded database needs none)',
    );
  }
  if (e.TRUSTED_PROXIES && !e.TRUST_PROXY) {
    throw new ConfigError(
      'Invalid setting TRUSTED_PROXIES: it goes with TRUST_PROXY=1 (without a proxy no forwarded address is believed)',
    );
  }
  const trustedProxies = parseTrustedProxies(e.TRUSTED_PROXIES ?? '127.0.0.0/8,::1');
  const roleMap = parseRoleMap(e.OIDC_ROLE_MAP);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseListenUrl: e.DATABASE_LISTEN_URL,
    // The demo loads by default only into the embedded database; on a server it must be asked for.
    demo: e.DEMO ?? !e.DATABASE_URL,
    webConcurrency: e.WEB_CONCURRENCY,
    heavyReads: e.HEAVY_READS,
    statementWorkers: e.STATEMENT_WORKERS,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: e.TRUST_PROXY,
    trustedProxies,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    digestTime: e.DIGEST_TIME,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_REDIRECT_URI
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUri: e.OIDC_REDIRECT_URI,
            roleClaim: e.OIDC_ROLE_CLAIM,
            roleMap,
          }
        : undefined,
  };
}

/** `10.0.0.5, 10.0.0.0/8, ::1, 2001:db8::/32` → `address/prefix` each; a bad entry stops the start. */
function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const [rawAddress = '', prefixText, ...rest] = entry.split('/');
    const address = rawAddress.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      family === 0 ||
      rest.length > 0 ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max ||
      (prefixText !== undefined && !/^\d+$/.test(prefixText))
    ) {
      throw new ConfigError(
        `Invalid setting TRUSTED_PROXIES=${JSON.stringify(text)}: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`,
      );
    }
    return `${address}/${prefix}`;
  });
}

function parseRoleMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [claim, role] = pair.split('=');
    if (!claim || !role) {
      throw new ConfigError(
        `Invalid setting OIDC_ROLE_MAP=${JSON.stringify(text)}: "${pair}" is not claimValue=role`,
      );
    }
    if (!isRole(role.trim())) {
      throw new ConfigError(
        `Invalid setting OIDC_ROLE_MAP=${JSON.stringify(text)}: "${role.trim()}" is not a role (${ROLES.join(', ')})`,
      );
    }
    map[claim.trim()] = role.trim();
  }
  return map;
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/** How one statement is sent. */
export interface QueryOptions {
  /**
   * On PostgreSQL, the statement is prepared once per connection under this name and then only
   * bound and executed: the server parses and plans it once instead of on every call. Only for
   * the few fixed SQL texts on hot paths (every name is a server-side object on each pooled
   * connection); one name must always go with one text. PGlite ignores it.
   */
  prepare?: string;
}

/** One SQL statement runner: the whole database, or one transaction of it. */
export interface Queryable {
  query<T extends object = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<T[]>;
  /** Runs several statements without parameters (migrations, fixtures). */
  exec(sql: string): Promise<void>;
  /**
   * PostgreSQL transactions only: runs `COPY … FROM STDIN` with the text the source yields,
   * pulling it only as fast as the server takes it; resolves with the number of rows copied.
   */
  copyFrom?(sql: string, source: AsyncIterable<string>): Promise<number>;
}

export type DatabaseKind = 'pglite' | 'postgresql';

/** What a listener on one NOTIFY channel is told. */
export interface ListenHandlers {
  /** One notification's payload. */
  message(payload: string): void;
  /** Listening has (re)started: from now on no notification on the channel is missed. */
  ready(): void;
  /** The listening connection is gone: notifications may be missed until `ready` again. */
  lost(): void;
}

/**
 * The database seen by repositories and services. The same SQL runs on both kinds:
 * PGlite (PostgreSQL in WebAssembly, embedded) and a PostgreSQL server.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /**
   * True when a notification reaches this process's listeners before the statement or
   * transaction that sent it returns, and no other process writes: PGlite. Then a cache kept
   * right by notifications is as fresh as the database itself.
   */
  readonly notifiesAtOnce: boolean;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Listens on a NOTIFY channel (a lower-case SQL name). On PostgreSQL this is one extra
   * connection per Database for all channels, reconnected a second after it is lost; on PGlite
   * notifications come from the same process and are never lost. Resolves once `ready` was
   * called, rejects (after `lost`) when the first connection fails; it is retried anyway.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<void>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: the plain settings the pool connects with (URL, `options` such as a
   * search_path), so that a worker thread can open a pool of its own to the same database.
   */
  readonly connection?: Readonly<Record<string, string | number | boolean>>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/** SQLSTATEs of a server going away: shutdown (57P01), crash (57P02), not yet accepting (57P03). */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);
/** Socket errors of a connection that cannot be made or was cut. */
const SOCKET_LOST = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * True when `error` says the database cannot be reached or the connection was lost, not that
 * the statement was wrong: SQLSTATE class 08 (connection exception), the server shutting down
 * or starting, a refused or cut socket, or node-postgres's own errors for a connection that
 * ended (which carry no code). Such a request may succeed when tried again.
 */
export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || SERVER_GONE.has(code) || SOCKET_LOST.has(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return (
    message.startsWith('Connection terminated') ||
    message === 'Client has encountered a connection error and is not queryable' ||
    message === 'timeout exceeded when trying to connect'
  );
}

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid NOTIFY channel name: ${channel}`);
}

// bigint (int8) columns come back as JS numbers: every amount we store is below 2^53 øre.
pg.types.setTypeParser(20, (v) => Number(v));
// dates stay 'YYYY-MM-DD' text, never a Date shifted by a time zone.
pg.types.setTypeParser(1082, (v) => v);

const pgliteParsers = {
  20: (v: string) => Number(v),
  1082: (v: string) => v,
};

export async function openPglite(
  options: { dataDir?: string; loadDataDir?: Blob } = {},
): Promise<Database> {
  // Loaded only when used: a server on PostgreSQL never pays for the embedded database.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: pgliteParsers,
  });
  return wrapPglite(db);
}

export function wrapPglite(db: PGlite): Database {
  return {
    kind: 'pglite',
    notifiesAtOnce: true,
    async query<T extends object>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      return db.transaction(async (tx) =>
        work({
          async query<R extends object>(sql: string, params?: unknown[]) {
            return (await tx.query<R>(sql, params)).rows;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async listen(channel: string, handlers: ListenHandlers) {
      checkChannel(channel);
      await db.listen(channel, (payload) => handlers.message(payload));
      handlers.ready();
    },
    async close() {
      await db.close();
    },
  };
}

/** The listening connection is made again this long after it is lost, then ever later. */
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 8000;

/**
 * The listening side of a PostgreSQL Database: one client (not from the pool, which would
 * hand it to queries) that LISTENs on every channel asked for, and is replaced when it fails.
 */
function pgListener(config: pg.ClientConfig) {
  const channels = new Map<string, ListenHandlers[]>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  /** Wait before the next attempt: doubled after each failed one, up to RETRY_MAX_MS. */
  let delay = RETRY_MIN_MS;
  const everyone = () => [...channels.values()].flat();

  function connect(): Promise<void> {
    connecting ??= (async () => {
      const next = new pg.Client(config);
      let up = true;
      const down = () => {
        if (!up) return;
        up = false;
        if (client === next) client = undefined;
        for (const handlers of everyone()) handlers.lost();
        void next.end().catch(() => undefined);
        if (!closed) {
          clearTimeout(retry);
          retry = setTimeout(() => {
            // Unless a `listen` has connected again meanwhile.
            if (!client && !closed) void connect().catch(() => undefined);
          }, delay);
          retry.unref();
          delay = Math.min(RETRY_MAX_MS, delay * 2);
        }
      };
      next.on('notification', (n) => {
        for (const handlers of channels.get(n.channel) ?? []) handlers.message(n.payload ?? '');
      });
      next.on('error', down);
      next.on('end', down);
      try {
        await next.connect();
        // Channels added while these run are visited too (a Map iterates what is added).
        for (const channel of channels.keys()) await next.query(`LISTEN ${channel}`);
      } catch (error) {
        down();
        throw error;
      } finally {
        connecting = undefined;
      }
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      delay = RETRY_MIN_MS;
      for (const handlers of everyone()) handlers.ready();
    })();
    return connecting;
  }

  return {
    async listen(channel: string, handlers: ListenHandlers): Promise<void> {
      checkChannel(channel);
      channels.set(channel, [...(channels.get(channel) ?? []), handlers]);
      // A connection being made LISTENs on every channel known when it is up (this one too).
      if (connecting || !client) return connecting ?? connect();
      await client.query(`LISTEN ${channel}`);
      handlers.ready();
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(retry);
      await connecting?.catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * A node-postgres query config: a named (prepared) statement when `options.prepare` is given.
 * node-postgres prepares a name once per connection and never checks the text again, so a name
 * reused with another text would silently run the first one: that is refused here.
 */
function pgQuery(
  prepared: Map<string, string>,
  sql: string,
  params: unknown[] | undefined,
  options: QueryOptions | undefined,
): pg.QueryConfig {
  const name = options?.prepare;
  if (!name) return { text: sql, values: params };
  const known = prepared.get(name);
  if (known === undefined) prepared.set(name, sql);
  else if (known !== sql) throw new Error(`prepared statement ${name} used with another SQL text`);
  return { name, text: sql, values: params };
}

export function openPostgres(
  config: pg.PoolConfig,
  options: {
    /** The listening connection's settings, when not those of the pool (a pooler in between). */
    listen?: pg.ClientConfig;
  } = {},
): Database {
  // The name shows in pg_stat_activity (an application_name in the URL or PGAPPNAME wins).
  const pool = new pg.Pool({ max: 10, fallback_application_name: 'overblik', ...config });
  // An idle client losing its connection must not take the process down; the pool drops it.
  pool.on('error', () => undefined);
  const prepared = new Map<string, string>();
  const listener = pgListener({
    fallback_application_name: 'overblik',
    ...(options.listen ?? config),
  });
  return {
    kind: 'postgresql',
    notifiesAtOnce: false,
    connection: Object.fromEntries(
      Object.entries(config).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)),
    ),
    async query<T extends object>(sql: string, params?: unknown[], options?: QueryOptions) {
      const result = await pool.query<T>(pgQuery(prepared, sql, params, options));
      return result.rows;
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      // A client lent out by the pool has no 'error' listener of the pool's: a connection lost
      // while no statement runs on it (the server shut down, the backend terminated) would be
      // an unhandled 'error' event, which ends the process. The statement in flight, or the
      // next one, fails instead; the broken client is then dropped rather than pooled again.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost ??= error;
      };
      client.on('error', onLost); // One connection runs one statement at a time: statements started together (e.g. in a
      // Promise.all) wait for each other here instead of queueing inside node-postgres, which
      // is deprecated there.
      let tail: Promise<unknown> = Promise.resolve();
      const inTurn = <R>(run: () => Promise<R>): Promise<R> => {
        const next = tail.then(run, run);
        tail = next.catch(() => undefined);
        return next;
      };
      try {
        await client.query('BEGIN');
        const value = await work({
          query<R extends object>(sql: string, params?: unknown[], options?: QueryOptions) {
            return inTurn(
              async () => (await client.query<R>(pgQuery(prepared, sql, params, options))).rows,
            );
          },
          exec(sql: string) {
            return inTurn(async () => {
              await client.query(sql);
            });
          },
          copyFrom(sql: string, source: AsyncIterable<string>) {
            return inTurn(async () => {
              const copy = client.query(copyFromStdin(sql));
              // One piece read ahead: pieces queued behind a busy server would outlive the
              // young generation of the heap.
              await pipeline(Readable.from(source, { highWaterMark: 1 }), copy);
              return copy.rowCount;
            });
          },
        });
        await tail;
        await client.query('COMMIT');
        return value;
      } catch (error) {
        if (!lost && isConnectionLost(error)) lost = error as Error;
        if (!lost) await client.query('ROLLBACK').catch((e: Error) => (lost = e));
        throw error;
      } finally {
        client.removeListener('error', onLost);
        client.release(lost);
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    listen: (channel, handlers) => listener.listen(channel, handlers),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/**
 * The production server as a child process, for the tests and benchmarks that need a real one
 * (several workers, kills, restarts): started on a free port, its JSON log lines collected.
 */

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One line of the server's log (pino JSON); lines that are not JSON are kept as `{ text }`. */
export interface LogLine {
  event?: string;
  pid?: number;
  text?: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Every log line so far, in order. */
  readonly lines: LogLine[];
  /** What the server wrote on standard error so far. */
  stderr(): string;
  /** Ends the process with the signal and waits for it: the exit code (null when signalled). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `src/server/main.ts` with only PATH, HOST and PORT from here plus `env`, and resolves
 * when `listeners` worker processes say they listen (rejects if the server exits first).
 * `onLine` sees each log line; `logTo` appends the output to a file.
 */
export async function startServer(options: {
  env: Record<string, string>;
  port?: number;
  listeners?: number;
  onLine?: (line: LogLine) => void;
  onExit?: (code: number | null, signal: NodeJS.Signals | null, stderr: string) => void;
  logTo?: string;
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.logTo) {
    const log = createWriteStream(options.logTo, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  const lines: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      options.onExit?.(code, signal, stderr);
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { text };
      }
      lines.push(line);
      options.onLine?.(line);
      if (lines.filter((l) => l.event === 'listening').length === (options.listeners ?? 1))
        resolve();
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code ?? child.signalCode}): ${stderr.slice(-2000)}`)),
    );
  });
  return {
    child,
    port,
    lines,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface Answer {
  status: number;
  body: string;
  cookie?: string | undefined;
}

/**
 * One request on a connection of its own (no keep-alive, so requests spread over the workers);
 * `json` is sent as JSON, `slowlyMs` sends the body in pieces over that many ms.
 */
export function request(
  port: number,
  method: string,
  path: string,
  o: {
    body?: Buffer;
    json?: unknown;
    type?: string;
    cookie?: string;
    csrf?: string;
    slowlyMs?: number;
  } = {},
): Promise<Answer> {
  const body = o.json === undefined ? o.body : Buffer.from(JSON.stringify(o.json));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(body ? { 'Content-Type': o.type ?? 'application/json' } : {}),
          ...(body ? { 'Content-Length': String(body.length) } : {}),
          ...(o.cookie ? { Cookie: o.cookie } : {}),
          ...(o.csrf ? { 'X-CSRF-Token': o.csrf } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (!body) return req.end();
    if (!o.slowlyMs) return req.end(body);
    const pieces = 20;
    const size = Math.ceil(body.length / pieces);
    let at = 0;
    const next = () => {
      if (req.destroyed) return;
      if (at >= body.length) return req.end();
      req.write(body.subarray(at, at + size));
      at += size;
      setTimeout(next, (o.slowlyMs ?? 0) / pieces);
    };
    next();
  });
}

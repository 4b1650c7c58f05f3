/**
 * What the HTTP benchmarks share: child processes that print one line when ready, a bare Node
 * server (the floor), open-loop paced reads, percentiles.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
export const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Starts `node args` and resolves with the first line it prints and a way to stop it. */
export async function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ line: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { line, stop };
}

/** A bare Node HTTP server in a child process that answers every request with `body`. */
export async function startBareServer(
  body: Buffer,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const code = `
    const body = Buffer.from(process.argv[1], 'base64');
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const { line, stop } = await startChild('bare server', ['-e', code, body.toString('base64')]);
  return { port: Number(line), stop };
}

/**
 * Open-loop pacing: each of `clients` calls `read` every `clients / rate` seconds, starting at
 * a random phase, for `seconds`; each latency is counted from when the read was due (so a late
 * start counts too). `read(c, i)`: client c's i-th read.
 */
export async function pacedReads(
  options: { clients: number; rate: number; seconds: number },
  read: (client: number, i: number) => Promise<void>,
): Promise<number[]> {
  const interval = (options.clients / options.rate) * 1000;
  const samples: number[] = [];
  const end = performance.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, c) => {
      let due = performance.now() + Math.random() * interval;
      for (let i = 0; due < end; i++, due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await read(c, i);
        samples.push(performance.now() - due);
      }
    }),
  );
  return samples;
}

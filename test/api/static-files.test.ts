import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Database } from '../../src/db/database';
import { loadConfig } from '../../src/server/env';

// The built web app as the browser gets it: each script in the smallest form it accepts, kept
// for good (its name changes with its content), and the page for any other address never kept.

let webDir: string;
let app: ReturnType<typeof createApp>;
const script = 'console.log("Overblik");\n'.repeat(200);

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'overblik-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Overblik</title>');
  const file = path.join(webDir, 'assets', 'index-abc123.js');
  await writeFile(file, script);
  await writeFile(`${file}.br`, brotliCompressSync(script));
  await writeFile(`${file}.gz`, gzipSync(script));
  app = createApp(
    {
      db: {} as Database, // no request here reaches the database
      config: loadConfig({ DEMO: '0' }),
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
    },
    { webDir },
  );
});
afterAll(() => rm(webDir, { recursive: true, force: true }));

describe('the built web app', () => {
  it('sends a script compressed as the browser accepts, and lets it keep it', async () => {
    const br = await app.request('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(br.status).toBe(200);
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toBe('Accept-Encoding');
    expect(br.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script);

    const gz = await app.request('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('never lets the browser keep the page an unknown address falls through to', async () => {
    const missing = await app.request('/assets/index-old999.js');
    expect(missing.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(missing.headers.get('Cache-Control') ?? '').not.toMatch(/immutable|max-age/);
  });
});

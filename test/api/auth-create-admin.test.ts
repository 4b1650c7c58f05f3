import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database';

let dataDir: string;

function createAdmin(args: string[], stdin: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli/create-admin.ts', ...args],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          DEMO: '0',
          LOG_LEVEL: 'silent',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'overblik-create-admin-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('npm run create-admin', () => {
  it('refuses a short password and creates nothing', async () => {
    const result = await createAdmin(['--username', 'anne', '--name', 'Anne Andersen'], 'kort\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Adgangskoden skal være på mindst 12 tegn.');
  });

  it('refuses to run without a username', async () => {
    const result = await createAdmin(['--name', 'Anne'], 'en lang adgangskode\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Usage: npm run create-admin');
  });

  it('creates an administrator with the password from standard input, audited', async () => {
    const result = await createAdmin(
      ['--username', 'anne', '--name', 'Anne Andersen'],
      'en lang adgangskode\n',
    );
    expect(result.stdout).toContain('Created administrator anne (Anne Andersen).');
    expect(result.code).toBe(0);
    const again = await createAdmin(['--username', 'ANNE', '--name', 'X'], 'en lang adgangskode\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Brugernavnet «ANNE» er allerede i brug.');

    const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    const users = await db.query<{ username: string; roles: string[]; password_hash: string }>(
      'SELECT username, roles, password_hash FROM users',
    );
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'anne', roles: ['administrator'] });
    expect(users[0]?.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await db.query<{ action: string; actor_username: string }>(
      `SELECT action, actor_username FROM audit_log WHERE object_type = 'user'`,
    );
    expect(audit).toEqual([{ action: 'create', actor_username: 'system' }]);
    await db.close();
  });
});

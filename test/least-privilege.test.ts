import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/db/database';
import { migrate, MigrationRightsError } from '../src/db/migrate';
import { recordAudit } from '../src/db/repositories/audit';
import { SYSTEM_ACTOR } from '../src/domain/access';

/**
 * The setup docs/operations.md describes ("Least privilege"): the schema's owner migrates, the
 * app connects as a role that owns nothing and only reads and writes rows. PostgreSQL only
 * (PGlite has one user).
 */
const url = process.env.TEST_DATABASE_URL;
const tag = randomBytes(5).toString('hex');
const schema = `lp_${tag}`;
const role = `overblik_app_${tag}`;
let owner: Database;
let app: Database;

describe.skipIf(!url)('an app role that owns nothing', () => {
  beforeAll(async () => {
    owner = openPostgres({ connectionString: url, options: `-c search_path=${schema}`, max: 2 });
    await owner.query(`CREATE SCHEMA ${schema}`);
    await migrate(owner);
    await owner.query(`CREATE ROLE ${role} LOGIN`);
    await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await owner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    );
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    const appUrl = new URL(url ?? '');
    appUrl.username = role;
    app = openPostgres({
      connectionString: appUrl.toString(),
      options: `-c search_path=${schema}`,
      max: 2,
    });
  });
  afterAll(async () => {
    await app?.close();
    await owner?.query(`DROP SCHEMA ${schema} CASCADE`);
    await owner?.query(`DROP ROLE IF EXISTS ${role}`);
    await owner?.close();
  });

  it('starts when every migration is applied, and writes the audit trail', async () => {
    await expect(migrate(app)).resolves.toEqual([]);
    await app.transaction((tx) =>
      recordAudit(tx, SYSTEM_ACTOR, { action: 'test.write', objectType: 'test' }),
    );
    const [row] = await app.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.write'`,
    );
    expect(row?.n).toBe(1);
  });

  it('cannot switch the audit trail off, nor change or remove its rows', async () => {
    await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(app.query('SET session_replication_role = replica')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(app.query(`DELETE FROM audit_log WHERE action = 'test.write'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(app.query('DROP TABLE audit_log')).rejects.toMatchObject({ code: '42501' });
  });

  it('says in one sentence what to do when a migration is pending', async () => {
    const [last] = await owner.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1',
    );
    await owner.query('DELETE FROM schema_migrations WHERE name = $1', [last?.name]);
    try {
      const failure = await migrate(app).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationRightsError);
      expect((failure as Error).message).toContain(`pending (${last?.name})`);
      expect((failure as Error).message).toContain('run "npm run migrate" as the schema\'s owner');
    } finally {
      await owner.query('INSERT INTO schema_migrations (name) VALUES ($1)', [last?.name]);
    }
  });
});

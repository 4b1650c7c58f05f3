import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/db/database';

// Migration 0026 moves the interventions' free-text providers into the register: a database
// migrated up to 0025 with interventions in it, then 0026 applied.
const DIR = path.join(import.meta.dirname, '../../src/db/migrations');
let db: Database;
let close: () => Promise<void>;

async function apply(files: string[]): Promise<void> {
  for (const file of files) await db.exec(await readFile(path.join(DIR, file), 'utf8'));
}

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.close();
    db = openPostgres({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
    close = async () => {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    };
  } else {
    db = await openPglite();
    close = () => db.close();
  }
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.sql')).sort();
  await apply(files.filter((f) => f < '0026'));
  const [c] = await db.query<{ id: string }>(
    "INSERT INTO centers (name) VALUES ('Center') RETURNING id",
  );
  const [u] = await db.query<{ id: string }>(
    "INSERT INTO units (center_id, name) VALUES ($1, 'Enhed') RETURNING id",
    [c?.id],
  );
  const [k] = await db.query<{ id: string }>(
    `INSERT INTO cases (ref, household_ref, unit_id, person_ref) VALUES ('S-1', 'H-1', $1, 'P-1')
     RETURNING id`,
    [u?.id],
  );
  const rows: [string, boolean][] = [
    ['Opholdsstedet', true],
    ['opholdsstedet ', false],
    [' Opholdsstedet', false],
    ['Familiecentret', false],
    ['', false],
  ];
  let n = 0;
  for (const [name, external] of rows) {
    n += 1;
    await db.query(
      `INSERT INTO case_interventions (case_id, position, ref, kind, status, decided_on, category,
         provider_name, provider_external, account_function, start_date, payment)
       VALUES ($1, $2, $3, 'main', 'granted', '2026-01-01', 'andet', $4, $5, '5.28.21',
         '2026-01-01', '{"type":"one-time","amountOre":100}')`,
      [k?.id, n, `A-${n}`, name, external],
    );
  }
  await apply(files.filter((f) => f.startsWith('0026')));
});
afterAll(() => close());

describe('migration 0026', () => {
  it('registers one provider per name (case and spaces aside) and points every intervention at it', async () => {
    const providers = await db.query<{ name: string; external: boolean; n: number }>(
      `SELECT p.name, p.external, count(i.*)::int AS n FROM providers p
         LEFT JOIN case_interventions i ON i.provider_id = p.id
        GROUP BY p.name, p.external ORDER BY p.name`,
    );
    // Opholdsstedet: spelt so by two of its three interventions, internal by two of them
    expect(providers).toEqual([
      { name: 'Familiecentret', external: false, n: 1 },
      { name: 'Opholdsstedet', external: false, n: 3 },
      { name: 'Ukendt leverandør', external: false, n: 1 },
    ]);
    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'case_interventions' AND column_name LIKE 'provider%'
          AND table_schema = current_schema()`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['provider_id']);
  });
});

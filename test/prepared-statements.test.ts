import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database';
import { createTestDatabase } from './db';

describe('prepared statements', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('give the same rows as an unnamed statement, again and again, also in a transaction', async () => {
    const sql = 'SELECT $1::int + 1 AS n';
    for (const n of [1, 2, 3]) {
      expect(await db.query(sql, [n], { prepare: 'test_plus_one' })).toEqual([{ n: n + 1 }]);
    }
    await db.transaction(async (tx) => {
      expect(await tx.query(sql, [41], { prepare: 'test_plus_one' })).toEqual([{ n: 42 }]);
    });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'refuse one name for two SQL texts on PostgreSQL',
    async () => {
      await db.query('SELECT 1 AS one', [], { prepare: 'test_one' });
      await expect(db.query('SELECT 2 AS one', [], { prepare: 'test_one' })).rejects.toThrow(
        /test_one used with another SQL text/,
      );
    },
  );
});

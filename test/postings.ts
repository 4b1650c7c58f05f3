import type { Database } from '../src/db/database';
import { oreFromKroner } from '../src/domain/money';

/**
 * One posting as a finished ledger import of source `test` leaves it (its own import, so the
 * booked period sees the month): unit, date, account function and amount in øre.
 */
export async function insertPosting(
  db: Database,
  p: {
    unitId: string;
    postedOn: string;
    accountFunction?: string;
    amountOre: number;
    isLate?: boolean;
  },
): Promise<void> {
  const fn = p.accountFunction ?? '5.28.23';
  const [imp] = await db.query<{ id: string }>(
    `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
     VALUES ('test', $1, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
    [Number(p.postedOn.slice(0, 4))],
  );
  await db.query(
    `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_string, amount_ore, is_late)
     VALUES ($1, 2, $2, $3, $4, $4 || '.001.1', $5, $6)`,
    [imp?.id, p.postedOn, p.unitId, fn, p.amountOre, p.isLate ?? false],
  );
}

/**
 * A year's postings as one finished import: one posting on the 10th of each month from January,
 * with the given kroner amounts, on account function 5.28.21.
 */
export async function insertMonthlyPostings(
  db: Database,
  unitId: string,
  year: number,
  monthlyKroner: number[],
): Promise<void> {
  const [imp] = await db.query<{ id: string }>(
    `INSERT INTO ledger_imports (source, year, file_name, file_sha256, byte_size, status, created_by)
     VALUES ('test', $1, 'test.csv', md5(random()::text), 0, 'done', 'test') RETURNING id`,
    [year],
  );
  for (const [i, kroner] of monthlyKroner.entries()) {
    await db.query(
      `INSERT INTO ledger_postings (import_id, line_no, posted_on, unit_id, account_function, account_string, amount_ore)
       VALUES ($1, $2, make_date($3, $4, 10), $5, '5.28.21', '5.28.21.002.1', $6)`,
      [imp?.id, i + 2, year, i + 1, unitId, oreFromKroner(kroner)],
    );
  }
}

import { describePolicyMatrix, type Fixture, type MatrixRow } from '../policy-matrix';

const SNAPSHOT = `
  SELECT json_build_object(
    'closed', (SELECT json_agg(json_build_object('source', c.source, 'month', c.month)
                 ORDER BY c.source, c.month) FROM ledger_closed_months c)
  )::text AS state`;

/** A new ledger source, optionally with its months closed through `closedThrough`; returns its name. */
async function source(f: Fixture, closed: string[] = []): Promise<string> {
  const name = f.unique('Kilde');
  await f.ctx.db.query(`INSERT INTO ledger_sources (name, mapping) VALUES ($1, '{}')`, [name]);
  for (const month of closed) {
    await f.ctx.db.query(
      `INSERT INTO ledger_closed_months (source, month, closed_by) VALUES ($1, $2, 'test')`,
      [name, month],
    );
  }
  return encodeURIComponent(name);
}

const rows: MatrixRow[] = [
  {
    name: 'GET /api/ledger/booked-period',
    method: 'GET',
    path: () => '/api/ledger/booked-period',
    expect: { raadgiver: 403, otherwise: 200 },
  },
  {
    name: 'POST /api/ledger/sources/:name/closed-months',
    method: 'POST',
    path: async (f) => `/api/ledger/sources/${await source(f)}/closed-months`,
    body: () => ({ month: '2026-09' }),
    expect: { administrator: 200, okonomikonsulent: 200, otherwise: 403 },
    snapshot: SNAPSHOT,
  },
  {
    name: 'DELETE /api/ledger/sources/:name/closed-months/:month',
    method: 'DELETE',
    path: async (f) =>
      `/api/ledger/sources/${await source(f, ['2026-08', '2026-09'])}/closed-months/2026-09`,
    expect: { administrator: 200, okonomikonsulent: 200, otherwise: 403 },
    snapshot: SNAPSHOT,
  },
];

describePolicyMatrix('the ledger’s booked period', rows);

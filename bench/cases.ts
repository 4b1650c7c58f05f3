/**
 * Cases benchmarks: a large municipality (20.000 cases, about 60.000 interventions, ten years
 * 2016–2025) from the deterministic generator. Measures, each against the best single SQL
 * statement for the same figures:
 * - importing the whole document through the product (validation, unit lookup, idempotent
 *   upsert) against one INSERT … SELECT FROM unnest of the same rows;
 * - the full commitment statement for a year (by category, with last year and full-year
 *   persons) against one SQL query computing the same expected cost by category.
 * In-process (no HTTP), on PGlite by default or on PostgreSQL given BENCH_DATABASE_URL.
 *
 *   npx tsx bench/cases.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/cases.ts
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { SYSTEM_ACTOR } from '../src/domain/access';
import { listRates, loadCases } from '../src/db/repositories/cases';
import {
  compileCases,
  computeYear,
  fullYearPersons,
  statementBy,
  totalsByMonth,
  writeCasesDocument,
  yearTotals,
} from '../src/domain/cases';
import type { IsoDate } from '../src/domain/months';
import type { AppDeps } from '../src/server/context';
import { loadConfig } from '../src/server/env';
import { importCases } from '../src/server/services/case-service';
import { ensureProviders } from '../src/db/repositories/providers';
import { distinctProviders } from '../src/domain/providers';
import { statement } from '../src/server/services/commitments/statements';
import { generateCases } from '../src/server/demo/generator/generator';
import { openBenchDatabase } from './database';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const YEAR = 2021;

/** Times synchronous work. */
function timedSync<T>(work: () => T): [T, number] {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

/** The best single SQL query we could write for the expected (and granted) cost by category. */
const STATEMENT_SQL = `
WITH RECURSIVE vis AS (
  -- each intervention as decided by the date: granted from granted_on, ended by the endings
  -- decided by then, withdrawn when one of them removed it
  SELECT i.case_id, i.ref, i.modifies_ref, i.category, i.payment, i.start_date,
         i.first_payment_date, i.last_payment_date,
         CASE WHEN i.status = 'granted' AND i.granted_on > $2::date THEN 'expected' ELSE i.status END AS status,
         least(i.end_date, x.end_date) AS end_date, coalesce(x.removed, false) AS withdrawn
    FROM case_interventions i
    LEFT JOIN LATERAL (
      SELECT min((e->>'endDate')::date) AS end_date, bool_or((e->>'removed')::boolean) AS removed
        FROM jsonb_array_elements(coalesce(i.endings, '[]'::jsonb)) e
       WHERE (e->>'decidedOn')::date <= $2::date) x ON true
   WHERE i.decided_on <= $2::date
),
chain (case_id, ancestor, first_day) AS (
  SELECT case_id, modifies_ref, first_payment_date FROM vis
   WHERE modifies_ref IS NOT NULL AND status <> 'draft'
  UNION ALL
  SELECT c.case_id, p.modifies_ref, c.first_day
    FROM chain c JOIN vis p ON p.case_id = c.case_id AND p.ref = c.ancestor
   WHERE p.modifies_ref IS NOT NULL
),
cut AS (SELECT case_id, ancestor AS ref, min(first_day) AS cutoff FROM chain GROUP BY 1, 2),
span AS (SELECT make_date($1, 1, 1) AS y0, make_date($1, 12, 31) AS y1),
pay AS (
  SELECT v.category, v.status, v.payment, c.ref IS NOT NULL AS modified, c.cutoff, d.day, d.amount
    FROM vis v CROSS JOIN span s
    LEFT JOIN cut c ON c.case_id = v.case_id AND c.ref = v.ref
    CROSS JOIN LATERAL (
      SELECT (v.start_date + k)::date AS day, NULL::bigint AS amount
        FROM generate_series(
               ((greatest(v.start_date, s.y0) - v.start_date) + (CASE v.payment->>'frequency' WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 ELSE 14 END) - 1)
                 / (CASE v.payment->>'frequency' WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 ELSE 14 END) * (CASE v.payment->>'frequency' WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 ELSE 14 END),
               least(coalesce(v.end_date, s.y1), s.y1) - v.start_date,
               (CASE v.payment->>'frequency' WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 ELSE 14 END)) AS k
       WHERE v.payment->>'type' = 'running' AND v.payment->>'frequency' <> 'monthly'
      UNION ALL
      SELECT make_date($1, m, least((v.payment->>'dayOfMonth')::int,
               extract(day FROM (make_date($1, m, 1) + interval '1 month - 1 day'))::int)), NULL
        FROM generate_series(1, 12) AS m
       WHERE v.payment->>'type' = 'running' AND v.payment->>'frequency' = 'monthly'
      UNION ALL
      SELECT coalesce((v.payment->>'date')::date, v.start_date), NULL
       WHERE v.payment->>'type' = 'one-time'
      UNION ALL
      SELECT (p->>'date')::date, (p->>'amountOre')::bigint
        FROM jsonb_array_elements(CASE WHEN v.payment->>'type' = 'individual' THEN v.payment->'payments' ELSE '[]'::jsonb END) AS p
    ) d
   WHERE NOT v.withdrawn AND v.first_payment_date <= s.y1 AND (v.last_payment_date IS NULL OR v.last_payment_date >= s.y0)
     AND d.day BETWEEN s.y0 AND s.y1
     AND (v.payment->>'type' <> 'running' OR (d.day >= v.start_date AND (v.end_date IS NULL OR d.day <= v.end_date)))
),
priced AS (
  SELECT p.category, p.status, p.modified, p.cutoff, p.payment->>'type' AS type, p.day,
         coalesce(p.amount, (p.payment->>'amountOre')::bigint,
                  round((p.payment->>'units')::numeric * r.amount_ore)::bigint, 0) AS amount
    FROM pay p
    LEFT JOIN case_rate_periods r ON r.rate_code = p.payment->>'rate'
      AND p.day >= r.valid_from AND (r.valid_to IS NULL OR p.day < r.valid_to)
)
SELECT category,
       sum(amount) FILTER (WHERE status = 'expected' OR (status = 'granted' AND (NOT modified
         OR (type <> 'one-time' AND (cutoff IS NULL OR day < cutoff)))))::bigint AS expected,
       sum(amount) FILTER (WHERE status = 'granted')::bigint AS granted
  FROM priced GROUP BY category ORDER BY category`;

async function main(): Promise<void> {
  const { db, kind, drop } = await openBenchDatabase();
  const deps: AppDeps = {
    db,
    config: loadConfig({ DEMO: '0' }),
    logger: pino({ level: 'silent' }),
    now: () => new Date('2022-01-15T10:00:00Z'),
  };
  const units = {
    children: 'Myndighed børn',
    youth: 'Ungeteam og efterværn',
    disability: 'Børnehandicap',
  };
  const [center] = await db.query<{ id: string }>(
    `INSERT INTO centers (name) VALUES ('Center for Børn og Unge') RETURNING id`,
  );
  for (const name of Object.values(units)) {
    await db.query('INSERT INTO units (center_id, name) VALUES ($1, $2)', [center?.id, name]);
  }
  const generated = generateCases({
    seed: 42,
    cases: CASES,
    fromYear: 2016,
    toYear: 2025,
    units,
    measureWeights: [2, 3, 3, 2],
  });
  const interventions = generated.cases.reduce((s, c) => s + c.interventions.length, 0);
  const document = writeCasesDocument(generated.cases, generated.rates);

  // Import through the product, then the same rows by one INSERT … SELECT FROM unnest.
  // the providers the cases name are in the register first (an import never registers one)
  await ensureProviders(db, distinctProviders(generated.cases), 'bench', new Date());
  const [imported, importMs] = await timed(() =>
    importCases(deps, SYSTEM_ACTOR, document, 'bench'),
  );
  const [, reimportMs] = await timed(() => importCases(deps, SYSTEM_ACTOR, document, 'bench'));
  await db.query('CREATE TABLE bench_interventions (LIKE case_interventions)');
  const rows = await db.query<Record<string, unknown>>('SELECT * FROM case_interventions');
  const columns = Object.keys(rows[0] ?? {});
  const types = await db.query<{ column_name: string; data_type: string; udt_name: string }>(
    `SELECT column_name, data_type, udt_name FROM information_schema.columns
      WHERE table_name = 'case_interventions' AND table_schema = current_schema()`,
  );
  const typeOf = new Map(types.map((t) => [t.column_name, t.udt_name]));
  // jsonb columns (the payment, the endings) travel as text and are cast back
  const isJson = (c: string) => typeOf.get(c) === 'jsonb';
  const arrays = columns.map((c) =>
    rows.map((r) => (isJson(c) && r[c] != null ? JSON.stringify(r[c]) : (r[c] ?? null))),
  );
  const [, unnestMs] = await timed(() =>
    db.query(
      `INSERT INTO bench_interventions (${columns.join(', ')})
       SELECT ${columns.map((c) => (isJson(c) ? `${c}::jsonb` : c)).join(', ')}
         FROM unnest(${columns
           .map((c, i) => `$${i + 1}::${isJson(c) ? 'text' : typeOf.get(c)}[]`)
           .join(', ')}) AS t(${columns.join(', ')})`,
      arrays,
    ),
  );

  // The full statement for a year, and the single query for the same figures.
  const asOf = `${YEAR}-12-31` as IsoDate;
  await statement(deps, SYSTEM_ACTOR, { year: YEAR, asOf, by: 'category' }); // warm-up
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let product: Awaited<ReturnType<typeof statement>> | undefined;
  for (let k = 0; k < 3; k += 1) {
    const c0 = process.cpuUsage();
    const [s, t] = await timed(() =>
      statement(deps, SYSTEM_ACTOR, { year: YEAR, asOf, by: 'category' }),
    );
    const c = process.cpuUsage(c0);
    cpuSamples.push((c.user + c.system) / 1000);
    product = s;
    samples.push(t);
  }
  // The statement step by step (the same work as `statement`, timed per step).
  const [stored, loadMs] = await timed(() =>
    loadCases(db, {
      unitIds: null,
      paysBetween: { from: `${YEAR - 1}-01-01` as IsoDate, to: asOf },
    }),
  );
  const rates = new Map((await listRates(db)).map((r) => [r.code, r]));
  const [compiled, compileMs] = timedSync(() => compileCases(stored.map((x) => x.record)));
  const [year, yearMs] = timedSync(() => computeYear(compiled, rates, { year: YEAR, asOf }));
  const [, lastMs] = timedSync(() =>
    yearTotals(compiled, rates, { year: YEAR - 1, asOf: `${YEAR - 1}-12-31` as IsoDate }),
  );
  const [, fypMs] = timedSync(() => fullYearPersons(compiled, { year: YEAR, asOf }));
  const [, splitMs] = timedSync(() => {
    totalsByMonth(year.interventions);
    return statementBy(year.interventions, 'category');
  });
  await db.query(STATEMENT_SQL, [YEAR, asOf]);
  const sqlSamples: number[] = [];
  let sqlRows: { category: string; expected: number; granted: number }[] = [];
  for (let k = 0; k < 3; k += 1) {
    const [r, t] = await timed(() =>
      db.query<{ category: string; expected: number; granted: number }>(STATEMENT_SQL, [
        YEAR,
        asOf,
      ]),
    );
    sqlRows = r;
    sqlSamples.push(t);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;
  const same =
    product !== undefined &&
    sqlRows.every((r) => {
      const p = product?.rows.find((x) => x.key === r.category);
      return (
        p !== undefined &&
        Math.round(p.expected * 100) === Number(r.expected) &&
        Math.round(p.granted * 100) === Number(r.granted)
      );
    });
  const out = [
    `Database: ${kind}`,
    `Data: ${generated.cases.length} cases, ${interventions} interventions, 2016–2025 (seed 42)`,
    `Import through POST /api/cases/import's service: ${(importMs / 1000).toFixed(1)} s (${imported.created} cases created)`,
    `Import of the same document again (nothing changes): ${(reimportMs / 1000).toFixed(1)} s`,
    `Baseline, one INSERT … SELECT FROM unnest of the ${rows.length} rows: ${(unnestMs / 1000).toFixed(2)} s; ratio ${(importMs / unnestMs).toFixed(1)}`,
    `Full statement ${YEAR} as of ${asOf} by category (median of 3): ${(median(samples) / 1000).toFixed(2)} s`,
    `Baseline, one SQL query for the same expected and granted cost by category: ${(median(sqlSamples) / 1000).toFixed(2)} s; ratio ${(median(samples) / median(sqlSamples)).toFixed(1)}`,
    `Same figures to the øre: ${same ? 'yes' : 'NO'}`,
    `Statement, this process's CPU time per run: ${cpuSamples.map((c) => (c / 1000).toFixed(2)).join(', ')} s`,
    `Steps: load ${stored.length} cases ${(loadMs / 1000).toFixed(2)} s, compile ${(compileMs / 1000).toFixed(2)} s, year ${(yearMs / 1000).toFixed(2)} s, last year (totals) ${(lastMs / 1000).toFixed(2)} s, full-year persons ${(fypMs / 1000).toFixed(2)} s, totals and split ${(splitMs / 1000).toFixed(2)} s`,
    `Load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  await drop();
}

await main();

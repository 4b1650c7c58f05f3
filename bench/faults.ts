/**
 * Fault run against PostgreSQL: a real server process (`src/server/main.ts`, as in production)
 * imports ledger files and answers reads while its database connections are terminated, the
 * server is killed with SIGKILL in the middle of imports and of uploads, and restarted. Then it
 * reports what survived: every import all or nothing, every posting of a done import there
 * exactly once, no upload half left, no job stuck, and the server's answers meanwhile.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/faults.ts
 *
 * Works in a fresh schema, dropped afterwards. BENCH_FAULT_ROUNDS (default 15) rounds, each one
 * upload of its own file (BENCH_FAULT_LINES lines, default 30.000) and one fault, in turn:
 * terminating the server's backends mid-import, SIGKILL mid-import, SIGKILL mid-upload, the
 * database away for 3 seconds mid-import (as a restart looks: the server reaches PostgreSQL
 * through a TCP proxy that cuts every connection and refuses new ones), none.
 * Prints one JSON line with the figures; exits non-zero when data was lost or doubled.
 */
import { randomBytes } from 'node:crypto';
import { openPostgres } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { insertUser } from '../src/db/repositories/users';
import { hashPassword } from '../src/server/passwords';
import { freePort, request, startServer, type ServerProcess } from '../test/server-process';
import { TcpProxy, targetOf } from '../test/tcp-proxy';
import { saveBenchLedgerSource } from './generator/ledger';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('bench/faults.ts needs BENCH_DATABASE_URL (a PostgreSQL server).');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_FAULT_ROUNDS ?? 15);
const LINES = Number(process.env.BENCH_FAULT_LINES ?? 30_000);
const FAULTS = ['backends', 'kill-import', 'kill-upload', 'db-away', 'none'] as const;
type Fault = (typeof FAULTS)[number];

const schema = `faults_${randomBytes(4).toString('hex')}`;
const appName = `overblik-faults-${randomBytes(3).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** File `n`: its own lines (so its own hash), amounts known, all in one unit. */
function ledgerFile(n: number): { bytes: Buffer; lines: number; sumOre: number } {
  const rows = ['Bogføringsdato;Kontostreng;Omkostningssted;Beløb;Posteringstekst'];
  let sumOre = 0;
  for (let i = 0; i < LINES; i++) {
    const kroner = 100 + ((n * 7919 + i * 104_729) % 90_000);
    sumOre += kroner * 100;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    rows.push(`${day}.${month}.2026;5.28.21.002.1;4110;${kroner},00;Fil ${n} linje ${i}`);
  }
  return { bytes: Buffer.from(rows.join('\n') + '\n', 'latin1'), lines: LINES, sumOre };
}

class Server {
  process: ServerProcess | undefined;
  starts = 0;
  constructor(
    readonly port: number,
    readonly databaseUrl: string,
  ) {}

  async start(): Promise<void> {
    const run = ++this.starts;
    const started = startServer({
      port: this.port,
      env: { DATABASE_URL: this.databaseUrl, DEMO: '0', LOG_LEVEL: 'info' },
      ...(process.env.BENCH_FAULT_LOG ? { logTo: process.env.BENCH_FAULT_LOG } : {}),
      onLine: (line) => {
        if (line.event === 'orphans_removed') events.orphansLogged++;
      },
      onExit: (code, signal, stderr) => {
        if (!killedOnPurpose.has(run))
          events.unexpectedExits.push(`${code ?? signal}: ${stderr.slice(-2000)}`);
      },
    });
    this.process = await started;
  }

  alive(): boolean {
    const child = this.process?.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  async kill(): Promise<void> {
    if (!this.process) return;
    killedOnPurpose.add(this.starts);
    await this.process.stop('SIGKILL');
  }
}

/** The starts (by number) whose process was killed on purpose. */
const killedOnPurpose = new Set<number>();
const events = { orphansLogged: 0, unexpectedExits: [] as string[] };

async function main(): Promise<void> {
  const admin = openPostgres({ connectionString: url, max: 2 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = `-c search_path=${schema}`;
  const db = openPostgres({ connectionString: url, options, max: 2 });
  const started = Date.now();
  try {
    await migrate(db);
    const [center] = await db.query<{ id: string }>(
      `INSERT INTO centers (name) VALUES ('Center for Børn og Unge') RETURNING id`,
    );
    const [unit] = await db.query<{ id: string }>(
      `INSERT INTO units (center_id, name) VALUES ($1, 'Myndighed') RETURNING id`,
      [center?.id],
    );
    const passwordHash = await hashPassword('faults');
    await db.transaction((tx) =>
      insertUser(tx, {
        username: 'faults',
        displayName: 'Faults',
        passwordHash,
        roles: ['okonomikonsulent'],
        unitIds: [unit?.id ?? ''],
      }),
    );
    await saveBenchLedgerSource(db, { '4110': unit?.id ?? '' }, new Date());

    const proxy = new TcpProxy(targetOf(url ?? ''));
    await proxy.up();
    const through = proxy.through(url ?? '');
    const server = new Server(
      await freePort(),
      `${through}${through.includes('?') ? '&' : '?'}options=${encodeURIComponent(options)}&application_name=${appName}`,
    );
    await server.start();
    const login = await request(server.port, 'POST', '/api/session', {
      body: Buffer.from(JSON.stringify({ username: 'faults', password: 'faults' })),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${login.body}`);
    const cookie = login.cookie ?? '';
    const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;

    // Reads all along: their answers while the faults happen.
    const reads = { ok: 0, unavailable: 0, otherError: 0, refused: 0 };
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          const r = await request(server.port, 'GET', '/api/ledger/imports', { cookie });
          if (r.status === 200) reads.ok++;
          else if (r.status === 503) reads.unavailable++;
          else reads.otherError++;
        } catch {
          reads.refused++; // the server process is down (killed, restarting)
        }
        await sleep(25);
      }
    })();

    const terminate = async () =>
      (
        await admin.query<{ ended: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
            WHERE application_name = $1 AND pid <> pg_backend_pid()`,
          [appName],
        )
      ).filter((r) => r.ended).length;

    const files = new Map<string, { lines: number; sumOre: number }>();
    const faults: Record<Fault, number> = {
      backends: 0,
      'kill-import': 0,
      'kill-upload': 0,
      'db-away': 0,
      none: 0,
    };
    let backendsTerminated = 0;
    /** Health checks while the database was away. */
    const dbAway = { unavailable: 0, ok: 0, other: 0 };
    /** Uploads half received when their server was killed. */
    const uploadsCutOff = new Set<string>();
    let recoverMsMax = 0;
    const upload = (n: number, file: Buffer, slowlyMs?: number) =>
      request(
        server.port,
        'POST',
        `/api/ledger/imports?source=KMD%20Opus&year=2026&fileName=fil-${n}.csv`,
        { body: file, type: 'text/csv', cookie, csrf, ...(slowlyMs ? { slowlyMs } : {}) },
      );
    const healthyWithin = async () => {
      const t0 = Date.now();
      for (;;) {
        if (!server.alive())
          throw new Error(`the server died: ${events.unexpectedExits.join('; ')}`);
        if (Date.now() - t0 > 60_000) throw new Error('the server did not recover within 60 s');
        try {
          if ((await request(server.port, 'GET', '/api/health')).status === 200) break;
        } catch {
          /* not yet */
        }
        await sleep(50);
      }
      recoverMsMax = Math.max(recoverMsMax, Date.now() - t0);
    };

    for (let round = 0; round < ROUNDS; round++) {
      const only = process.env.BENCH_FAULTS?.split(',') ?? [...FAULTS];
      const chosen = FAULTS.filter((f) => only.includes(f));
      const fault = chosen[round % chosen.length] ?? 'none';
      faults[fault]++;
      const file = ledgerFile(round);
      if (fault === 'kill-upload') {
        const sending = upload(round, file.bytes, 4000).catch(() => null);
        await sleep(1500 + Math.random() * 1000);
        for (const { id } of await db.query<{ id: string }>(
          `SELECT id FROM ledger_imports WHERE status = 'receiving'`,
        ))
          uploadsCutOff.add(id);
        await server.kill();
        await sending;
        await server.start();
        continue;
      }
      const answer = await upload(round, file.bytes);
      if (answer.status !== 202) throw new Error(`upload: ${answer.status} ${answer.body}`);
      const { importId } = JSON.parse(answer.body) as { importId: string };
      files.set(importId, { lines: file.lines, sumOre: file.sumOre });
      await sleep(100 + Math.random() * 600); // the import is under way
      if (fault === 'backends') {
        backendsTerminated += await terminate();
        await healthyWithin();
      } else if (fault === 'db-away') {
        await proxy.down();
        const t0 = Date.now();
        while (Date.now() - t0 < 3000) {
          // What a user meets meanwhile: a 503 in Danish, or (rarely) a kept answer.
          try {
            const r = await request(server.port, 'GET', '/api/health');
            if (r.status === 503) dbAway.unavailable++;
            else if (r.status === 200) dbAway.ok++;
            else dbAway.other++;
          } catch {
            dbAway.other++;
          }
          await sleep(100);
        }
        await proxy.up();
        await healthyWithin();
      } else if (fault === 'kill-import') {
        await server.kill();
        await server.start();
        await healthyWithin();
      }
      if (!server.alive()) throw new Error(`the server died after ${fault}`);
    }

    // Everything settles: jobs end (retries, take-overs), the sweep removes cut-off uploads.
    const settleStart = Date.now();
    let open = 1;
    let receiving = 1;
    while ((open > 0 || receiving > 0) && Date.now() - settleStart < 180_000) {
      await sleep(1000);
      [{ open = 1 } = {}] = await db.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM jobs WHERE status IN ('queued', 'running')`,
      );
      [{ receiving = 1 } = {}] = await db.query<{ receiving: number }>(
        `SELECT count(*)::int AS receiving FROM ledger_imports WHERE status = 'receiving'`,
      );
    }
    const settleSeconds = Math.round((Date.now() - settleStart) / 1000);
    reading = false;
    await reader;

    // What survived.
    const imports = await db.query<{
      id: string;
      status: string;
      postings: number;
      sum_ore: number;
      distinct_lines: number;
    }>(
      `SELECT i.id, i.status, count(p.id)::int AS postings, COALESCE(sum(p.amount_ore), 0)::bigint AS sum_ore,
              count(DISTINCT p.line_no)::int AS distinct_lines
         FROM ledger_imports i LEFT JOIN ledger_postings p ON p.import_id = i.id
        GROUP BY i.id, i.status`,
    );
    const byStatus: Record<string, number> = {};
    let wholeDone = 0;
    let lostOrDoubled = 0;
    let leftoverPostings = 0;
    for (const imp of imports) {
      byStatus[imp.status] = (byStatus[imp.status] ?? 0) + 1;
      const expected = files.get(imp.id);
      if (imp.status === 'done') {
        if (
          expected &&
          imp.postings === expected.lines &&
          imp.distinct_lines === expected.lines &&
          imp.sum_ore === expected.sumOre
        )
          wholeDone++;
        else lostOrDoubled++;
      } else leftoverPostings += imp.postings;
    }
    const jobs = await db.query<{ status: string; n: number; takeovers: number; retries: number }>(
      `SELECT status, count(*)::int AS n,
              sum((SELECT count(*) FROM jsonb_array_elements(history) h WHERE h ->> 'outcome' = 'abandoned'))::int AS takeovers,
              sum((SELECT count(*) FROM jsonb_array_elements(history) h WHERE h ->> 'outcome' = 'error'))::int AS retries
         FROM jobs GROUP BY status`,
    );
    const [chunks] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ledger_import_chunks',
    );
    const [discarded] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'ledger.upload.discard'`,
    );
    await server.kill();
    await proxy.down();

    const result = {
      database: 'PostgreSQL',
      rounds: ROUNDS,
      linesPerFile: LINES,
      faults,
      backendsTerminated,
      serverStarts: server.starts,
      unexpectedServerExits: events.unexpectedExits.length,
      uploadsAccepted: files.size,
      importsByStatus: byStatus,
      importsDoneWhole: wholeDone,
      importsLostOrDoubled: lostOrDoubled,
      postingsOfImportsNotDone: leftoverPostings,
      jobsByStatus: Object.fromEntries(jobs.map((j) => [j.status, j.n])),
      takeovers: jobs.reduce((s, j) => s + j.takeovers, 0),
      retriesAfterError: jobs.reduce((s, j) => s + j.retries, 0),
      uploadsCutOff: uploadsCutOff.size,
      uploadsCutOffRemoved: discarded?.n ?? 0,
      uploadsStillReceiving: receiving,
      chunksLeft: chunks?.n ?? 0,
      reads,
      healthWhileDatabaseAway: dbAway,
      recoverMsMax,
      settleSeconds,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(JSON.stringify(result));
    const bad =
      result.importsLostOrDoubled > 0 ||
      result.postingsOfImportsNotDone > 0 ||
      result.unexpectedServerExits > 0 ||
      result.uploadsStillReceiving > 0 ||
      reads.otherError > 0 ||
      dbAway.other > 0 ||
      open > 0;
    if (events.unexpectedExits.length) console.error(events.unexpectedExits.join('\n'));
    process.exitCode = bad ? 1 : 0;
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}

await main();

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, finishJob, findJob, insertJob } from '../../src/db/repositories/ledger-jobs';
import {
  findLedgerImport,
  insertImportChunks,
  insertLedgerImport,
} from '../../src/db/repositories/ledger';
import { removeOrphanUploads } from '../../src/server/services/ledger-service';
import {
  drainJobs,
  registerJobHandler,
  startJobWorker,
  STALE_SECONDS,
} from '../../src/server/jobs/worker';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the background-work queue', () => {
  it('hands each queued job to exactly one of several concurrent workers', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await insertJob(ctx.db, { kind: 'test.noop', payload: { i }, createdBy: 'test' }));
    }
    const claimed = await Promise.all(Array.from({ length: 8 }, () => claimJob(ctx.db, 300)));
    const got = claimed.filter((j) => j !== undefined).map((j) => j.id);
    expect(got.sort()).toEqual([...ids].sort());
    expect(await claimJob(ctx.db, 300)).toBeUndefined();
  });

  it('takes over a job whose worker stopped sending heartbeats', async () => {
    const id = await insertJob(ctx.db, { kind: 'test.noop', payload: {}, createdBy: 'test' });
    expect((await claimJob(ctx.db, 300))?.id).toBe(id);
    await ctx.db.query(
      "UPDATE jobs SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1",
      [id],
    );
    const again = await claimJob(ctx.db, 300);
    expect(again).toMatchObject({ id, attempts: 2 });
  });

  it('runs a job to the end and records its result and progress', async () => {
    registerJobHandler('test.count', async (_db, job, progress) => {
      await progress(50);
      return { status: 'done', result: { seen: job.payload } };
    });
    const id = await insertJob(ctx.db, {
      kind: 'test.count',
      payload: { n: 3 },
      createdBy: 'test',
    });
    // Earlier tests left running jobs of another kind; the drain fails those it cannot run.
    await ctx.db.query("UPDATE jobs SET status = 'done' WHERE kind = 'test.noop'");
    await drainJobs(ctx.db);
    expect(await findJob(ctx.db, id)).toMatchObject({
      status: 'done',
      progress: 100,
      result: { seen: { n: 3 } },
    });
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('jobs and the processes running them', () => {
  it('takes over within seconds a job left running by a process that stopped', async () => {
    await ctx.db.query("UPDATE jobs SET status = 'done' WHERE status IN ('queued', 'running')");
    registerJobHandler('test.ok', () => Promise.resolve({ status: 'done', result: null }));
    const id = await insertJob(ctx.db, { kind: 'test.ok', payload: {}, createdBy: 'test' });
    // A process claimed it and was killed: its heartbeat stops.
    expect((await claimJob(ctx.db, STALE_SECONDS))?.id).toBe(id);
    await drainJobs(ctx.db);
    expect((await findJob(ctx.db, id))?.status).toBe('running'); // still fresh: not taken
    await ctx.db.query(
      "UPDATE jobs SET heartbeat_at = now() - interval '11 seconds' WHERE id = $1",
      [id],
    );
    await drainJobs(ctx.db);
    const job = await findJob(ctx.db, id);
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    expect(job?.history).toMatchObject([{ attempt: 1, outcome: 'abandoned', error: null }]);
    // The stopped process's outcome, should it come after all, no longer counts.
    expect(await finishJob(ctx.db, id, 1, { status: 'failed', error: 'late' })).toBe(false);
    expect((await findJob(ctx.db, id))?.status).toBe('done');
  });

  it('retries a job that throws after a delay, and gives it up as dead after three attempts', async () => {
    registerJobHandler('test.throws', () => Promise.reject(new Error('the database went away')));
    const id = await insertJob(ctx.db, { kind: 'test.throws', payload: {}, createdBy: 'test' });
    await drainJobs(ctx.db);
    let job = await findJob(ctx.db, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, error: 'the database went away' });
    expect(Date.parse(job?.run_after ?? '')).toBeGreaterThan(Date.now());
    await drainJobs(ctx.db); // not yet due
    expect((await findJob(ctx.db, id))?.attempts).toBe(1);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await ctx.db.query('UPDATE jobs SET run_after = now() WHERE id = $1', [id]);
      await drainJobs(ctx.db);
    }
    job = await findJob(ctx.db, id);
    expect(job).toMatchObject({ status: 'dead', attempts: 3 });
    expect(job?.finished_at).not.toBeNull();
    expect(job?.history.map((h) => [h.attempt, h.outcome])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
    ]);
    await ctx.db.query('UPDATE jobs SET run_after = now() WHERE id = $1', [id]);
    await drainJobs(ctx.db);
    expect((await findJob(ctx.db, id))?.attempts).toBe(3); // dead is never run again
  });

  it('starts a queued job at once, without a request or a poll', async () => {
    let ran = 0;
    registerJobHandler('test.notified', () => {
      ran++;
      return Promise.resolve({ status: 'done', result: null });
    });
    const worker = startJobWorker(ctx.db, { onError: () => undefined });
    try {
      await sleep(300); // listening
      const id = await ctx.db.transaction((tx) =>
        insertJob(tx, { kind: 'test.notified', payload: {}, createdBy: 'test' }),
      );
      // Well within the timer's interval (5 s): the notification started it.
      for (let i = 0; i < 40 && (await findJob(ctx.db, id))?.status !== 'done'; i++)
        await sleep(50);
      expect((await findJob(ctx.db, id))?.status).toBe('done');
      expect(ran).toBe(1);
    } finally {
      worker.stop();
    }
  });

  it('shows the job history to the finance partner, and to nobody without import rights', async () => {
    const unit = await createUnit(ctx.db, 'Myndighed');
    await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unit] });
    await createUser(ctx.db, { username: 'laeser', roles: ['laeser'], unitIds: [unit] });
    const finance = new TestClient(ctx);
    expect((await finance.login('okonomi')).status).toBe(200);
    const response = await finance.get('/api/jobs?kind=test.throws');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: { kind: string; status: string; attempts: number; history: unknown[] }[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'test.throws', status: 'dead', attempts: 3 });
    expect(items[0]?.history).toHaveLength(3);
    const reader = new TestClient(ctx);
    expect((await reader.login('laeser')).status).toBe(200);
    expect((await reader.get('/api/jobs')).status).toBe(403);
  });

  it('lets the finance partner retry a dead job: one of two retries at once wins, the other gets 409 in Danish; audited', async () => {
    let calls = 0;
    registerJobHandler('test.flaky', () => {
      calls++;
      return calls <= 3
        ? Promise.reject(new Error('the database went away'))
        : Promise.resolve({ status: 'done', result: { calls } });
    });
    const id = await insertJob(ctx.db, { kind: 'test.flaky', payload: {}, createdBy: 'test' });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await ctx.db.query('UPDATE jobs SET run_after = now() WHERE id = $1', [id]);
      await drainJobs(ctx.db);
    }
    expect(await findJob(ctx.db, id)).toMatchObject({ status: 'dead', attempts: 3 });

    const reader = new TestClient(ctx);
    await reader.login('laeser');
    expect((await reader.post(`/api/jobs/${id}/retry`)).status).toBe(403);
    const finance = new TestClient(ctx);
    await finance.login('okonomi');
    const answers = await Promise.all([
      finance.post(`/api/jobs/${id}/retry`),
      finance.post(`/api/jobs/${id}/retry`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409);
    expect(lost?.headers.get('content-type')).toContain('application/problem+json');
    expect(((await lost?.json()) as { detail: string }).detail).toBe(
      'Arbejdet er ikke opgivet: det er allerede sat i gang igen, kører eller er afsluttet. Opdater siden.',
    );
    const audit = await ctx.db.query<{ actor_username: string; before: unknown }>(
      "SELECT actor_username, before FROM audit_log WHERE action = 'job.retry' AND object_id = $1",
      [id],
    );
    expect(audit).toEqual([
      { actor_username: 'okonomi', before: { kind: 'test.flaky', status: 'dead', attempts: 3 } },
    ]);

    await drainJobs(ctx.db);
    const job = (await (await finance.get(`/api/jobs/${id}`)).json()) as {
      status: string;
      attempts: number;
      history: { outcome: string }[];
    };
    expect(job).toMatchObject({ status: 'done', attempts: 1 });
    expect(job.history.map((h) => h.outcome)).toEqual(['error', 'error', 'error', 'retried']);
    // done is not dead: nothing to retry, and an unknown job is not found
    expect((await finance.post(`/api/jobs/${id}/retry`)).status).toBe(409);
    expect(
      (await finance.post('/api/jobs/00000000-0000-4000-8000-000000000000/retry')).status,
    ).toBe(404);
  });
});

describe('a dead ledger import', () => {
  it('keeps its file through the start-up clean-up, and a retry queues the import again', async () => {
    const importId = await insertLedgerImport(ctx.db, {
      source: 'Ingen kilde',
      year: 2026,
      fileName: 'posteringer.csv',
      encoding: 'auto',
      createdBy: 'okonomi',
    });
    await insertImportChunks(ctx.db, importId, 0, [new TextEncoder().encode('Dato;Beløb\n')]);
    await ctx.db.query("UPDATE ledger_imports SET status = 'queued' WHERE id = $1", [importId]);
    const id = await insertJob(ctx.db, {
      kind: 'ledger.import',
      payload: { importId },
      createdBy: 'okonomi',
    });
    // its process died on the last attempt
    await ctx.db.query(
      `UPDATE jobs SET status = 'running', attempts = 3, heartbeat_at = now() - interval '1 hour'
        WHERE id = $1`,
      [id],
    );
    await drainJobs(ctx.db);
    expect((await findJob(ctx.db, id))?.status).toBe('dead');
    expect((await findLedgerImport(ctx.db, importId))?.status).toBe('failed');
    expect(await removeOrphanUploads(ctx.db)).toMatchObject({ chunks: 0 });

    const finance = new TestClient(ctx);
    await finance.login('okonomi');
    const retried = await finance.post(`/api/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: 'queued' });
    // the retry starts the queue at once, so the import may already be running again
    expect(['queued', 'running']).toContain((await findLedgerImport(ctx.db, importId))?.status);
    await drainJobs(ctx.db);
    // it ran again to its end: the source has no columns set up, so the import is refused
    expect(await findJob(ctx.db, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await findLedgerImport(ctx.db, importId))?.status).toBe('failed');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, findJob, insertJob } from '../../src/db/repositories/ledger-jobs';
import { drainJobs, registerJobHandler } from '../../src/server/jobs/worker';
import { createTestApp, type TestContext } from '../app';

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

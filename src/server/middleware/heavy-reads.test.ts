import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../context';
import { heavyReadSlots, limitConcurrency } from './heavy-reads';

describe('limitConcurrency', () => {
  it('runs at most the limit at once, serves every request in turn, and frees the slot after an error', async () => {
    let running = 0;
    let most = 0;
    const app = new Hono<AppEnv>();
    app.use('/heavy', limitConcurrency(heavyReadSlots(2)));
    app.get('/heavy', async (c) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      if (c.req.query('fail')) throw new Error('failed');
      return c.text('ok');
    });
    app.onError((_e, c) => c.text('error', 500));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        Promise.resolve(app.request(n % 3 === 0 ? '/heavy?fail=1' : '/heavy')),
      ),
    );
    expect(most).toBe(2);
    expect(answers.map((a) => a.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 500, 500, 500, 500,
    ]);
    // every slot came back: the next two run side by side again
    most = 0;
    await Promise.all([
      Promise.resolve(app.request('/heavy')),
      Promise.resolve(app.request('/heavy')),
    ]);
    expect(most).toBe(2);
  });
});

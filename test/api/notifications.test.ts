import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJob } from '../../src/db/repositories/ledger-jobs';
import { drainJobs } from '../../src/server/jobs/worker';
import {
  queueDigestIfDue,
  registerDigestJob,
} from '../../src/server/services/notification-service';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

interface Mail {
  to: string[];
  raw: string;
}

let ctx: TestContext;
let server: SMTPServer;
let port: number;
const mails: Mail[] = [];
let now = new Date('2026-11-23T05:30:00Z'); // 06:30 in Copenhagen
const clock = () => now;
const clients: Record<string, TestClient> = {};
const c = (name: string) => clients[name] as TestClient;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  ctx = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  ctx.setNow(now);
  const unit = await createUnit(ctx.db, 'Myndighed');
  await createUser(ctx.db, {
    username: 'okonomi',
    displayName: 'Ole Økonomi',
    roles: ['okonomikonsulent'],
    unitIds: [unit],
  });
  await createUser(ctx.db, { username: 'anden', roles: ['okonomikonsulent'], unitIds: [unit] });
  for (const name of ['okonomi', 'anden']) {
    clients[name] = new TestClient(ctx);
    await c(name).login(name);
  }
  registerDigestJob({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    mailFrom: 'Overblik <overblik@kommune.dk>',
    digestTime: '07:00',
    now: clock,
  });
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Queues the day's digest at the current test time and waits for the queue to run it. */
async function runDigest(): Promise<string | null> {
  const jobId = await queueDigestIfDue(ctx.db, { digestTime: '07:00', now: clock });
  await drainJobs(ctx.db);
  return jobId;
}

describe('notifications and the daily e-mail digest', () => {
  it('saves the caller’s address and digest choice, and refuses a bad address', async () => {
    const bad = await c('okonomi').put('/api/notifications/email', {
      email: 'ikke en adresse',
      digest: true,
    });
    expect(bad.status).toBe(422);
    const response = await c('okonomi').put('/api/notifications/email', {
      email: 'ole@kommune.dk',
      digest: true,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      email: 'ole@kommune.dk',
      digest: true,
      emailEnabled: true,
      unread: 0,
    });
  });

  it('queues nothing before the day’s digest time', async () => {
    expect(await runDigest()).toBeNull();
    expect(mails).toEqual([]);
  });

  it('after the digest time: reminds of an approaching committee deadline and mails one digest', async () => {
    const meeting = await c('okonomi').post('/api/meetings', {
      kind: 'committee',
      heldOn: '2026-12-08',
      title: 'Børne- og Ungeudvalget',
      materialDeadline: '2026-11-27',
    });
    expect(meeting.status).toBe(201);
    now = new Date('2026-11-23T06:05:00Z'); // 07:05 in Copenhagen
    const jobId = await runDigest();
    expect(jobId).not.toBeNull();
    expect((await findJob(ctx.db, jobId ?? ''))?.status).toBe('done');
    // both økonomikonsulenter are told in the app; only the one with an address gets a mail
    for (const name of ['okonomi', 'anden']) {
      const list = (await (await c(name).get('/api/notifications')).json()) as {
        unread: number;
        items: { text: string }[];
      };
      expect(list.unread).toBe(1);
      expect(list.items[0]?.text).toBe(
        'Fristen for materiale til Børne- og Ungeudvalget (08.12.2026) er den 27.11.2026.',
      );
    }
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['ole@kommune.dk']);
    const raw = mails[0]?.raw ?? '';
    expect(raw).toMatch(/^Subject: =\?UTF-8\?|^Subject: Overblik/m);
    const body = decodeQuotedPrintable(raw.slice(raw.indexOf('\r\n\r\n')));
    expect(body).toContain('Kære Ole Økonomi');
    expect(body).toContain('Fristen for materiale til Børne- og Ungeudvalget');
  });

  it('sends one digest a day: a second look the same day queues nothing', async () => {
    now = new Date('2026-11-23T15:00:00Z');
    expect(await runDigest()).toBeNull();
    expect(mails).toHaveLength(1);
  });

  it('the next day mails only what is new, and nothing already read in the app', async () => {
    now = new Date('2026-11-24T06:30:00Z');
    expect(await runDigest()).not.toBeNull();
    expect(mails).toHaveLength(1);
  });

  it('marks all read', async () => {
    const response = await c('anden').post('/api/notifications/read', {});
    expect(((await response.json()) as { unread: number }).unread).toBe(0);
  });
});

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

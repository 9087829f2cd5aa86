import fs from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSmtpServer, type SmtpSink } from '@/e2e/support/smtp';
import { openDatabase, type Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { applications, auditEvents, certificates, outboxMessages } from '@/db/schema';
import { submitApplication } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { createMailer } from '@/lib/mail/mailer';
import { createDevSmsSender } from '@/lib/sms/dev-sms';
import { citizenByPhone, staffByUsername, validTransferInput, approveForTest } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { listUndeliveredMessages, retryOutboxMessage } from './dead-letter';
import { drainOutbox, enqueueEmail, MAX_ATTEMPTS, retryDelayMs, retryDelaySeconds, type Deliverers } from './outbox';

const FROM = '武汉市公安局电子身份证服务 <no-reply@eid.wuhan.example>';

/** A port nothing listens on (yet): asked of the OS, then released. */
async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A drain clock just past anything queued so far: the database stamps next_attempt_at in
 * microseconds, a JS Date only in milliseconds, so `new Date()` can fall just before it.
 */
function afterQueued(): Date {
  return new Date(Date.now() + 1000);
}

function recipientsOf(mail: ParsedMail): string[] {
  return [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
}

describe.each(TEST_TARGETS)('outbox delivery on $kind', (target) => {
  let connection: Connection;
  let smtp: SmtpSink;
  let smtpPort: number;
  let tempDir: string;
  let deliverers: Deliverers;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    smtpPort = await findFreePort();
    smtp = await startSmtpServer(smtpPort);
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'eid-outbox-'));
    deliverers = {
      sendEmail: createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: FROM, outboxDir: tempDir }),
      sendSms: createDevSmsSender(tempDir),
    };
    // The dev SMS adapter announces each file; keep the test output quiet.
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await smtp?.close();
    await connection?.close();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  });
  // Every test starts from an empty outbox and an empty mailbox, so counts are its own.
  beforeEach(async () => {
    await connection.db.delete(outboxMessages);
    smtp.messages.length = 0;
  });

  async function queueEmails(n: number, label: string) {
    await connection.db.transaction(async (tx) => {
      for (let i = 1; i <= n; i += 1) {
        await enqueueEmail(tx, { to: `citizen${i}@example.test`, subject: `${label} ${i} / 通知 ${i}`, text: `正文 ${label} ${i}\nBody ${label} ${i}` });
      }
    });
  }

  async function outboxRows() {
    return connection.db.select().from(outboxMessages).orderBy(outboxMessages.id);
  }

  it('never sends a message queued in a transaction that rolled back', async () => {
    const { db } = connection;
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { to: 'rolled-back@example.test', subject: 'rolled back', text: 'must never arrive' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await queueEmails(1, 'committed');

    expect(await drainOutbox(db, deliverers, afterQueued())).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(smtp.messages.map((m) => m.subject)).toEqual(['committed 1 / 通知 1']);
    expect((await outboxRows()).map((r) => (r.payload as { to: string }).to)).toEqual(['citizen1@example.test']);
  });

  it('delivers pending e-mails over SMTP once, marks them sent, and sends nothing on the next drain', async () => {
    const { db } = connection;
    await queueEmails(2, 'delivery');

    expect(await drainOutbox(db, deliverers, afterQueued())).toEqual({ sent: 2, failed: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(2);
    const [first, second] = smtp.messages;
    expect(first!.subject).toBe('delivery 1 / 通知 1');
    expect(first!.text?.trim()).toBe('正文 delivery 1\nBody delivery 1');
    expect(recipientsOf(first!)).toEqual(['citizen1@example.test']);
    expect(first!.from?.value[0]?.address).toBe('no-reply@eid.wuhan.example');
    expect(recipientsOf(second!)).toEqual(['citizen2@example.test']);

    const rows = await outboxRows();
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['sent', 1, null],
      ['sent', 1, null],
    ]);
    expect(rows.every((r) => r.sentAt instanceof Date)).toBe(true);

    // Far in the future, so "not due yet" cannot be why nothing is sent.
    expect(await drainOutbox(db, deliverers, new Date(Date.now() + 86_400_000))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(2);
  });

  it('keeps an approval when its e-mail cannot be sent, retries after the back-off, and then delivers it', async () => {
    const { db } = connection;
    const downPort = await findFreePort();
    const downDeliverers: Deliverers = {
      sendEmail: createMailer({ smtpUrl: `smtp://127.0.0.1:${downPort}`, from: FROM, outboxDir: tempDir }),
      sendSms: createDevSmsSender(tempDir),
    };

    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(db, citizen, await validTransferInput(db, citizen));
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const applicationId = submitted.data.applicationId;
    const clerk = await staffByUsername(db, 'clerk06');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx)).status).toBe('ok');
    await approveForTest(db, applicationId, 2); // and the supervisor's countersign: the household transfer needs it

    const now = afterQueued();
    const down = await drainOutbox(db, downDeliverers, now, 20, { random: () => 1 });
    const emails = (await outboxRows()).filter((r) => r.kind === 'email');
    expect(emails.length).toBeGreaterThanOrEqual(2); // "received" on submit, the decision on approval
    expect(down.failed).toBe(emails.length);
    for (const email of emails) {
      expect(email).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
      expect(email.lastError).toBeTruthy();
      expect(email.nextAttemptAt).toEqual(new Date(now.getTime() + retryDelaySeconds(1) * 1000));
    }
    // SMS go through their own channel and are not held back by the mail server.
    expect((await outboxRows()).filter((r) => r.kind === 'sms').every((r) => r.status === 'sent')).toBe(true);

    // The promise: a failed notification never undoes the decision.
    const [application] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(application!.status).toBe('approved');
    expect(await db.select().from(certificates).where(eq(certificates.applicationId, applicationId))).toHaveLength(1);

    const restarted = await startSmtpServer(downPort);
    try {
      // Mail is back, but the back-off has not passed: nothing is due yet.
      expect(await drainOutbox(db, downDeliverers, new Date(now.getTime() + 1000))).toEqual({ sent: 0, failed: 0, dead: 0 });
      const retried = await drainOutbox(db, downDeliverers, new Date(now.getTime() + retryDelaySeconds(1) * 1000));
      expect(retried).toEqual({ sent: emails.length, failed: 0, dead: 0 });
      expect(restarted.messages.some((m) => m.subject?.includes(application!.referenceNumber) && m.text?.includes('已批准'))).toBe(true);
      const after = (await outboxRows()).filter((r) => r.kind === 'email');
      expect(after.every((r) => r.status === 'sent' && r.attempts === 2 && r.lastError === null)).toBe(true);
    } finally {
      await restarted.close();
    }
  });

  it('backs off exponentially with jitter after each failure, then marks the message dead and stops picking it up', async () => {
    const { db } = connection;
    const down: Deliverers = { ...deliverers, sendEmail: createMailer({ smtpUrl: `smtp://127.0.0.1:${await findFreePort()}`, from: FROM, outboxDir: tempDir }) };
    await queueEmails(1, 'doomed');
    let clock = afterQueued();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      // Not due a moment before its back-off has passed.
      if (attempt > 1) expect(await drainOutbox(db, down, new Date(clock.getTime() - 1))).toEqual({ sent: 0, failed: 0, dead: 0 });
      const outcome = await drainOutbox(db, down, clock);
      expect(outcome).toEqual(attempt < MAX_ATTEMPTS ? { sent: 0, failed: 1, dead: 0 } : { sent: 0, failed: 0, dead: 1 });
      const [row] = await outboxRows();
      expect(row).toMatchObject({ attempts: attempt, status: attempt < MAX_ATTEMPTS ? 'failed' : 'dead', sentAt: null });
      expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
      const delay = row!.nextAttemptAt.getTime() - clock.getTime();
      // Equal jitter: between half the ceiling and the ceiling (2, 4, 8 … s, capped at 10 min).
      expect(delay).toBeGreaterThanOrEqual((retryDelaySeconds(attempt) * 1000) / 2);
      expect(delay).toBeLessThanOrEqual(retryDelaySeconds(attempt) * 1000);
      delays.push(delay);
      clock = row!.nextAttemptAt;
    }
    expect(retryDelaySeconds(1)).toBe(2);
    expect(retryDelaySeconds(9)).toBe(512);
    expect(retryDelaySeconds(20)).toBe(600);
    // The schedule grows: each back-off is at least the previous ceiling's half doubled.
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]!).toBeGreaterThan(delays[i - 1]! / 2);
    // Even with mail working and a day later, a dead message stays dead and unsent.
    expect(await drainOutbox(db, deliverers, new Date(clock.getTime() + 86_400_000))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(0);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, sentAt: null });
  });

  it('spreads retries of messages that failed together (jitter), deterministically for a given random source', async () => {
    expect(retryDelayMs(3, () => 0)).toBe(4000);
    expect(retryDelayMs(3, () => 0.5)).toBe(6000);
    expect(retryDelayMs(3, () => 0.999999)).toBeLessThanOrEqual(8000);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(6)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('hands a message back when its sender dies holding the lease, and ignores the late outcome of that sender', async () => {
    const { db } = connection;
    await queueEmails(1, 'leased');
    const now = afterQueued();
    // The first sender claims the message and "crashes" inside delivery (never returns).
    let crashed: () => void = () => {};
    const hang = new Promise<void>((resolve) => (crashed = resolve));
    const stuck: Deliverers = { ...deliverers, sendEmail: async () => { await hang; throw new Error('sender died'); } };
    const first = drainOutbox(db, stuck, now, 20, { leaseSeconds: 60 });
    await vi.waitFor(async () => expect((await outboxRows())[0]!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000));

    // While the lease holds, nobody else takes it.
    expect(await drainOutbox(db, deliverers, new Date(now.getTime() + 59_000))).toEqual({ sent: 0, failed: 0, dead: 0 });
    // When it has run out, another instance delivers it.
    expect(await drainOutbox(db, deliverers, new Date(now.getTime() + 60_000))).toEqual({ sent: 1, failed: 0, dead: 0 });
    crashed();
    await first;
    // The late failure of the dead sender does not overwrite the delivery.
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(smtp.messages).toHaveLength(1);
  });

  it('lists failed and dead messages masked for supervisors and admins only, and "retry now" puts one back (audited)', async () => {
    const { db } = connection;
    const down: Deliverers = { ...deliverers, sendEmail: async (m) => { throw new Error(`550 mailbox ${m.to} unavailable`); } };
    await queueEmails(2, 'dead-letter');
    const now = afterQueued();
    expect(await drainOutbox(db, down, now)).toEqual({ sent: 0, failed: 2, dead: 0 });
    const [first, second] = await outboxRows();
    await db.update(outboxMessages).set({ status: 'dead', attempts: MAX_ATTEMPTS }).where(eq(outboxMessages.id, second!.id));

    const clerk = await staffByUsername(db, 'clerk06');
    const supervisor = await staffByUsername(db, 'supervisor');
    const admin = await staffByUsername(db, 'admin');
    expect((await listUndeliveredMessages(db, clerk)).status).toBe('forbidden');
    expect((await retryOutboxMessage(db, clerk, second!.id)).status).toBe('forbidden');

    const listed = await listUndeliveredMessages(db, supervisor);
    if (listed.status !== 'ok') throw new Error(JSON.stringify(listed));
    expect(listed.data.counts).toEqual({ failed: 1, dead: 1 });
    expect(listed.data.messages.map((m) => [m.id, m.status, m.recipient, m.attempts])).toEqual([
      [second!.id, 'dead', 'c*******@example.test', MAX_ATTEMPTS],
      [first!.id, 'failed', 'c*******@example.test', 1],
    ]);
    // The stored error quotes the address; staff see it masked.
    expect(listed.data.messages[0]!.lastError).toBe('550 mailbox c*******@example.test unavailable');
    expect(JSON.stringify(listed.data)).not.toContain('citizen2@example.test');

    const auditBefore = (await db.select().from(auditEvents).where(eq(auditEvents.action, 'outbox.retried'))).length;
    expect(await retryOutboxMessage(db, admin, second!.id, now)).toEqual({ status: 'ok', data: { id: second!.id } });
    expect((await retryOutboxMessage(db, admin, second!.id, now)).status).toBe('conflict');
    expect((await retryOutboxMessage(db, admin, 'nope')).status).toBe('not_found');
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'outbox.retried'));
    expect(audits).toHaveLength(auditBefore + 1);
    expect(audits.at(-1)).toMatchObject({ actorType: 'staff', actorId: admin.staffId, subjectType: 'outbox_message', subjectId: String(second!.id) });
    expect(audits.at(-1)!.details).toEqual({ kind: 'email', statusBefore: 'dead', attemptsBefore: MAX_ATTEMPTS });

    // Back in the queue, due now: the next drain delivers it once.
    expect(await drainOutbox(db, deliverers, now)).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(smtp.messages.map((m) => recipientsOf(m))).toEqual([['citizen2@example.test']]);
    expect((await outboxRows()).map((r) => r.status)).toEqual(['failed', 'sent']);
  });

  it('never sends one message twice when two drains run at the same time', async () => {
    const { db } = connection;
    const total = 20;
    await queueEmails(total, 'concurrent');
    const ids = (await outboxRows()).map((r) => r.id);

    // Each drain holds its first send until the other has started (or finished), so both are
    // mid-delivery together however the scheduler runs them.
    const started = [false, false];
    let release: () => void = () => {};
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const markStarted = (i: number) => {
      started[i] = true;
      if (started.every(Boolean)) release();
    };
    const gated = (i: number): Deliverers => ({
      sendSms: deliverers.sendSms,
      sendEmail: async (message) => {
        markStarted(i);
        await bothStarted;
        await deliverers.sendEmail(message);
      },
    });
    const now = afterQueued();
    // On PostgreSQL the second drainer is a separate connection pool, as a second app instance
    // would have; PGlite is one process's database, so both share it there.
    const other = target.kind === 'postgresql' ? await openDatabase(target) : null;
    const dbs = [db, other?.db ?? db];
    const run = (i: number) => drainOutbox(dbs[i]!, gated(i), now, total / 2).finally(() => markStarted(i));
    const [a, b] = await Promise.all([run(0), run(1)]).finally(() => other?.close());

    expect(a.sent + b.sent).toBe(total);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(smtp.messages).toHaveLength(total);
    expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(total);
    const rows = await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});

describe('dev delivery adapters', () => {
  let tempDir: string;
  beforeEach(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'eid-dev-adapters-'));
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    await fs.rm(tempDir, { recursive: true, force: true });
  });

  it('writes a readable .eml file into OUTBOX_DIR/mail when no SMTP server is configured', async () => {
    const send = createMailer({ from: FROM, outboxDir: tempDir });
    await send({ to: 'citizen@example.test', subject: '【武汉公安】申请已受理 / Application received', text: '李明，您好：\n申请编号 WH2026112000001' });

    const files = await fs.readdir(path.join(tempDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{13}-citizen@example\.test\.eml$/);
    const raw = await fs.readFile(path.join(tempDir, 'mail', files[0]!));
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('【武汉公安】申请已受理 / Application received');
    expect(mail.text?.trim()).toBe('李明，您好：\n申请编号 WH2026112000001');
    expect(recipientsOf(mail)).toEqual(['citizen@example.test']);
    expect(mail.from?.value[0]?.address).toBe('no-reply@eid.wuhan.example');
  });

  it('writes one .eml file per message even when two go to one address in the same millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T03:00:00Z'));
    const send = createMailer({ from: FROM, outboxDir: tempDir });
    await send({ to: 'citizen@example.test', subject: 'first', text: 'first' });
    await send({ to: 'citizen@example.test', subject: 'second', text: 'second' });

    const files = (await fs.readdir(path.join(tempDir, 'mail'))).sort();
    expect(files).toHaveLength(2);
    const subjects = await Promise.all(files.map(async (f) => (await simpleParser(await fs.readFile(path.join(tempDir, 'mail', f)))).subject));
    expect(subjects).toEqual(['first', 'second']);
  });

  it('writes each SMS as <epoch>-<phone>.json carrying the one-time code', async () => {
    const send = createDevSmsSender(tempDir);
    await send({ to: '13800000001', text: '【武汉公安】您的登录验证码为 123456', code: '123456' });

    const files = await fs.readdir(path.join(tempDir, 'sms'));
    expect(files).toHaveLength(1);
    const match = /^(\d{13})-13800000001\.json$/.exec(files[0]!);
    expect(match).not.toBeNull();
    const file = path.join(tempDir, 'sms', files[0]!);
    const body = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, string>;
    expect(body).toMatchObject({ to: '13800000001', code: '123456', text: '【武汉公安】您的登录验证码为 123456' });
    expect(Date.parse(body.sentAt!)).toBe(Number(match![1]));
    // A one-time code is a secret: only the owner of the process may read the file.
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps both SMS to one phone sent in the same millisecond, the later one newest', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T03:00:00Z'));
    const send = createDevSmsSender(tempDir);
    await send({ to: '13800000001', text: '您的申请已提交', code: undefined });
    await send({ to: '13800000001', text: '您的登录验证码为 654321', code: '654321' });

    const files = await fs.readdir(path.join(tempDir, 'sms'));
    expect(files).toHaveLength(2);
    // Readers (the e2e helpers, a developer) take the highest epoch as the latest message.
    const newest = files.sort((x, y) => Number(y.split('-')[0]) - Number(x.split('-')[0]))[0]!;
    const body = JSON.parse(await fs.readFile(path.join(tempDir, 'sms', newest), 'utf8')) as Record<string, string>;
    expect(body.code).toBe('654321');
  });
});

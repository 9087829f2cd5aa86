// Fault test: the mail server is down while citizens submit. Nothing may be lost (every e-mail
// waits in the outbox with a back-off) and, once the server is back, every e-mail is delivered
// exactly once — counts of applications and mails before and after match exactly.
import fs from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtpServer, type SmtpSink } from '@/e2e/support/smtp';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { applications, outboxMessages } from '@/db/schema';
import { submitApplication } from '@/lib/applications/submit-application';
import { createMailer } from '@/lib/mail/mailer';
import { createDevSmsSender } from '@/lib/sms/dev-sms';
import { citizenByPhone, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { drainOutbox, retryDelaySeconds, type Deliverers } from './outbox';

const FROM = '武汉市公安局电子身份证服务 <no-reply@eid.wuhan.example>';
const SUBMISSIONS = 12;

async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(TEST_TARGETS)('SMTP outage on $kind', (target) => {
  let connection: Connection;
  let tempDir: string;
  let smtp: SmtpSink | undefined;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'eid-smtp-outage-'));
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await smtp?.close();
    await connection?.close();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  });

  it('queues every e-mail while the mail server is down and delivers each exactly once when it is back', async () => {
    const { db } = connection;
    await db.delete(outboxMessages);
    const port = await findFreePort(); // nothing listens here yet: the mail server is "down"
    const deliverers: Deliverers = {
      sendEmail: createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, outboxDir: tempDir }),
      sendSms: createDevSmsSender(tempDir),
    };
    const [applicationsBefore] = await db.select({ n: count() }).from(applications);

    // Citizens submit during the outage; each submit is followed by a drain, as the app kicks one.
    let clock = new Date(Date.now() + 1000);
    const references: string[] = [];
    for (let i = 0; i < SUBMISSIONS; i += 1) {
      const citizen = await citizenByPhone(db, DEMO_CITIZENS[i % DEMO_CITIZENS.length]!.phone);
      const submitted = await submitApplication(db, citizen, await validTransferInput(db, citizen, { notificationEmail: `outage${i}@example.test` }));
      if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
      references.push(submitted.data.referenceNumber);
      await drainOutbox(db, deliverers, clock);
    }
    // Two more rounds of retries while still down, each when the back-off has passed.
    for (let round = 0; round < 2; round += 1) {
      clock = new Date(clock.getTime() + retryDelaySeconds(round + 2) * 1000);
      await drainOutbox(db, deliverers, clock);
    }

    const [applicationsDuring] = await db.select({ n: count() }).from(applications);
    expect(applicationsDuring!.n - applicationsBefore!.n).toBe(SUBMISSIONS);
    const emailsDuring = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'email'));
    // Nothing lost: one e-mail per submission, none sent, all waiting with a back-off after ≥ 1 failure.
    expect(emailsDuring).toHaveLength(SUBMISSIONS);
    for (const email of emailsDuring) {
      expect(email.status).toBe('failed');
      expect(email.sentAt).toBeNull();
      expect(email.attempts).toBeGreaterThanOrEqual(1);
      expect(email.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(email.nextAttemptAt.getTime()).toBeGreaterThan(clock.getTime());
    }
    // SMS do not depend on the mail server.
    const sms = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'sms'));
    expect(sms).toHaveLength(SUBMISSIONS);
    expect(sms.every((m) => m.status === 'sent')).toBe(true);

    // The mail server comes back on the same address.
    smtp = await startSmtpServer(port);
    // Drain until nothing is left, moving the clock past the longest back-off, then drain a few
    // more times: a message delivered once must never go out again.
    for (let round = 0; round < 6; round += 1) {
      clock = new Date(clock.getTime() + retryDelaySeconds(10) * 1000);
      await drainOutbox(db, deliverers, clock, 5);
    }

    expect(smtp.messages).toHaveLength(SUBMISSIONS);
    const delivered = smtp.messages.map((m) => references.find((r) => m.subject?.includes(r)));
    expect(new Set(delivered).size).toBe(SUBMISSIONS);
    expect([...delivered].sort()).toEqual([...references].sort());
    const emailsAfter = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'email'));
    expect(emailsAfter).toHaveLength(SUBMISSIONS);
    expect(emailsAfter.every((m) => m.status === 'sent' && m.sentAt instanceof Date && m.lastError === null)).toBe(true);
    const [applicationsAfter] = await db.select({ n: count() }).from(applications);
    expect(applicationsAfter!.n).toBe(applicationsDuring!.n);
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { EmailPayload } from '@/lib/notifications/outbox';

export type MailerConfig = { smtpUrl?: string; from: string; outboxDir: string };

/**
 * With SMTP_URL, real SMTP; without it, each message is written as an .eml file under
 * OUTBOX_DIR/mail so a developer can open it.
 */
export function createMailer(config: MailerConfig): (message: EmailPayload) => Promise<void> {
  if (config.smtpUrl) {
    // Timeouts well inside the outbox's 5-minute claim, so a hung server cannot outlive the claim
    // and let another instance send the same message again.
    const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
    return async (message) => {
      await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = path.join(config.outboxDir, 'mail');
  return async (message) => {
    const info = await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
    await fs.mkdir(dir, { recursive: true });
    const recipient = message.to.replace(/[^\w.@-]/g, '_');
    // Two messages to one address in the same millisecond must not overwrite each other.
    for (let epoch = Date.now(); ; epoch += 1) {
      try {
        await fs.writeFile(path.join(dir, `${epoch}-${recipient}.eml`), info.message as Buffer, { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  };
}

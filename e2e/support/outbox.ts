/**
 * Reads what the app's dev SMS adapter wrote: one JSON file per SMS in <OUTBOX_DIR>/sms, named
 * `<epochMillis>-<phone>.json`, containing { to, text, code, sentAt }.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { outboxDir } from './paths';

export { outboxDir } from './paths';

export interface OutboxSms {
  to: string;
  text: string;
  code?: string;
  sentAt?: string;
  /** File the message was read from. */
  file: string;
  /** Epoch millis from the file name. */
  sentAtMs: number;
}

/** Folder the SMS files land in. */
export function smsDir(): string {
  return path.join(outboxDir(), 'sms');
}

const FILE_RE = /^(\d+)-(.+)\.json$/;

async function listSmsFiles(phone: string): Promise<{ name: string; ms: number }[]> {
  let names: string[];
  try {
    names = await fs.readdir(smsDir());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files: { name: string; ms: number }[] = [];
  for (const name of names) {
    const m = FILE_RE.exec(name);
    if (m && m[2] === phone) files.push({ name, ms: Number(m[1]) });
  }
  // Newest first; ties broken by name so the order is stable.
  return files.sort((a, b) => b.ms - a.ms || b.name.localeCompare(a.name));
}

const ANY_SMS = () => true;

/**
 * Waits for the newest SMS to `phone` sent at or after `sinceMs` (epoch millis) that `accept` takes
 * (any, by default) and returns it. Retries files that are still being written (unparseable JSON) until
 * the timeout.
 */
export async function readLatestSms(phone: string, sinceMs: number, timeoutMs = 10_000, accept: (sms: OutboxSms) => boolean = ANY_SMS): Promise<OutboxSms> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = '';
  for (;;) {
    const files = (await listSmsFiles(phone)).filter((f) => f.ms >= sinceMs);
    for (const f of files) {
      const file = path.join(smsDir(), f.name);
      try {
        const sms = { ...(JSON.parse(await fs.readFile(file, 'utf8')) as Omit<OutboxSms, 'file' | 'sentAtMs'>), file, sentAtMs: f.ms };
        if (accept(sms)) return sms;
      } catch (err) {
        lastProblem = `${f.name}: ${(err as Error).message}`;
        break; // newest file not complete yet: poll again rather than fall back to an older code
      }
    }
    if (Date.now() >= deadline) {
      const all = await listSmsFiles(phone);
      throw new Error(
        `No ${accept === ANY_SMS ? '' : 'matching '}SMS to ${phone} since ${new Date(sinceMs).toISOString()} in ${smsDir()} within ${timeoutMs} ms` +
          (all.length ? ` (older files: ${all.slice(0, 5).map((f) => f.name).join(', ')})` : ' (no files for this phone)') +
          (lastProblem ? `; last read error: ${lastProblem}` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The one-time code an SMS carries: its `code` field, or the first 6-digit number in the text. */
function codeOf(sms: OutboxSms): string | undefined {
  return sms.code?.trim() || /(?<!\d)\d{6}(?!\d)/.exec(sms.text ?? '')?.[0];
}

/**
 * Waits for the newest SMS with a one-time code to `phone` sent at or after `sinceMs` and returns the
 * code. Other texts to the same phone in the meantime (a notice that the clerk asked for material, sent
 * by the outbox a moment after the code) are passed over, not taken for the code.
 */
export async function readLatestSmsCode(phone: string, sinceMs: number, timeoutMs = 10_000): Promise<string> {
  return (await readLatestCodeSms(phone, sinceMs, timeoutMs)).code;
}

/**
 * readLatestSmsCode with the time the SMS was written, so a later read can ask for a newer one than
 * this: two codes sent within the margin a `sinceMs` leaves would otherwise both match the older text
 * until the newer one is written.
 */
export async function readLatestCodeSms(phone: string, sinceMs: number, timeoutMs = 10_000): Promise<{ code: string; sentAtMs: number }> {
  const sms = await readLatestSms(phone, sinceMs, timeoutMs, (candidate) => codeOf(candidate) !== undefined);
  return { code: codeOf(sms)!, sentAtMs: sms.sentAtMs };
}

/**
 * A real SMTP sink for the journey tests: the e2e server's SMTP_URL points at it
 * (smtp://127.0.0.1:2526, see paths.ts). No TLS, any (or no) credentials accepted.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export type { ParsedMail } from 'mailparser';

export interface SmtpSink {
  /** Every message received so far, in arrival order. */
  messages: ParsedMail[];
  /**
   * Resolves with the first message (already received or arriving later, in arrival order) that
   * matches `predicate`; rejects after `timeoutMs` (default 30 s) or when the sink is closed.
   */
  waitForMessage(predicate: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (m: ParsedMail) => boolean;
  resolve: (m: ParsedMail) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startSmtpServer(port: number): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<Waiter>();

  const deliver = (mail: ParsedMail) => {
    messages.push(mail);
    for (const w of [...waiters]) {
      let matched = false;
      try {
        matched = w.predicate(mail);
      } catch (err) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.reject(err as Error);
        continue;
      }
      if (matched) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(mail);
      }
    }
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Don't hold close() for 30 s when the app keeps a pooled connection open.
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          deliver(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`SMTP sink could not listen on 127.0.0.1:${port}: ${err.message}`));
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      // Later errors (a client dropping mid-session) must not crash the test process.
      server.on('error', () => {});
      resolve();
    });
  });

  let closed = false;

  return {
    messages,
    waitForMessage(predicate, timeoutMs = 30_000) {
      const existing = messages.find(predicate);
      if (existing) return Promise.resolve(existing);
      if (closed) return Promise.reject(new Error('SMTP sink is closed'));
      return new Promise<ParsedMail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const seen = messages.map((m) => `"${m.subject ?? ''}" → ${m.to ? [m.to].flat().map((a) => a.text).join(', ') : '?'}`);
            reject(
              new Error(
                `No matching mail within ${timeoutMs} ms on SMTP port ${port}; received ${messages.length}` +
                  (seen.length ? `: ${seen.join('; ')}` : ''),
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.reject(new Error('SMTP sink closed'));
      }
      waiters.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Where an e2e run keeps its files. Shared by playwright.config.ts (runner and workers) and the tests.
 *
 * The run id is fixed once per `playwright test` invocation: the config module (evaluated first in the
 * runner) sets process.env.E2E_RUN_ID, and worker processes inherit the runner's environment, so every
 * process computes the same folders.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Project root (this file lives in <root>/e2e/support). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** Overridable so two checkouts can run their e2e suites side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** Port of the SMTP sink the journey test starts (e2e/support/smtp.ts); the app gets SMTP_URL pointing here. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT || 2526);
/** Courier webhook key of the e2e server; the tests sign their tracking events with it. */
export const E2E_COURIER_WEBHOOK_SECRET = 'e2e-courier-webhook-secret-5b0c2f9e';
/** Fixed personal-data key ring of the e2e server (same as TEST_PII_KEYS in lib/privacy/pii-keys.ts). */
export const E2E_PII_KEYS = JSON.stringify({
  active: 't1',
  keys: [{ id: 't1', enc: Buffer.alloc(16, 1).toString('base64'), mac: Buffer.alloc(32, 2).toString('base64') }],
  index: Buffer.alloc(32, 3).toString('base64'),
});
/** Fixed NEXTAUTH_SECRET for the e2e server. */
export const E2E_NEXTAUTH_SECRET = 'e2e-test-secret-d1f0c6a7b2e94e1f8a3c5b7d9e0f1a2b';

function ensureRunId(): string {
  const existing = process.env.E2E_RUN_ID?.trim();
  if (existing) return existing;
  const id = String(Date.now());
  process.env.E2E_RUN_ID = id;
  return id;
}

/** Epoch millis of the run (stable across the runner and its workers). */
export const E2E_RUN_ID = ensureRunId();

/** Root of all e2e runs' files. */
export const E2E_ROOT_DIR = path.join(ROOT, '.data', 'e2e');
/** Fresh embedded database folder of this run (PGLITE_DATA_DIR of the server). */
export const E2E_PGLITE_DIR = path.join(E2E_ROOT_DIR, `pglite-${E2E_RUN_ID}`);
/** OUTBOX_DIR of the server in this run: SMS land in <dir>/sms, file mail in <dir>/mail. */
export const E2E_OUTBOX_DIR = path.join(E2E_ROOT_DIR, `outbox-${E2E_RUN_ID}`);

/** The outbox folder tests should read: OUTBOX_DIR if set (playwright.config.ts sets it), else this run's. */
export function outboxDir(): string {
  return process.env.OUTBOX_DIR?.trim() || E2E_OUTBOX_DIR;
}

/** Environment of the `next start` process that Playwright launches. */
export function e2eServerEnv(): Record<string, string> {
  return {
    PORT: String(E2E_PORT),
    // Explicitly empty: use the embedded database even if the caller has a DATABASE_URL.
    DATABASE_URL: '',
    PGLITE_DATA_DIR: E2E_PGLITE_DIR,
    OUTBOX_DIR: E2E_OUTBOX_DIR,
    DEMO_SEED: 'true',
    NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
    PII_KEYS: E2E_PII_KEYS,
    NEXTAUTH_URL: E2E_BASE_URL,
    PUBLIC_BASE_URL: E2E_BASE_URL,
    SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
    OUTBOX_POLL_MS: '500',
    COURIER_WEBHOOK_SECRET: E2E_COURIER_WEBHOOK_SECRET,
    E2E_RUN_ID,
    E2E_DATA_DIR: E2E_PGLITE_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    // The suite plays the part of the load balancer in front of the portal: each citizen's browser
    // context sends X-Forwarded-For with that person's device address (e2e/support/people.ts), as one
    // trusted proxy would append it. Without this the portal (default 0 hops) keys every per-device
    // limit on the socket, 127.0.0.1, and the suite's sign-ins would pool into one device's 20 codes.
    TRUSTED_PROXY_HOPS: '1',
    // No FACE_* here: the real-person check runs with the shipped defaults (action pool, time limit,
    // thresholds). What ships is what is tested.
  };
}

/** True when a production build exists (.next/BUILD_ID). */
export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
}

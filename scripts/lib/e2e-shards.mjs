// Splits the Playwright journeys into shards that run side by side (scripts/test.mjs's e2e step).
//
// Each shard is its own `playwright test` with its own `next start`, embedded database, outbox, SMTP
// sink and ports, exactly as the whole suite runs alone: no journey shares data with another shard's,
// so running them together changes only how busy the machine is. Files are dealt out longest first
// (LPT) by how long each took in a serial run, so the shards end close together.
import fs from 'node:fs';

/**
 * Seconds each spec file took in a serial run on the 2-core CI machine (2026-12-06, `--only=e2e`,
 * one worker; the whole run 8.3 minutes). Only the balance uses them: a file missing here counts as
 * DEFAULT_SECONDS, and a stale figure makes the shards end less evenly, never skips a file.
 */
export const SPEC_SECONDS = {
  'accessibility.spec.ts': 114,
  'real-person.spec.ts': 99,
  'eid.spec.ts': 72,
  'household-transfer.spec.ts': 36,
  'citizen-services.spec.ts': 23,
  'mail-delivery.spec.ts': 17,
  'security-headers.spec.ts': 14,
  'clerk-queue.spec.ts': 12,
  'service-designer.spec.ts': 12,
  'counter-pickup.spec.ts': 11,
  'journey-edges.spec.ts': 10,
  'start.spec.ts': 8,
  'two-factor.spec.ts': 8,
  'cafe-checkin.spec.ts': 7,
  'counter-assist.spec.ts': 7,
  'event-gate.spec.ts': 6,
  'two-instances.spec.ts': 5,
  'privacy.spec.ts': 5,
  'multi-process.spec.ts': 2,
  'sign-in.spec.ts': 2,
};
export const DEFAULT_SECONDS = 10;

/**
 * Journeys that measure the browser's main thread (the face check: no task over 200 ms) run alone,
 * after the shards: beside another shard's Chromium running axe on two cores, tasks of tens of
 * milliseconds waited for a CPU and were stretched past 200 ms (478 ms in one CI run), which measured
 * the machine, not the page. Alone, the same journey had no long task at all.
 */
export const SOLO_SPECS = ['real-person.spec.ts'];

/** `files` split into those the shards share out and those that run alone afterwards. */
export function splitSolo(files, solo = SOLO_SPECS) {
  return { shared: files.filter((f) => !solo.includes(f)), solo: files.filter((f) => solo.includes(f)) };
}

/** The spec files directly in `dir` (the journeys; `support/` holds helpers), sorted by name. */
export function listSpecFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.spec.ts'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Deals `files` into at most `count` shards, longest first, each to the shard with the least time so
 * far (ties: the lower shard; equal times: by name, so the plan is the same on every machine).
 * Every file lands in exactly one shard; no shard is empty.
 */
export function planShards(files, count, seconds = SPEC_SECONDS) {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be a positive integer, not ${count}`);
  const weight = (file) => seconds[file] ?? DEFAULT_SECONDS;
  const ordered = [...new Set(files)].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
  const shards = Array.from({ length: Math.min(count, ordered.length) }, () => ({ files: [], seconds: 0 }));
  for (const file of ordered) {
    let target = shards[0];
    for (const shard of shards) if (shard.seconds < target.seconds) target = shard;
    target.files.push(file);
    target.seconds += weight(file);
  }
  return shards.map((shard) => ({ files: shard.files.sort(), seconds: shard.seconds }));
}

/** A testMatch pattern for Playwright that matches exactly these file names (whole names, in any folder). */
export function specFilesPattern(names) {
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`[\\\\/](${escaped.join('|')})$`);
}

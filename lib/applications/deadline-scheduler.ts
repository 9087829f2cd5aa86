import 'server-only';
import { getDb } from '@/db/client';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import { runDeadlineSweep } from './deadline-sweep';

/** Every five minutes; every instance runs it, the sweep itself makes that safe. */
const SWEEP_EVERY_MS = 5 * 60 * 1000;

const state = globalThis as unknown as { __eidDeadlineSweep?: NodeJS.Timeout };

async function sweepOnce() {
  try {
    const result = await runDeadlineSweep(await getDb());
    if (result.warned + result.escalated > 0) {
      console.info(`[deadlines] ${result.warned} warned, ${result.escalated} escalated`);
      kickOutbox();
    }
  } catch (error) {
    console.error('[deadlines] sweep failed:', error instanceof Error ? error.message : error);
  }
}

export function startDeadlineSweeper(): void {
  if (state.__eidDeadlineSweep) return;
  state.__eidDeadlineSweep = setInterval(() => void sweepOnce(), SWEEP_EVERY_MS);
  state.__eidDeadlineSweep.unref();
  void sweepOnce();
}

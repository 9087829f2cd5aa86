// Child-process helpers shared by scripts/start.mjs and scripts/test.mjs.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Signal number for an exit code of 128+n (what a shell reports for a child killed by a signal). */
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/**
 * Run `command args` with inherited stdio, forwarding SIGINT/SIGTERM/SIGHUP to it while it runs.
 * With `prefix`, its output is read line by line and written with the prefix in front, so several
 * children can run side by side and each line still says whose it is (stdin is then closed).
 * Resolves with { code, signal, exitCode } where exitCode is the shell-style code
 * (the child's code, or 128+signal number when it was killed by a signal).
 * Never rejects for a non-zero exit; rejects only if the process cannot be spawned.
 */
export function run(command, args, { env = process.env, cwd = process.cwd(), onSignal, prefix } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit', env, cwd });
    const streams = [];
    if (prefix) {
      for (const [from, to] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ]) {
        const lines = readline.createInterface({ input: from, crlfDelay: Infinity });
        lines.on('line', (line) => to.write(`${prefix}${line}\n`));
        streams.push(new Promise((done) => lines.once('close', done)));
      }
    }
    const handlers = new Map();
    for (const sig of FORWARDED) {
      const handler = () => {
        onSignal?.(sig);
        // On a terminal Ctrl-C the child (same process group) already got SIGINT;
        // forwarding again is harmless and covers `kill <our pid>`.
        if (child.exitCode === null && child.signalCode === null) {
          try {
            child.kill(sig);
          } catch {
            /* already gone */
          }
        }
      };
      handlers.set(sig, handler);
      process.on(sig, handler);
    }
    const cleanup = () => {
      for (const [sig, handler] of handlers) process.off(sig, handler);
    };
    child.once('error', (err) => {
      cleanup();
      reject(err);
    });
    // 'close' (not 'exit'): the last lines of a prefixed child are written before we resolve.
    child.once('close', async (code, signal) => {
      cleanup();
      await Promise.all(streams);
      const exitCode = code ?? (signal ? 128 + (SIGNALS[signal] ?? 1) : 1);
      resolve({ code, signal, exitCode });
    });
  });
}

/** Format milliseconds as e.g. "1m 02.3s" or "4.1s". */
export function formatDuration(ms) {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${(s - m * 60).toFixed(1).padStart(4, '0')}s`;
}

// A process and all its descendants, read from /proc: what the benchmarks measure a server by (`next
// start` may fork, and scripts/start.mjs's cluster runs several web processes and a jobs process).
import fs from 'node:fs';

const TICK_MS = 1000 / 100; // USER_HZ on Linux

/** The pid and every descendant's pid (those alive now). */
export function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i += 1) for (const [pid, ppid] of parents) if (ppid === pids[i]) pids.push(pid);
  return pids;
}

/** utime + stime of the process tree so far, in ms. */
export function treeCpuMs(rootPid: number): number {
  let ms = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      // gone meanwhile
    }
  }
  return ms;
}

/** A memory figure of /proc/<pid>/status (VmRSS, VmHWM) summed over the process tree, in bytes. */
export function treeStatusBytes(rootPid: number, field: string): number {
  let bytes = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      bytes += match ? Number(match[1]) * 1024 : 0;
    } catch {
      // gone meanwhile
    }
  }
  return bytes;
}

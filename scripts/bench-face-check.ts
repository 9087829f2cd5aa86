// npm run bench:face-check [-- --runs 10]
// The real-person check on this machine: time to load the face models (human 3.3.6, WASM backend,
// in Node) and, per evidence set (registry photo + neutral frame + 3 action frames, persona A's
// fixtures), wall time and CPU time of the server's whole verdict. Target: under 2 s per set.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChallenge } from '@/lib/face/challenge';
import { getFaceConfig } from '@/lib/face/config';
import { getFaceEngine } from '@/lib/face/engine';
import { verifyRealPerson } from '@/lib/face/verify-real-person';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const FIXTURES = process.env.FACE_FIXTURES_DIR ?? path.resolve(process.cwd(), '..', 'shared', 'testdata', 'faces');
const photo = (n: number) => new Uint8Array(readFileSync(path.join(FIXTURES, `stock-emotions-a-${n}.jpg`)));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const config = getFaceConfig({});
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await getFaceEngine();
  const loadMs = performance.now() - t0;
  const loadCpu = process.cpuUsage(cpu0);

  const registryPhoto = photo(1);
  const images = [photo(1), photo(2), photo(5), photo(6)];
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const now = new Date();
    const challenge = { ...createChallenge(now, () => 0, config.challengeTtlMs), actions: ['turn_left', 'nod', 'open_mouth'] as const };
    const frames = images.map((bytes, k) => ({ action: (['neutral', ...challenge.actions] as const)[k]!, capturedAt: new Date(now.getTime() + k + 1), bytes }));
    const c = process.cpuUsage();
    const s = performance.now();
    const verdict = await verifyRealPerson({ challenge: { ...challenge, actions: [...challenge.actions] }, frames, registryPhoto, now: new Date(now.getTime() + 10), config });
    const elapsed = performance.now() - s;
    const used = process.cpuUsage(c);
    if (!verdict.passed) throw new Error(`fixture evidence should pass, got ${verdict.reason}`);
    if (i === 0) continue; // the first run warms the WASM kernels up
    wall.push(elapsed);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Real-person check on ${os.cpus().length}× ${cpuModel}, Node ${process.version}, human 3.3.6 (WASM backend)`);
  console.log(`model load:            ${loadMs.toFixed(0)} ms wall, ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU (once per process)`);
  console.log(`verify one evidence set (registry photo + 4 frames ${images.map((b) => `${(b.length / 1024).toFixed(0)} KB`).join('/')}), ${runs} runs after a warm-up:`);
  console.log(`  wall  p50 ${percentile(wall, 50).toFixed(0)} ms  p95 ${percentile(wall, 95).toFixed(0)} ms  max ${wall.at(-1)!.toFixed(0)} ms`);
  console.log(`  CPU   p50 ${percentile(cpu, 50).toFixed(0)} ms  p95 ${percentile(cpu, 95).toFixed(0)} ms  max ${cpu.at(-1)!.toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

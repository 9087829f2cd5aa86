// npm run bench:face-check [-- --runs 10]
// The real-person check on this machine: time to load the face models (human 3.3.6, WASM backend,
// in Node) and, per evidence set (neutral frame + 3 action frames of persona A against A-1 as the
// registry photo), wall and CPU time of the server's whole verdict — with the frames as the capture
// page sends them (480×600 JPEG, like the e2e fake camera) and at the fixtures' own size (1024×1280).
// The registry photo's analysis is kept per process (a repeat attempt); its one-off cost is shown
// apart. Target: under 2 s per evidence set.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChallenge } from '@/lib/face/challenge';
import { getFaceConfig } from '@/lib/face/config';
import jpeg from 'jpeg-js';
import { analyzeImage, getFaceEngine } from '@/lib/face/engine';
import { verifyRealPerson } from '@/lib/face/verify-real-person';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const FIXTURES = process.env.FACE_FIXTURES_DIR ?? path.resolve(process.cwd(), '..', 'shared', 'testdata', 'faces');
const photo = (n: number) => new Uint8Array(readFileSync(path.join(FIXTURES, `stock-emotions-a-${n}.jpg`)));

/** The photo scaled (cover, centred) to the capture page's frame size and re-encoded as JPEG. */
function asWebcamFrame(bytes: Uint8Array, width = 480, height = 600): Uint8Array {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const scale = Math.max(width / img.width, height / img.height);
  const ox = (img.width - width / scale) / 2;
  const oy = (img.height - height / scale) / 2;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.round(ox + x / scale));
      const sy = Math.min(img.height - 1, Math.round(oy + y / scale));
      out.set(img.data.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return new Uint8Array(jpeg.encode({ data: out, width, height }, 90).data);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const config = getFaceConfig({});
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await getFaceEngine();
  const loadMs = performance.now() - t0;
  const loadCpu = process.cpuUsage(cpu0);

  const registryPhoto = photo(1);
  const c0 = process.cpuUsage();
  const r0 = performance.now();
  await analyzeImage(registryPhoto);
  const registryMs = performance.now() - r0;
  const registryCpu = process.cpuUsage(c0);

  const fixtures = [photo(1), photo(2), photo(5), photo(6)];
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Real-person check on ${os.cpus().length}× ${cpuModel}, Node ${process.version}, human 3.3.6 (WASM backend), load average ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`model load:                 ${loadMs.toFixed(0)} ms wall, ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU (once per process)`);
  console.log(`registry photo analysis:    ${registryMs.toFixed(0)} ms wall, ${((registryCpu.user + registryCpu.system) / 1000).toFixed(0)} ms CPU (once per photo and process)`);
  for (const [label, images] of [
    ['frames as the page sends them (480×600)', fixtures.map((b) => asWebcamFrame(b))],
    ['frames at fixture size (1024×1280)', fixtures],
  ] as const) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const now = new Date();
      const actions = ['turn_left', 'nod', 'open_mouth'] as const;
      const challenge = { ...createChallenge(now, () => 0, config.challengeTtlMs), actions: [...actions] };
      const frames = images.map((bytes, k) => ({ action: (['neutral', ...actions] as const)[k]!, capturedAt: new Date(now.getTime() + k + 1), bytes }));
      const c = process.cpuUsage();
      const s = performance.now();
      const verdict = await verifyRealPerson({ challenge, frames, registryPhoto, now: new Date(now.getTime() + 10), config });
      const elapsed = performance.now() - s;
      const used = process.cpuUsage(c);
      if (!verdict.passed) throw new Error(`fixture evidence should pass, got ${verdict.reason} ${JSON.stringify(verdict.scores.frames.map((f) => f.registrySimilarity))}`);
      if (i === 0) continue; // the first run warms the WASM kernels up
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(`verify one evidence set, ${label}, ${runs} runs (KB: ${images.map((b) => (b.length / 1024).toFixed(0)).join('/')}):`);
    console.log(`  wall  p50 ${percentile(wall, 50).toFixed(0)} ms  p95 ${percentile(wall, 95).toFixed(0)} ms`);
    console.log(`  CPU   p50 ${percentile(cpu, 50).toFixed(0)} ms  p95 ${percentile(cpu, 95).toFixed(0)} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
